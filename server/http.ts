/**
 * The HTTP side (Express 5): the API AV tools and scripts use, with the same command objects as
 * the socket, and the built pages. Every refusal is `{ ok: false, error: { code, message, key,
 * params? } }` (the key and values of `shared/refusals.ts`) with the status `ERROR_STATUS` gives it.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { z } from 'zod';
import { ERROR_STATUS, type GavelError } from '../shared/errors.ts';
import type { GavelEvent } from '../shared/events.ts';
import { nowLine, nowSummary } from '../shared/now.ts';
import {
  isLanguageCode,
  localText,
  parseProgramme,
  programmeError,
  type Programme,
} from '../shared/programme.ts';
import {
  describeCsvProblem,
  exportProgrammeCsv,
  importProgrammeCsv,
  type CsvProblem,
} from '../shared/programmeCsv.ts';
import { programmeFileOf } from '../shared/programmeExport.ts';
import { PROTOCOL_VERSION } from '../shared/protocol.ts';
import { buildRecord, RECORD_TABLES, recordCsv } from '../shared/record.ts';
import { refuse } from '../shared/refusals.ts';
import { atTheChair, READS, ROLES, type Role } from '../shared/roles.ts';
import type { SessionState } from '../shared/state.ts';
import { viewFor } from '../shared/views.ts';
import { sameSecret, tokenRole } from './auth.ts';
import { REPLACEABLE, roleLinks, type Keyring, type ReplaceableRole } from './keyring.ts';
import { sessionLinks } from './config.ts';
import { isAdjustable, type Clock } from './clock.ts';
import { BucketMap, MAX_PAYLOAD_BYTES, rateLimited, TokenBucket } from './limits.ts';
import type { Logger } from './logger.ts';
import type { TrustFn } from './proxy.ts';
import type { FailedAttempts } from './attempts.ts';
import type { SessionHub } from './sessionHub.ts';
import { spreadsheetText } from './spreadsheetText.ts';
import type { EventLog } from './eventLog.ts';

/** What the HTTP side needs. */
export interface HttpOptions {
  readonly hub: SessionHub;
  readonly store: EventLog;
  readonly clock: Clock;
  /**
   * Monotonic time in ms for the budgets and the wait after wrong credentials; `performance.now`
   * by default. Tests freeze it, so a slow machine cannot refill a budget mid-test.
   */
  readonly monotonic?: () => number;
  /** The secrets, read on every request that shows one; tokens are replaced through it. */
  readonly keyring: Keyring;
  readonly logger: Logger;
  /** Adds `POST /api/test/clock`; the clock must then be adjustable. */
  readonly testClock: boolean;
  /** Which proxies' `X-Forwarded-For` entries are believed (none: the connection's address). */
  readonly trust: TrustFn;
  /** Wrong tokens and keys by address, shared with the sockets' handshakes. */
  readonly attempts: FailedAttempts;
  /** Sites that may show the overlay in a frame; none by default. */
  readonly overlayFrameAncestors?: readonly string[];
  /** The built client (Vite's output). */
  readonly clientDir: string;
  /** The address phones use, for links and QR codes; null when unknown. */
  readonly publicUrl: () => string | null;
}

/** The largest programme file taken over HTTP. */
const MAX_PROGRAMME_BYTES = 1024 * 1024;

/** HTTP commands per address: a Stream Deck is pressed by hand; a script in a loop is not. */
const HTTP_COMMANDS = { burst: 60, perSecond: 20 };
/**
 * The moderator token's own budget over HTTP, whatever address it comes from: far more than hands
 * on a Stream Deck or a show-control script, so only a runaway loop is slowed.
 */
const HTTP_MODERATOR_COMMANDS = { burst: 200, perSecond: 100 };

/** The pages Gavel serves, each one HTML file of the build. */
const PAGES = {
  console: 'console.html',
  stage: 'stage.html',
  live: 'live.html',
  overlay: 'overlay.html',
  report: 'report.html',
} as const;

// What the routes take, each input with its schema (zod, as the commands), read at the boundary
// whatever the request claims. Each refusal names the one input that does not fit.

