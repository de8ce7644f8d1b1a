/**
 * The HTTP side (Express 5): the API AV tools and scripts use, with the same command objects as
 * the socket, and the built pages. Every refusal is `{ ok: false, error: { code, message } }` with
 * the status `ERROR_STATUS` gives it.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import expressStaticGzip from 'express-static-gzip';
import {
  DELEGATIONS,
  DELEGATIONS_AS_OF,
  DELEGATIONS_SOURCE_NOTE,
  DELEGATIONS_VERSION,
} from '../shared/delegations.ts';
import { ERROR_STATUS, fail, type GavelError } from '../shared/errors.ts';
import type { GavelEvent } from '../shared/events.ts';
import { nowLine, nowSummary } from '../shared/now.ts';
import { parseProgramme, programmeError, type Programme } from '../shared/programme.ts';
import {
  describeCsvProblem,
  exportProgrammeCsv,
  importProgrammeCsv,
  type CsvProblem,
} from '../shared/programmeCsv.ts';
import { programmeFileOf } from '../shared/programmeExport.ts';
import { PROTOCOL_VERSION } from '../shared/protocol.ts';
import { buildRecord, recordCsv, type RecordTable } from '../shared/record.ts';
import type { Role } from '../shared/roles.ts';
import { viewFor } from '../shared/views.ts';
import { sameSecret, type Secrets } from './auth.ts';
import { isAdjustable, type Clock } from './clock.ts';
import { BucketMap, MAX_PAYLOAD_BYTES, rateLimited, TokenBucket } from './limits.ts';
import type { Logger } from './logger.ts';
import type { SessionHub } from './sessionHub.ts';
import type { EventLog } from './eventLog.ts';

/** What the HTTP side needs. */
export interface HttpOptions {
  readonly hub: SessionHub;
  readonly store: EventLog;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly logger: Logger;
  /** Adds `POST /api/test/clock`; the clock must then be adjustable. */
  readonly testClock: boolean;
  /** Read the client's address from `X-Forwarded-For` (behind a TLS proxy). */
  readonly trustProxy: boolean;
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

const RECORD_TABLES: readonly RecordTable[] = ['turns', 'requests', 'segments'];

/** Sends a refusal with its status (and `Retry-After`, in whole seconds, when rate-limited). */
/** One refusal for a spreadsheet: how many problems, each by line and column. */
function csvError(problems: readonly CsvProblem[]): GavelError {
  const n = problems.length;
  return fail(
    'invalid',
    `The spreadsheet has ${n} problem${n === 1 ? '' : 's'}: ${problems.map(describeCsvProblem).join('; ')}`,
  );
}

function refuse(res: Response, error: GavelError, extra: object = {}): void {
  if (error.retryAfterMs !== undefined) {
    res.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
  }
  res.status(ERROR_STATUS[error.code]).json({ ok: false, error, ...extra });
}

type Caller = { ok: true; role: Exclude<Role, 'delegate'> } | { ok: false; error: GavelError };

/** The role of an HTTP caller: the moderator token, the stage key, or nobody in particular. */
function callerOf(req: Request, secrets: Secrets): Caller {
  // Only a Bearer credential is Gavel's: a proxy's Basic credentials in front of it are not.
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
  if (bearer !== undefined) {
    if (!sameSecret(bearer, secrets.moderatorToken)) {
      return {
        ok: false,
        error: fail(
          'unauthorized',
          'The moderator token is not right: use the one Gavel printed when it started.',
        ),
      };
    }
    return { ok: true, role: 'moderator' };
  }
  const key =
    req.get('x-gavel-stage-key') ?? (typeof req.query.key === 'string' ? req.query.key : undefined);
  if (key !== undefined) {
    if (!sameSecret(key, secrets.stageKey)) {
      return {
        ok: false,
        error: fail(
          'unauthorized',
          'The stage key is not right: use the one in the stage link Gavel printed.',
        ),
      };
    }
    return { ok: true, role: 'stage' };
  }
  return { ok: true, role: 'viewer' };
}

/** Refuses anyone but the moderator; true when the request may go on. */
function moderatorOnly(req: Request, res: Response, secrets: Secrets, what: string): boolean {
  const caller = callerOf(req, secrets);
  if (!caller.ok) {
    refuse(res, caller.error);
    return false;
  }
  if (caller.role === 'moderator') return true;
  refuse(
    res,
    caller.role === 'viewer'
      ? fail(
          'unauthorized',
          `${what} needs the moderator token: send it as "Authorization: Bearer <token>".`,
        )
      : fail('forbidden', `${what} needs the moderator token: the stage key is not enough.`),
  );
  return false;
}

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
  const { hub, store, clock, secrets, logger, clientDir } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  const addresses = new BucketMap(HTTP_COMMANDS, performance.now());
  const moderatorBudget = new TokenBucket(HTTP_MODERATOR_COMMANDS, performance.now());

  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    // Console and stage links carry their secret in the address: never pass it on to another site.
    res.set('Referrer-Policy', 'no-referrer');
    next();
  });

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

  /** The session named in the path, or a 404 already sent. */
  function sessionOr404(req: Request, res: Response): string | null {
    const id = String(req.params.id);
    if (hub.has(id)) return id;
    refuse(res, fail('not-found', `There is no session "${id.slice(0, 64)}" on this server.`));
    return null;
  }

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
      refuse(res, programmeError(parsed.problems), { problems: parsed.problems });
      return null;
    }
    const q = (name: string) =>
      typeof req.query[name] === 'string' ? String(req.query[name]) : undefined;
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    const result = importProgrammeCsv(bytes, {
      id: q('id') ?? '',
      title: q('title') ?? '',
      timeZone: q('timeZone') ?? '',
      plannedStart: q('plannedStart') ?? null,
      ...(q('venue') ? { venue: q('venue') } : {}),
    });
    if (result.ok) return result.programme;
    refuse(res, csvError(result.problems), { problems: result.problems });
    return null;
  }

  api.post(
    '/sessions',
    (req, res, next) => (isCsv(req) ? spreadsheetBody : programmeBody)(req, res, next),
    async (req, res) => {
      if (!moderatorOnly(req, res, secrets, 'Creating a session')) return;
      const programme = programmeFrom(req, res);
      if (!programme) return;
      // `?preview=1`: what would be created, without creating it (the console's upload preview).
      if (req.query.preview === '1' || req.query.preview === 'true') {
        const taken = hub.has(programme.id);
        res.json({ ok: true, preview: true, programme, idTaken: taken });
        return;
      }
      const refused = await hub.create(programme);
      if (refused) {
        refuse(res, refused);
        return;
      }
      logger.info(`Session "${programme.id}" created.`);
      res.status(201).json({ ok: true, id: programme.id, version: 0 });
    },
  );

  api.get('/sessions/:id/programme', (req, res) => {
    if (!moderatorOnly(req, res, secrets, 'The programme file')) return;
    const id = sessionOr404(req, res);
    if (id === null) return;
    const state = hub.state(id);
    if (!state) return;
    const file = programmeFileOf(state);
    const format = req.query.format ?? 'json';
    if (format === 'json') {
      res.set('Content-Disposition', `attachment; filename="${id}.json"`).json(file);
    } else if (format === 'csv') {
      // French Excel opens semicolons; a byte-order mark tells Excel the file is UTF-8.
      const delimiter = req.query.delimiter === 'semicolon' ? ';' : ',';
      res
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${id}.csv"`)
        .send(`\uFEFF${exportProgrammeCsv(file, delimiter)}`);
    } else {
      refuse(res, fail('invalid', 'format: must be "json" or "csv".'));
    }
  });

  api.post('/sessions/:id/copy', commandBody, async (req, res) => {
    if (!moderatorOnly(req, res, secrets, 'Copying a session')) return;
    const id = sessionOr404(req, res);
    if (id === null) return;
    const state = hub.state(id);
    if (!state) return;
    const body = (req.body ?? {}) as { id?: unknown; title?: unknown };
    const newId = typeof body.id === 'string' ? body.id : `${id}-rehearsal`;
    const file = {
      ...programmeFileOf(state),
      id: newId,
      ...(typeof body.title === 'string' ? { title: body.title } : {}),
    };
    const parsed = parseProgramme(file);
    if (!parsed.ok) {
      refuse(res, programmeError(parsed.problems), { problems: parsed.problems });
      return;
    }
    const refused = await hub.create(parsed.programme);
    if (refused) {
      refuse(res, refused);
      return;
    }
    logger.info(`Session "${newId}" created as a copy of "${id}".`);
    res.status(201).json({ ok: true, id: newId, version: 0 });
  });

  api.patch('/sessions/:id', commandBody, async (req, res) => {
    if (!moderatorOnly(req, res, secrets, 'Changing a session')) return;
    const id = sessionOr404(req, res);
    if (id === null) return;
    const archived = (req.body as { archived?: unknown } | undefined)?.archived;
    if (typeof archived !== 'boolean') {
      refuse(res, fail('invalid', 'archived: must be true or false.'));
      return;
    }
    const refused = await hub.setArchived(id, archived);
    if (refused) return refuse(res, refused);
    res.json({ ok: true, id, archived });
  });

  api.delete('/sessions/:id', async (req, res) => {
    if (!moderatorOnly(req, res, secrets, 'Deleting a session')) return;
    const id = sessionOr404(req, res);
    if (id === null) return;
    const refused = await hub.delete(id);
    if (refused) return refuse(res, refused);
    logger.info(`Session "${id}" deleted.`);
    res.json({ ok: true, id, deleted: true });
  });

  api.get('/sessions/:id', (req, res) => {
    const caller = callerOf(req, secrets);
    if (!caller.ok) return refuse(res, caller.error);
    const id = sessionOr404(req, res);
    if (id === null) return;
    const state = hub.state(id);
    if (!state) return;
    res.json({ ...viewFor(state, { role: caller.role }), serverNow: clock.now() });
  });

  api.get('/sessions/:id/now', (req, res) => {
    const id = sessionOr404(req, res);
    if (id === null) return;
    const state = hub.state(id);
    if (!state) return;
    const summary = nowSummary(viewFor(state, { role: 'viewer' }), clock.now());
    if (req.query.format === 'text') {
      res.type('text/plain; charset=utf-8').send(`${nowLine(summary)}\n`);
      return;
    }
    res.json(summary);
  });

  api.get('/sessions/:id/record', (req, res) => {
    if (!moderatorOnly(req, res, secrets, 'The record')) return;
    const id = sessionOr404(req, res);
    if (id === null) return;
    const state = hub.state(id);
    if (!state) return;
    const record = buildRecord(state, clock.now());
    const format = req.query.format ?? 'json';
    if (format === 'json') {
      res.json(record);
      return;
    }
    if (format !== 'csv') {
      refuse(res, fail('invalid', 'format: must be "json" or "csv".'));
      return;
    }
    const table = (req.query.table ?? 'turns') as RecordTable;
    if (!RECORD_TABLES.includes(table)) {
      refuse(res, fail('invalid', `table: must be one of ${RECORD_TABLES.join(', ')}.`));
      return;
    }
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${id}-${table}.csv"`)
      .send(recordCsv(record, table));
  });

  api.get('/sessions/:id/events', async (req, res) => {
    if (!moderatorOnly(req, res, secrets, 'The event log')) return;
    const id = sessionOr404(req, res);
    if (id === null) return;
    const after = req.query.after === undefined ? 0 : Number(req.query.after);
    if (!Number.isInteger(after) || after < 0) {
      refuse(res, fail('invalid', 'after: must be a version number, 0 or more.'));
      return;
    }
    const rows = (await store.rowsAfter(id, after)).map((row) => ({
      version: row.version,
      at: row.at,
      actor: row.actorRole,
      command: row.command,
      events: redact(row.events),
    }));
    res.json({ ok: true, session: id, rows });
  });

  api.get('/delegations', (_req, res) => {
    res.json({
      ok: true,
      version: DELEGATIONS_VERSION,
      asOf: DELEGATIONS_AS_OF,
      note: DELEGATIONS_SOURCE_NOTE,
      delegations: DELEGATIONS,
    });
  });

  api.post('/sessions/:id/commands', commandBody, async (req, res) => {
    // Credentials first: the moderator's commands never wait on the budget of the address they
    // share with the room's phones. Anyone else is limited by address before being refused, so
    // guessing the token costs a wait.
    const caller = callerOf(req, secrets);
    const moderator = caller.ok && caller.role === 'moderator';
    const wait = moderator
      ? moderatorBudget.take(performance.now())
      : addresses.take(req.ip ?? 'unknown', performance.now());
    if (wait !== null) return refuse(res, rateLimited(wait));
    if (!moderatorOnly(req, res, secrets, 'Sending a command')) return;
    const id = sessionOr404(req, res);
    if (id === null) return;
    if (req.body === undefined) {
      refuse(
        res,
        fail(
          'invalid',
          'The request has no body: send one command as JSON, such as {"type":"speaker.next"}.',
        ),
      );
      return;
    }
    const ack = await hub.command(id, req.body, { role: 'moderator' });
    if (ack.ok) res.json(ack);
    else refuse(res, ack.error);
  });

  if (options.testClock) {
    const adjustable = clock;
    if (!isAdjustable(adjustable))
      throw new Error('The test clock route needs an adjustable clock.');
    api.post('/test/clock', commandBody, (req, res) => {
      if (!moderatorOnly(req, res, secrets, 'Moving the test clock')) return;
      const advanceMs = (req.body as { advanceMs?: unknown } | undefined)?.advanceMs;
      if (
        typeof advanceMs !== 'number' ||
        !Number.isInteger(advanceMs) ||
        advanceMs < 0 ||
        advanceMs > 86_400_000
      ) {
        refuse(res, fail('invalid', 'advanceMs: must be a whole number of ms from 0 to 86400000.'));
        return;
      }
      adjustable.advance(advanceMs);
      res.json({ ok: true, serverNow: adjustable.now() });
    });
  }

  api.use((req, res) => {
    refuse(
      res,
      fail(
        'not-found',
        `There is no API route ${req.method} ${req.baseUrl}${req.path}: docs/api.md lists them.`,
      ),
    );
  });

  // Body-parser's errors carry a `type`; anything else is a fault of ours, reported without detail.
  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      const limit = Number((err as { limit?: unknown }).limit) || MAX_PAYLOAD_BYTES;
      refuse(
        res,
        fail(
          'too-large',
          `The body is larger than ${Math.round(limit / 1024)} KB, the most this route takes.`,
        ),
      );
    } else if (type === 'entity.parse.failed') {
      refuse(res, fail('invalid', `The body is not JSON: ${(err as Error).message}.`));
    } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      refuse(
        res,
        fail('invalid', 'The body must be UTF-8 JSON, not compressed or in another charset.'),
      );
    } else {
      logger.error(
        `HTTP API error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      res.status(500).json({
        ok: false,
        error: {
          code: 'internal',
          message: 'The server failed on this request; nothing was changed. Its log says more.',
        },
      });
    }
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
  for (const [name, file] of Object.entries(PAGES)) app.get(`/${name}/:session`, page(file));

  // Vite names assets by content hash, so they can be cached for good.
  app.use(
    '/assets',
    precompressed(join(clientDir, 'assets'), {
      ...LEAN,
      immutable: true,
      maxAge: '365d',
      index: false,
    }),
  );
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));

  app.use((req, res) => {
    res
      .status(404)
      .type('text/plain; charset=utf-8')
      .send(
        `Nothing at ${req.path}: Gavel's pages are /console/<session>, /stage/<session> and /live/<session>.\n`,
      );
  });

  return app;
}

/**
 * Headers a phone's first load does without: the ETag alone revalidates a page, and nobody asks
 * for part of a script.
 */
const LEAN = { lastModified: false, acceptRanges: false } as const;

/**
 * Serves a folder of the build, each file as the brotli or gzip copy the build wrote beside it
 * when the browser takes one (brotli first), with `Vary: Accept-Encoding`; as it is otherwise.
 * express-static-gzip lists the copies when it starts, so it starts again when the folder's
 * entries change: a build made while Gavel runs is served compressed too.
 */
function precompressed(
  dir: string,
  serveStatic: expressStaticGzip.ExpressStaticGzipOptions['serveStatic'],
): RequestHandler {
  let listedAt = Number.NaN;
  let serve: RequestHandler = (_req, _res, next) => next();
  return (req, res, next) => {
    const changedAt = statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (changedAt !== listedAt) {
      listedAt = changedAt;
      serve = expressStaticGzip(dir, {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic,
      });
    }
    serve(req, res, next);
  };
}