/** `PATCH /api/sessions/:id`: archive the session, or take it out of the archive. */
const SessionChange = z.object({ archived: z.boolean() });
/**
 * `POST /api/sessions/:id/copy`: the copy's id and title, both optional; a field that is not
 * text, or a body that is not an object, leaves the default (`<id>-rehearsal`, the same title).
 */
const SessionCopy = z
  .object({
    id: z.string().optional().catch(undefined),
    title: localText(200).optional().catch(undefined),
  })
  .catch({});
/** `POST /api/test/clock`: how far to move the fake clock, in whole ms, up to a day. */
const ClockMove = z.object({ advanceMs: z.number().int().min(0).max(86_400_000) });
/** `?format=` of a programme file or a record: JSON unless CSV is asked for. */
const FileFormat = z.enum(['json', 'csv']).default('json');
/** `?delimiter=semicolon` (French Excel opens semicolons); anything else is a comma. */
const Delimiter = z
  .enum(['semicolon'])
  .optional()
  .catch(undefined)
  .transform((d) => (d === 'semicolon' ? ';' : ','));
/** `?table=` of a record as CSV. */
const TableParam = z.enum(RECORD_TABLES).default('turns');
/**
 * `?after=` of the event log: a version, 0 when absent. Read as JavaScript reads a number, so
 * `after=` is 0 and `after=1e3` is 1000.
 */
const AfterParam = z.preprocess(
  (v) => (v === undefined ? 0 : Number(v)),
  z.number().min(0).refine(Number.isInteger),
);
/** A yes of the query (`?preview=1`, `?preview=true`); anything else is no. */
const Flag = z.unknown().transform((v) => v === '1' || v === 'true');
/** `GET …/now?format=text`: one line of text instead of JSON. */
const NowFormat = z.enum(['text']).optional().catch(undefined);
/** Text of the query, when given as text once (a repeated parameter is not). */
const QueryText = z.string().optional().catch(undefined);
/**
 * `?lang=fr` of `/now` and of a record as CSV: the language of the programme's texts and the
 * delegations' names. Anything but a language code is the programme's first language.
 */
const LangParam = z.string().refine(isLanguageCode).optional().catch(undefined);
/** What a spreadsheet cannot carry, in the query of `POST /api/sessions` with CSV. */
const SpreadsheetFields = z.object({
  id: QueryText,
  title: QueryText,
  timeZone: QueryText,
  plannedStart: QueryText,
  venue: QueryText,
  /** `languages=en,fr`: the programme's languages, the first being the plain columns'. */
  languages: QueryText,
});

/** One refusal for a spreadsheet: how many problems, each by line and column. */
function csvError(problems: readonly CsvProblem[]): GavelError {
  const list = problems.map(describeCsvProblem).join('; ');
  return problems.length === 1
    ? refuse('invalid', 'spreadsheet-problem', { problems: list })
    : refuse('invalid', 'spreadsheet-problems', { count: problems.length, problems: list });
}

/** Sends a refusal with its status (and `Retry-After`, in whole seconds, when rate-limited). */
function sendRefusal(res: Response, error: GavelError, extra: object = {}): void {
  if (error.retryAfterMs !== undefined) {
    res.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
  }
  res.status(ERROR_STATUS[error.code]).json({ ok: false, error, ...extra });
}

type CallerRole = Exclude<Role, 'delegate'>;

/** The role an API request was given by `identify`. */
const roleOf = (res: Response): CallerRole => res.locals.role as CallerRole;

/** The session a route's `:id` names, as `knownSession` found it. */
interface NamedSession {
  readonly id: string;
  readonly state: SessionState;
}

/** The session `knownSession` put on the response. */
const sessionOf = (res: Response): NamedSession => res.locals.session as NamedSession;

/**
 * Lets only the roles given on; anyone else is told that `what` needs another credential. It goes
 * after a route's body parser and before its session lookup, so a broken body is answered first
 * and an unknown session only to those who may.
 */
function requireRole(what: string, roles: readonly Role[]): RequestHandler {
  return (_req, res, next) => {
    const role = roleOf(res);
    if (roles.includes(role)) return next();
    sendRefusal(
      res,
      role === 'viewer'
        ? refuse('unauthorized', 'token-needed', { what })
        : role === 'stage'
          ? refuse('forbidden', 'stage-key-not-enough', { what })
          : refuse('forbidden', 'token-not-enough', { what, role }),
    );
  };
}

/** Lets only the moderator on (`requireRole` with the moderator alone). */
const requireModerator = (what: string) => requireRole(what, ['moderator']);

/** The roles that send commands over HTTP: those at the chair's table (delegates use phones). */
const COMMANDING = ROLES.filter(atTheChair);

/** A device's key never leaves the server: the log shows a short fingerprint instead. */
function redact(events: readonly GavelEvent[]): GavelEvent[] {
  return events.map((event) => {
    if (event.type !== 'floorRequested' || event.request.deviceKey === null) return event;
    const fingerprint = createHash('sha256')
      .update(event.request.deviceKey)
      .digest('hex')
      .slice(0, 10);
    return { ...event, request: { ...event.request, deviceKey: `device-${fingerprint}` } };
  });
}

/** Builds the Express application. */
export function createHttpApp(options: HttpOptions): express.Express {
  const { hub, store, clock, keyring, logger, clientDir, attempts } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trust);
  const monotonic = options.monotonic ?? (() => performance.now());
  const addresses = new BucketMap(HTTP_COMMANDS, monotonic());
  const moderatorBudget = new TokenBucket(HTTP_MODERATOR_COMMANDS, monotonic());
  const officerBudget = new TokenBucket(HTTP_MODERATOR_COMMANDS, monotonic());

  app.use(securityHeaders);

  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json({
      ok: true,
      protocol: PROTOCOL_VERSION,
      sessions: hub.list().length,
      serverNow: clock.now(),
    });
  });

  const api = express.Router();
  // Any content type is read as JSON: curl's -d and some AV tools send form types for JSON bodies.
  const commandBody = express.json({ limit: MAX_PAYLOAD_BYTES, type: () => true, strict: false });
  // A programme of 300 items with notes is a few hundred KB; nothing else is that large.
  const programmeBody = express.json({
    limit: MAX_PROGRAMME_BYTES,
    type: () => true,
    strict: false,
  });
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  /**
   * Who is asking, on every API route, before any body is read: a role's token (a Bearer
   * credential; a proxy's Basic credentials in front of Gavel are not Gavel's), the stage key (a
   * header only: an address with a secret in it ends up in proxies' logs), or nobody. A credential
   * given but wrong is refused, public routes included, and slows its address down.
   */
  api.use((req, res, next) => {
    const match = /^Bearer(?:\s+(\S+))?\s*$/i.exec(req.get('authorization') ?? '');
    const bearer = match ? (match[1] ?? '') : undefined;
    const key = req.get('x-gavel-stage-key');
    if (req.query.key !== undefined) return sendRefusal(res, refuse('invalid', 'key-in-address'));
    if (bearer === undefined && key === undefined) {
      res.locals.role = 'viewer';
      return next();
    }
    const address = req.ip ?? 'unknown';
    const now = monotonic();
    const waiting = attempts.check(address, now);
    if (waiting) return sendRefusal(res, waiting);
    // Both given: both must be right, as over the socket.
    const secrets = keyring.current();
    if (key !== undefined && !sameSecret(key, secrets.stageKey)) {
      attempts.failed(address, 'stage key', now);
      return sendRefusal(res, refuse('unauthorized', 'stage-key-wrong'));
    }
    if (bearer !== undefined) {
      const holder = tokenRole(bearer, secrets);
      if (holder === null) {
        attempts.failed(address, 'token', now);
        return sendRefusal(res, refuse('unauthorized', 'token-wrong'));
      }
      res.locals.role = holder;
      return next();
    }
    res.locals.role = 'stage';
    next();
  });

  /**
   * The one lookup of `:id`: the session it names, in `res.locals.session` (read with
   * `sessionOf`), or a 404.
   */
  const knownSession: RequestHandler = (req, res, next) => {
    const id = String(req.params.id);
    const state = hub.state(id);
    if (!state) {
      return sendRefusal(res, refuse('not-found', 'session-unknown', { session: id.slice(0, 64) }));
    }
    res.locals.session = { id, state } satisfies NamedSession;
    next();
  };

  api.get('/sessions', (_req, res) => {
    res.json({
      ok: true,
      publicUrl: options.publicUrl(),
      sessions: hub.list().map(({ id, createdAt, archived, state }) => ({
        id,
        title: state.meta.title,
        status: state.status,
        version: state.version,
        createdAt,
        archived,
      })),
    });
  });

  // Spreadsheets arrive as bytes: their encoding (UTF-8 or Windows-1252) is Gavel's to find.
  const spreadsheetBody = express.raw({ limit: MAX_PROGRAMME_BYTES, type: () => true });
  const isCsv = (req: Request) =>
    /^(text\/csv|application\/(csv|vnd\.ms-excel))\b/i.test(req.get('content-type') ?? '');

  /**
   * A programme from the request: JSON (the programme file), or CSV by its Content-Type, with
   * the fields a spreadsheet cannot carry in the query (`id`, `title`, `timeZone`, `plannedStart`,
   * `venue`). Refusals list every problem, by path or by line and column.
   */
  function programmeFrom(req: Request, res: Response): Programme | null {
    if (!isCsv(req)) {
      const parsed = parseProgramme(req.body);
      if (parsed.ok) return parsed.programme;
      sendRefusal(res, programmeError(parsed.problems), { problems: parsed.problems });
      return null;
    }
    const q = SpreadsheetFields.parse(req.query);
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    const result = importProgrammeCsv(spreadsheetText(bytes).text, {
      id: q.id ?? '',
      title: q.title ?? '',
      timeZone: q.timeZone ?? '',
      plannedStart: q.plannedStart ?? null,
      ...(q.venue ? { venue: q.venue } : {}),
      ...(q.languages ? { languages: q.languages.split(',').map((l) => l.trim()) } : {}),
    });
    if (result.ok) return result.programme;
    sendRefusal(res, csvError(result.problems), { problems: result.problems });
    return null;
  }

  api.post(
    '/sessions',
    (req, res, next) => (isCsv(req) ? spreadsheetBody : programmeBody)(req, res, next),
    requireModerator('Creating a session'),
    async (req, res) => {
      const programme = programmeFrom(req, res);
      if (!programme) return;
      // `?preview=1`: what would be created, without creating it (the console's upload preview).
      if (Flag.parse(req.query.preview)) {
        const taken = hub.has(programme.id);
        res.json({ ok: true, preview: true, programme, idTaken: taken });
        return;
      }
      const refused = await hub.create(programme);
      if (refused) return sendRefusal(res, refused);
      logger.info(`Session "${programme.id}" created.`);
      res.status(201).json({ ok: true, id: programme.id, version: 0 });
    },
  );

  api.get(
    '/sessions/:id/programme',
    requireRole('The programme file', READS.programme),
    knownSession,
    (req, res) => {
      const { id, state } = sessionOf(res);
      const format = FileFormat.safeParse(req.query.format);
      if (!format.success) return sendRefusal(res, refuse('invalid', 'format-json-csv'));
      const file = programmeFileOf(state);
      if (format.data === 'json') {
        res.set('Content-Disposition', `attachment; filename="${id}.json"`).json(file);
        return;
      }
      // A byte-order mark tells Excel the file is UTF-8.
      res
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${id}.csv"`)
        .send(`\uFEFF${exportProgrammeCsv(file, Delimiter.parse(req.query.delimiter))}`);
    },
  );

  api.post(
    '/sessions/:id/copy',
    commandBody,
    requireModerator('Copying a session'),
    knownSession,
    async (req, res) => {
      const { id, state } = sessionOf(res);
      const body = SessionCopy.parse(req.body);
      const newId = body.id ?? `${id}-rehearsal`;
      const file = {
        ...programmeFileOf(state),
        id: newId,
        ...(body.title !== undefined ? { title: body.title } : {}),
      };
      const parsed = parseProgramme(file);
      if (!parsed.ok) {
        return sendRefusal(res, programmeError(parsed.problems), { problems: parsed.problems });
      }
      const refused = await hub.create(parsed.programme);
      if (refused) return sendRefusal(res, refused);
      logger.info(`Session "${newId}" created as a copy of "${id}".`);
      res.status(201).json({ ok: true, id: newId, version: 0 });
    },
  );

  api.patch(
    '/sessions/:id',
    commandBody,
    requireModerator('Changing a session'),
    knownSession,
    async (req, res) => {
      const { id } = sessionOf(res);
      const change = SessionChange.safeParse(req.body);
      if (!change.success) return sendRefusal(res, refuse('invalid', 'archived-not-boolean'));
      const { archived } = change.data;
      const refused = await hub.setArchived(id, archived);
      if (refused) return sendRefusal(res, refused);
      res.json({ ok: true, id, archived });
    },
  );

  api.delete(
    '/sessions/:id',
    requireModerator('Deleting a session'),
    knownSession,
    async (_req, res) => {
      const { id } = sessionOf(res);
      const refused = await hub.delete(id);
      if (refused) return sendRefusal(res, refused);
      logger.info(`Session "${id}" deleted.`);
      res.json({ ok: true, id, deleted: true });
    },
  );

  api.get('/sessions/:id', knownSession, (_req, res) => {
    const { state } = sessionOf(res);
    res.json({ ...viewFor(state, { role: roleOf(res) }), serverNow: clock.now() });
  });

  api.get('/sessions/:id/now', knownSession, (req, res) => {
    const { state } = sessionOf(res);
    const view = viewFor(state, { role: 'viewer' });
    const summary = nowSummary(view, clock.now(), LangParam.parse(req.query.lang));
    if (NowFormat.parse(req.query.format) === 'text') {
      res.type('text/plain; charset=utf-8').send(`${nowLine(summary)}\n`);
      return;
    }
    res.json(summary);
  });

  /**
   * The links of a session's displays for the console to show and turn into QR codes: the stage's
   * with its key, on the address phones use (the request's own when the server does not know it).
   */
  api.get('/sessions/:id/links', requireModerator('The links'), knownSession, (req, res) => {
    const base = options.publicUrl() ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const { stage, live, overlay, report } = sessionLinks(
      base,
      sessionOf(res).id,
      keyring.current(),
    );
    res.json({ ok: true, base, links: { stage, live, overlay, report } });
  });

  api.get(
    '/sessions/:id/record',
    requireRole('The record', READS.record),
    knownSession,
    (req, res) => {
      const { id, state } = sessionOf(res);
      const format = FileFormat.safeParse(req.query.format);
      if (!format.success) return sendRefusal(res, refuse('invalid', 'format-json-csv'));
      const record = buildRecord(state, clock.now());
      if (format.data === 'json') {
        res.json(record);
        return;
      }
      const table = TableParam.safeParse(req.query.table);
      if (!table.success) {
        return sendRefusal(
          res,
          refuse('invalid', 'table-unknown', { tables: RECORD_TABLES.join(', ') }),
        );
      }
      res
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${id}-${table.data}.csv"`)
        // The byte order mark tells Excel the file is UTF-8 ("Côte d’Ivoire", not "CÃ´te").
        .send(
          `\uFEFF${recordCsv(
            record,
            table.data,
            Delimiter.parse(req.query.delimiter),
            LangParam.parse(req.query.lang) ?? state.meta.languages[0],
          )}`,
        );
    },
  );

  api.get(
    '/sessions/:id/events',
    requireRole('The event log', READS.events),
    knownSession,
    async (req, res) => {
      const { id } = sessionOf(res);
      const after = AfterParam.safeParse(req.query.after);
      if (!after.success) return sendRefusal(res, refuse('invalid', 'after-not-version'));
      const rows = (await store.rowsAfter(id, after.data)).map((row) => ({
        version: row.version,
        at: row.at,
        actor: row.actorRole,
        command: row.command,
        events: redact(row.events),
      }));
      res.json({ ok: true, session: id, rows });
    },
  );

  api.get('/delegations', (_req, res) => {
    // The list in effect: the shipped one, or the one the secretariat put in its place.
    const { version, asOf, sourceNote, delegations, parties } = hub.delegations;
    res.json({ ok: true, version, asOf, note: sourceNote, delegations, parties });
  });

  /**
   * Credentials first, then the budget, then the body: the moderator's commands never wait on the
   * budget of the address they share with the room's phones; anyone else is limited by address
   * before being refused, and nothing over budget is parsed.
   */
  const commandBudget: RequestHandler = (req, res, next) => {
    const role = roleOf(res);
    const wait =
      role === 'moderator'
        ? moderatorBudget.take(monotonic())
        : role === 'floor-officer'
          ? officerBudget.take(monotonic())
          : addresses.take(req.ip ?? 'unknown', monotonic());
    if (wait !== null) return sendRefusal(res, rateLimited(wait));
    next();
  };

  api.post(
    '/sessions/:id/commands',
    commandBudget,
    commandBody,
    requireRole('Sending a command', COMMANDING),
    knownSession,
    async (req, res) => {
      const { id } = sessionOf(res);
      // The command itself is the hub's to read, with the same schema as over the socket; the
      // hub refuses the floor officer what is not the list of speakers'.
      if (req.body === undefined)
        return sendRefusal(res, refuse('invalid', 'command-body-missing'));
      const ack = await hub.command(id, req.body, { role: roleOf(res) });
      if (ack.ok) res.json(ack);
      else sendRefusal(res, ack.error);
    },
  );

  /**
   * Who gets which link: each role's console link for this session, on the public address (the
   * request's own when none is known), and which tokens the moderator may replace here.
   */
  api.get(
    '/sessions/:id/access',
    requireModerator('The access links'),
    knownSession,
    (req, res) => {
      const { id } = sessionOf(res);
      const base = options.publicUrl() ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      const secrets = keyring.current();
      res.json({
        ok: true,
        session: id,
        links: roleLinks(base, id, secrets),
        // The secretariat's printable record opens with its own token.
        report: `${base}/report/${encodeURIComponent(id)}?token=${encodeURIComponent(secrets.secretariatToken)}`,
        replaceable: REPLACEABLE,
      });
    },
  );

  /**
   * A new token for the floor officer or the secretariat: the old one is refused from then on, on
   * every process that shares the secrets (a socket it opened sends no more commands).
   */
  api.post('/tokens/:role/replace', requireModerator('Replacing a token'), async (req, res) => {
    const role = String(req.params.role);
    if (!(REPLACEABLE as readonly string[]).includes(role)) {
      return sendRefusal(res, refuse('invalid', 'token-role-unknown'));
    }
    const replaced = await keyring.replace(role as ReplaceableRole);
    if (!replaced.ok) return sendRefusal(res, replaced.error);
    logger.info(`The ${role} token was replaced from the console: the old one is refused.`);
    res.json({ ok: true, role, token: replaced.token });
  });

  if (options.testClock) {
    const adjustable = clock;
    if (!isAdjustable(adjustable))
      throw new Error('The test clock route needs an adjustable clock.');
    api.post('/test/clock', commandBody, requireModerator('Moving the test clock'), (req, res) => {
      const move = ClockMove.safeParse(req.body);
      if (!move.success) return sendRefusal(res, refuse('invalid', 'advance-out-of-range'));
      adjustable.advance(move.data.advanceMs);
      res.json({ ok: true, serverNow: adjustable.now() });
    });
  }

  api.use((req, res) => {
    sendRefusal(
      res,
      refuse('not-found', 'route-unknown', {
        method: req.method,
        path: `${req.baseUrl}${req.path}`,
      }),
    );
  });

  app.use('/api', api);

  // The built pages, as their brotli or gzip copy when the browser takes one. Checked on each
  // request, so a build made while Gavel runs is picked up. HTML is revalidated on every load: it
  // names the current assets.
  const pages = precompressed(clientDir, { ...LEAN, index: false, cacheControl: false });
  function page(file: string) {
    return (req: Request, res: Response, next: NextFunction) => {
      if (!existsSync(join(clientDir, file))) {
        res
          .status(503)
          .type('text/plain; charset=utf-8')
          .send(
            'The pages of Gavel are not built yet: run npm run build, then reload this page.\n',
          );
        return;
      }
      res.set('Cache-Control', 'no-cache');
      // The static middleware serves by path: point it at the page's file.
      req.url = `/${file}`;
      pages(req, res, next);
    };
  }
  app.get('/', page(PAGES.live));
  // The overlay may be shown in a frame by the sites the operator names (a vision mixer's web
  // page); every other page, and the overlay by default, by none.
  const ancestors = options.overlayFrameAncestors ?? [];
  if (ancestors.length > 0) {
    const overlayPolicy = contentSecurityPolicy(ancestors);
    app.get('/overlay/:session', (req, res, next) => {
      res.removeHeader('X-Frame-Options');
      overlayPolicy(req, res, next);
    });
  }
  for (const [name, file] of Object.entries(PAGES)) app.get(`/${name}/:session`, page(file));

  // Vite names assets by content hash, so they can be cached for good: a browser never asks
  // whether one changed, so they carry no ETag (35 bytes a file on a phone's first load).
  app.use(
    '/assets',
    precompressed(join(clientDir, 'assets'), {
      ...LEAN,
      immutable: true,
      maxAge: '365d',
      index: false,
      etag: false,
      lastModified: false,
    }),
  );
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));

  app.use((req, res) => plainPage(req, res, 404, 'nothing-here'));

  // The last word on any error: a request the client broke gets 400 with a sentence (the API's
  // JSON refusal, or a plain page in the visitor's language); anything else is a fault of ours,
  // logged here and shown nowhere. No stack ever leaves the server.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const error = clientFault(err);
    if (!error) {
      logger.error(
        `HTTP error on ${req.method} ${req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // Express matches routes whatever their case: so does this.
    if (/^\/api(\/|$)/i.test(req.path)) {
      sendRefusal(res, error ?? refuse('internal', 'server-failed'));
      return;
    }
    plainPage(req, res, error ? ERROR_STATUS[error.code] : 500, error ? 'bad-address' : 'failed');
  });

  return app;
}

/**
 * The refusal for an error the client caused (a broken %-escape in the address, a body that is
 * not JSON, too large, or whose compression is corrupt), or null for a fault of Gavel's own.
 */
export function clientFault(err: unknown): GavelError | null {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    type?: unknown;
    status?: unknown;
    limit?: unknown;
    message?: unknown;
  };
  const status = typeof e.status === 'number' ? e.status : 500;
  if (e.type === 'entity.too.large') {
    const limit = Number(e.limit) || MAX_PAYLOAD_BYTES;
    return refuse('too-large', 'body-too-large', { kb: Math.round(limit / 1024) });
  }
  if (e.type === 'entity.parse.failed') {
    return refuse('invalid', 'body-not-json', { reason: String(e.message) });
  }
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return refuse('invalid', 'body-not-utf8');
  }
  if (err instanceof URIError) {
    return refuse('invalid', 'address-bad-escape');
  }
  if (status >= 400 && status < 500) {
    return refuse(
      'invalid',
      e.type === 'request.aborted' || e.type === 'request.size.invalid'
        ? 'body-cut-short'
        : 'body-unreadable',
    );
  }
  return null;
}

/** What a page says when there is no page to show, in the visitor's language. */
const PLAIN_PAGES = {
  'nothing-here': {
    en: "Nothing here. Gavel's pages are /live/<session>, /stage/<session>, /console/<session>, /overlay/<session> and /report/<session>: check the link you were given.",
    fr: 'Rien ici. Les pages de Gavel sont /live/<séance>, /stage/<séance>, /console/<séance>, /overlay/<séance> et /report/<séance>\u202f: vérifiez le lien reçu.',
  },
  'bad-address': {
    en: 'This address cannot be read: it has a % that is not followed by two hexadecimal digits. Check the link you were given.',
    fr: 'Cette adresse est illisible\u202f: elle contient un % qui n’est pas suivi de deux chiffres hexadécimaux. Vérifiez le lien reçu.',
  },
  failed: {
    en: 'Gavel could not show this page. Reload it in a moment; if it happens again, the person running Gavel will find the cause in its log.',
    fr: 'Gavel n’a pas pu afficher cette page. Rechargez-la dans un instant\u202f; si cela se reproduit, la personne qui fait tourner Gavel en trouvera la cause dans son journal.',
  },
} as const;

/** A plain page, in French when the visitor's browser prefers it, with no detail of the server. */
function plainPage(
  req: Request,
  res: Response,
  status: number,
  which: keyof typeof PLAIN_PAGES,
): void {
  const lang = req.acceptsLanguages('en', 'fr') === 'fr' ? 'fr' : 'en';
  const text = PLAIN_PAGES[which][lang]
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Gavel</title></head><body><p>${text}</p></body></html>\n`,
    );
}

/**
 * The browser's rules for every response: scripts only from Gavel's own files (no inline script,
 * no eval), no frame of any page by another site (the overlay's own rule is below), no referrer
 * (console and stage links carry their secret), no MIME sniffing. Styles may be inline: the build
 * inlines each page's style sheet. HSTS is the TLS proxy's to send: on a venue's plain-HTTP
 * network it would lock phones out.
 */
function contentSecurityPolicy(frameAncestors: readonly string[]): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    // Scripts, sockets, fonts and media fall back to `default-src`: Gavel's own address only.
    directives: {
      'default-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'style-src': ["'self'", "'unsafe-inline'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': frameAncestors.length > 0 ? [...frameAncestors] : ["'none'"],
    },
  });
}

/**
 * Helmet's headers, less those for browsers long gone (`X-XSS-Protection`, `X-Download-Options`,
 * Flash's `X-Permitted-Cross-Domain-Policies`, `X-DNS-Prefetch-Control`): a phone's first load
 * carries every header byte.
 */
const LEAN_HELMET = {
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} as const;

const securityHeaders: RequestHandler = (() => {
  const documents = helmet({
    ...LEAN_HELMET,
    contentSecurityPolicy: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // A page is navigated to, never embedded as a resource: the rule is for its files.
    crossOriginResourcePolicy: false,
  });
  const csp = contentSecurityPolicy([]);
  // A script or style file is never a document: no policy or frame rule applies to it, and it is
  // the same public file for everyone, so another site reading it learns nothing.
  const files = helmet({
    ...LEAN_HELMET,
    contentSecurityPolicy: false,
    xFrameOptions: false,
    referrerPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
  });
  return (req, res, next) =>
    req.path.startsWith('/assets/')
      ? files(req, res, next)
      : documents(req, res, () => csp(req, res, next));
})();

/**
 * Headers a phone's first load does without: the ETag alone revalidates a page, and nobody asks
 * for part of a script.
 */
const LEAN = { lastModified: false, acceptRanges: false } as const;

/** How often a folder of the build is looked at again for a new build. */
const BUILD_LOOK_MS = 1_000;

/**
 * Serves a folder of the build, each file as the brotli or gzip copy the build wrote beside it
 * when the browser takes one (brotli first), with `Vary: Accept-Encoding`; as it is otherwise.
 * express-static-gzip lists the copies when it starts, so it starts again when the folder's
 * entries change: a build made while Gavel runs is served compressed too, within a second. The
 * folder is looked at no more than once a second, not on every request a crowd of phones makes.
 * Scripts go out as `text/javascript` without a charset: a module script is read as UTF-8 by
 * every browser, and the 15 bytes are saved on each.
 */
function precompressed(
  dir: string,
  serveStatic: expressStaticGzip.ExpressStaticGzipOptions['serveStatic'],
): RequestHandler {
  let listedAt = Number.NaN;
  let lookedAt = -Infinity;
  let serve: RequestHandler = (_req, _res, next) => next();
  const options = {
    ...serveStatic,
    setHeaders(res: ServerResponse, path: string) {
      if (/\.js(?:\.br|\.gz)?$/.test(path)) res.setHeader('Content-Type', 'text/javascript');
    },
  };
  return (req, res, next) => {
    const now = performance.now();
    if (now - lookedAt >= BUILD_LOOK_MS) {
      lookedAt = now;
      const changedAt = statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (changedAt !== listedAt) {
        listedAt = changedAt;
        serve = expressStaticGzip(dir, {
          enableBrotli: true,
          orderPreference: ['br', 'gzip'],
          index: false,
          serveStatic: options,
        });
      }
    }
    serve(req, res, next);
  };
}
