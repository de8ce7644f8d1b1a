/**
 * Gavel's command line: `gavel serve` runs a server, `gavel check FILE` checks a programme file.
 * Whatever stops it from starting is said in one sentence, with exit code 1, and nothing on disk
 * is overwritten.
 */
import cluster from 'node:cluster';
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { statesPartiesProblems } from '../shared/membership.ts';
import type { Programme } from '../shared/programme.ts';
import { describeCsvProblem, importProgrammeCsv } from '../shared/programmeCsv.ts';
import { createApp, listen, type App } from './app.ts';
import { FakeClock, offsetClock, systemClock, type Clock } from './clock.ts';
import {
  builtInPlenary,
  checkSecretsFromEnv,
  ConfigError,
  lanAddress,
  linkBase,
  loadDelegationList,
  loadSecrets,
  type DelegationSource,
  readProgrammeFile,
  readSecretsFile,
  SECRET_ENV,
  secretsPath,
  sessionLinks,
  writeSecretsFile,
} from './config.ts';
import { sessionIdFor, startPrimary, WORKER_SLOT, workerBus, type Primary } from './cluster.ts';
import { newSecret, type Secrets } from './auth.ts';
import { backupDataFolder } from './backup.ts';
import { copyLog, openLog } from './dbCopy.ts';
import type { EventLog } from './eventLog.ts';
import { consoleLogger } from './logger.ts';
import { databaseKeyring, fileKeyring, roleLinks, SETTING_KEY } from './keyring.ts';
import { pgBus, PgLog, redactUrl } from './pgLog.ts';
import { originList, parseTrustProxy } from './proxy.ts';
import { spreadsheetText } from './spreadsheetText.ts';
import { StoreError } from './store.ts';

const HELP = `Gavel: live session moderation for formal meetings.

Usage:
  gavel serve [--port N] [--host ADDRESS] [--data FOLDER] [--public-url URL] [--programme FILE]
              [--workers N] [--database-url URL]
  gavel check FILE            (a programme file, .json, or a spreadsheet, .csv)
  gavel tokens [--replace ROLE] [--data FOLDER] [--database-url URL] [--session ID]
  gavel db copy FROM TO       (every session and its log, between a data folder and PostgreSQL)
  gavel backup FILE [--data FOLDER]
  gavel --help

serve     Runs the server with the built-in plenary (session asp15-cooperation), and the
          programme FILE as another session when given. Prints the console, stage and
          live page links.
check     Checks a programme file and lists every problem in it.
tokens    Shows each role's token and console link: moderator, floor officer (the list of
          speakers), secretariat (the record, read only), and the stage key. --replace ROLE
          (floor-officer, secretariat, moderator, stage) makes a new one: a running Gavel
          refuses the floor officer's or secretariat's old token at once; the moderator
          token and the stage key take a restart.
db copy   Copies every session with its whole log from FROM to TO, each a data folder or a
          postgres:// URL; refuses a target that already holds a session of the same id.
backup    Copies the data folder's gavel.db to FILE while Gavel runs, and checks the copy;
          never overwrites FILE. Restore: docs/venue.md.

Options (and the environment variables they override):
  --port N            port to listen on (PORT, default 8080)
  --host ADDRESS      address to listen on (HOST, default 127.0.0.1; 0.0.0.0 for the venue network)
  --data FOLDER       where the event log and secrets are kept (GAVEL_DATA, default ./data)
  --public-url URL    the address people's links use, e.g. https://gavel.example.org (GAVEL_PUBLIC_URL)
  --programme FILE    a programme file (JSON) to load as a session
  --database-url URL  keep the log in PostgreSQL, shared by every node (GAVEL_DATABASE_URL):
                      postgres://user:password@host:5432/gavel (docs/scale.md)
  --workers N         worker processes sharing the port and the data folder (GAVEL_WORKERS,
                      default 1; 2 on a two-core laptop with thousands of phones: docs/scale.md)

Also: GAVEL_MODERATOR_TOKEN, GAVEL_FLOOR_OFFICER_TOKEN, GAVEL_SECRETARIAT_TOKEN and GAVEL_STAGE_KEY
(else generated once and kept in the data folder, or the database),
GAVEL_TRUST_PROXY=1 behind one TLS proxy (the number of proxies, or their addresses),
GAVEL_ALLOWED_ORIGINS and GAVEL_OVERLAY_FRAME_ANCESTORS (other sites' addresses, comma-separated),
GAVEL_SOCKETS_PER_ADDRESS (connections one address may hold at once, default 5000),
GAVEL_DELEGATIONS (the secretariat's list of delegations, else delegations.json in the data folder
when there is one, else the list Gavel ships: docs/programme.md). See docs/venue.md and docs/api.md.
`;

/** Prints one sentence (and any programme problems) and exits with 1. */
function die(message: string, problems: readonly { path: string; message: string }[] = []): never {
  console.error(`gavel: ${message}`);
  for (const p of problems) console.error(`  ${p.path}: ${p.message}`);
  process.exit(1);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Says in one sentence why the server could not listen, and exits. */
function dieListening(error: unknown, port: number, host: string): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    die(
      `Port ${port} on ${host} is already in use: stop the other program or start Gavel with --port.`,
    );
  if (code === 'EACCES')
    die(`Gavel may not listen on port ${port}: choose a port above 1023 with --port.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    die(`${host} is not an address of this machine: check --host.`);
  return die(`Gavel cannot listen on ${host}:${port}: ${describe(error)}.`);
}

/** The server clock; `GAVEL_TEST_CLOCK` makes it movable for tests, and says so loudly. */
function clockFromEnv(env: NodeJS.ProcessEnv): { clock: Clock; test: boolean } {
  const mode = env.GAVEL_TEST_CLOCK;
  if (mode === undefined || mode === '' || mode === '0')
    return { clock: systemClock(), test: false };
  const startText = env.GAVEL_TEST_CLOCK_START;
  const start = startText === undefined ? undefined : Number(startText);
  if (start !== undefined && !Number.isInteger(start))
    die('GAVEL_TEST_CLOCK_START must be epoch milliseconds.');
  if (mode === 'frozen') return { clock: new FakeClock(start ?? Date.now()), test: true };
  if (mode === '1') {
    return { clock: offsetClock(systemClock(start ?? Date.now())), test: true };
  }
  return die(
    'GAVEL_TEST_CLOCK must be 1 (a clock tests can move) or frozen (one that moves only when told).',
  );
}

function check(args: readonly string[]): void {
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0)
    die('gavel check takes one programme file: gavel check FILE');
  if (/\.csv$/i.test(file)) return checkSpreadsheet(file);
  try {
    const programme = readProgrammeFile(file);
    const items = programme.segments.reduce((n, s) => n + s.items.length, 0);
    const minutes = programme.segments.reduce((n, s) => n + s.budgetMs, 0) / 60_000;
    console.log(
      `${file} is a valid programme: "${programme.id}", ${programme.segments.length} segments, ${items} items, ${minutes} min planned.`,
    );
  } catch (error) {
    if (error instanceof ConfigError) die(error.message, error.problems);
    throw error;
  }
}

/**
 * A spreadsheet carries no id, title or time zone (they are given when it is uploaded): its rows
 * are checked, every problem named by line and column.
 */
function checkSpreadsheet(file: string): void {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    return die(
      `${file} cannot be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const { text, encoding } = spreadsheetText(bytes);
  const result = importProgrammeCsv(text, { id: 'check', title: 'check', timeZone: 'UTC' });
  if (!result.ok) {
    const n = result.problems.length;
    return die(
      `${file} has ${n} problem${n === 1 ? '' : 's'}:`,
      result.problems.map((p) => {
        const [path, message] = describeCsvProblem(p).split(/: (.*)/s);
        return { path: path ?? '', message: message ?? p.message };
      }),
    );
  }
  const { segments } = result.programme;
  const items = segments.reduce((n, s) => n + s.items.length, 0);
  const minutes = segments.reduce((n, s) => n + s.budgetMs, 0) / 60_000;
  console.log(
    `${file} is a valid spreadsheet (${encoding}): ${segments.length} segments, ${items} items, ${minutes} min planned.`,
  );
}

async function serve(args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'public-url': { type: 'string' },
        programme: { type: 'string' },
        workers: { type: 'string' },
        'database-url': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return die(`${describe(error)} (gavel --help lists the options).`);
  }
  const text = (name: string) =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;

  const portText = text('port') ?? (env.PORT || '8080');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    die(`The port must be a number from 0 to 65535, not "${portText}".`);
  const host = text('host') ?? (env.HOST || '127.0.0.1');
  const publicUrl = text('public-url') ?? (env.GAVEL_PUBLIC_URL || undefined);
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(publicUrl)) {
    die(`The public URL must start with http:// or https://, not "${publicUrl}".`);
  }
  const dataDir = resolve(text('data') ?? (env.GAVEL_DATA || './data'));
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK);
  } catch (error) {
    die(`Gavel cannot use the data folder ${dataDir}: ${describe(error)}.`);
  }

  const workersText = text('workers') ?? (env.GAVEL_WORKERS || '1');
  const workers = Number(workersText);
  if (!/^\d+$/.test(workersText) || workers < 1 || workers > 64) {
    die(`--workers must be a whole number from 1 to 64, not "${workersText}".`);
  }
  const slot = cluster.isWorker ? Number(env[WORKER_SLOT]) : 0;

  const programmes: Programme[] = [];
  let fileSession: string | undefined;
  let fileIgnored = false;
  let delegations: DelegationSource;
  try {
    delegations = loadDelegationList(dataDir, env);
    programmes.push(builtInPlenary());
    const file = text('programme');
    if (file !== undefined) {
      const programme = readProgrammeFile(file);
      // Its own list of States Parties must name States of the list in effect.
      const problems = statesPartiesProblems(programme, delegations.list);
      if (problems.length > 0) {
        const n = problems.length;
        throw new ConfigError(`${file} has ${n} problem${n === 1 ? '' : 's'}:`, problems);
      }
      fileSession = programme.id;
      if (programme.id === programmes[0]?.id) fileIgnored = true;
      else programmes.push(programme);
    }
  } catch (error) {
    if (error instanceof ConfigError) die(error.message, error.problems);
    throw error;
  }

  // Many machines: the log in PostgreSQL, and the secrets with it, so every node has the same.
  const databaseUrl = text('database-url') ?? (env.GAVEL_DATABASE_URL || undefined);
  let log: PgLog | undefined;
  if (databaseUrl !== undefined && !(workers > 1 && cluster.isPrimary)) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      die(`The database URL must start with postgres://, not "${redactUrl(databaseUrl)}".`);
    }
    try {
      log = await PgLog.open(databaseUrl);
    } catch (error) {
      if (error instanceof StoreError) die(error.message);
      throw error;
    }
  }

  let secrets: Secrets;
  try {
    checkSecretsFromEnv(env);
    secrets = log
      ? {
          moderatorToken:
            env.GAVEL_MODERATOR_TOKEN || (await log.shared('moderator-token', newSecret())),
          floorOfficerToken:
            env.GAVEL_FLOOR_OFFICER_TOKEN ||
            (await log.shared(SETTING_KEY['floor-officer'], newSecret())),
          secretariatToken:
            env.GAVEL_SECRETARIAT_TOKEN || (await log.shared(SETTING_KEY.secretariat, newSecret())),
          stageKey: env.GAVEL_STAGE_KEY || (await log.shared('stage-key', newSecret())),
        }
      : loadSecrets(dataDir, env).secrets;
  } catch (error) {
    if (error instanceof ConfigError) die(error.message);
    if (log) die(`Gavel cannot read its secrets from ${log.where}: ${describe(error)}.`);
    throw error;
  }

  const { clock, test } = clockFromEnv(env);
  const trustSetting = parseTrustProxy(env.GAVEL_TRUST_PROXY);
  if (!trustSetting.ok) die(trustSetting.message);
  const trustProxy = trustSetting.trust;
  const origins = originList('GAVEL_ALLOWED_ORIGINS', env.GAVEL_ALLOWED_ORIGINS);
  const allowedOrigins = [
    ...(publicUrl !== undefined ? [new URL(publicUrl).origin] : []),
    ...(origins.ok ? origins.origins : die(origins.message)),
  ];
  const ancestors = originList('GAVEL_OVERLAY_FRAME_ANCESTORS', env.GAVEL_OVERLAY_FRAME_ANCESTORS);
  const overlayFrameAncestors = ancestors.ok ? ancestors.origins : die(ancestors.message);
  const socketsText = env.GAVEL_SOCKETS_PER_ADDRESS?.trim() ?? '';
  if (socketsText !== '' && !/^[1-9]\d{0,8}$/.test(socketsText)) {
    die(
      `GAVEL_SOCKETS_PER_ADDRESS is how many connections one address may hold at once, a whole number such as 5000: "${socketsText.slice(0, 80)}" is not one.`,
    );
  }
  const socketsPerAddress = socketsText === '' ? undefined : Number(socketsText);
  // Known once the server listens; the stage's QR code asks for it through GET /api/sessions.
  let publicBase: string | null = env.GAVEL_PUBLIC_BASE || null;
  let boundPort: number;

  if (workers > 1 && cluster.isPrimary) {
    // The primary routes connections; the workers, each a whole Gavel, share the data folder.
    let primary: Primary | null = null;
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) process.exit(1);
      stopping = true;
      console.log(`\n${signal}: stopping Gavel…`);
      setTimeout(() => process.exit(1), 8000).unref();
      void (primary?.stop() ?? Promise.resolve()).then(() => process.exit(0));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    try {
      primary = await startPrimary({
        workers,
        logger: consoleLogger,
        listen: (server) => listen(server, port, host),
        env: (bound) => ({
          GAVEL_MODERATOR_TOKEN: secrets.moderatorToken,
          GAVEL_STAGE_KEY: secrets.stageKey,
          GAVEL_PUBLIC_BASE: linkBase({ publicUrl, host, port: bound, lan: lanAddress() }),
        }),
      });
    } catch (error) {
      return dieListening(error, port, host);
    }
    boundPort = primary.port;
  } else {
    const handoff = cluster.isWorker
      ? workerBus((socket, head) => {
          // A connection the primary read the first bytes of: the worker's HTTP server takes it.
          app.httpServer.emit('connection', socket);
          socket.emit('data', head);
          socket.resume();
        })
      : undefined;
    // Announcements: by NOTIFY between nodes on PostgreSQL, else over IPC between workers.
    const bus = log ? pgBus(log, consoleLogger) : handoff;
    let app: App;
    try {
      app = await createApp({
        publicUrl: () => publicBase,
        dataDir,
        clock,
        testClock: test,
        moderatorToken: secrets.moderatorToken,
        stageKey: secrets.stageKey,
        // Read on every check: a token replaced from a console or from `gavel tokens` is refused.
        keyring: log ? databaseKeyring(log, secrets, env) : fileKeyring(dataDir, secrets, env),
        programmes,
        delegations: delegations.list,
        logger: consoleLogger,
        trustProxy,
        allowedOrigins,
        overlayFrameAncestors,
        ...(socketsPerAddress !== undefined ? { socketsPerAddress } : {}),
        ...(bus ? { bus } : {}),
        ...(log ? { log } : {}),
      });
    } catch (error) {
      if (error instanceof StoreError) die(error.message);
      throw error;
    }

    // Installed before the links are printed: whoever reads them may stop the server at once.
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) process.exit(1);
      stopping = true;
      if (!handoff) console.log(`\n${signal}: stopping Gavel…`);
      setTimeout(() => process.exit(1), 5000).unref();
      void app.close().then(() => process.exit(0));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));

    if (handoff) {
      // A worker listens on nothing: the primary hands it connections. Its Engine.IO sessions
      // carry its place, so the primary sends their long-polling requests back here.
      app.io.engine.generateId = () => sessionIdFor(slot);
      handoff.ready();
      return;
    }
    try {
      boundPort = await listen(app.httpServer, port, host);
    } catch (error) {
      await app.close();
      return dieListening(error, port, host);
    }
  }

  if (test) {
    const banner = '!'.repeat(78);
    console.warn(
      `${banner}\n!! GAVEL_TEST_CLOCK is set: POST /api/test/clock moves this server's time.\n!! Never run a real meeting like this.\n${banner}`,
    );
  }
  const base = linkBase({ publicUrl, host, port: boundPort, lan: lanAddress() });
  publicBase = base;
  // One write, so that whoever reads the output (a person, a service log, a test) gets it whole.
  const lines = [
    `Gavel is listening on http://${host.includes(':') ? `[${host}]` : host}:${boundPort} (${databaseUrl ? `log: ${redactUrl(databaseUrl)}` : `data: ${dataDir}`})`,
  ];
  if (workers > 1) lines.push(`${workers} worker processes share this port and the data folder.`);
  if (delegations.file !== null) {
    lines.push(
      `Delegations: ${delegations.file} (version ${delegations.list.version}, as of ${delegations.list.asOf}).`,
    );
  }
  for (const session of new Set(['asp15-cooperation', ...(fileSession ? [fileSession] : [])])) {
    const links = sessionLinks(base, session, secrets);
    lines.push(
      '',
      `Session ${session}`,
      `  Console (moderator):  ${links.console}`,
      `  Stage display:        ${links.stage}`,
      `  Live page (phones):   ${links.live}`,
    );
  }
  lines.push(
    '',
    "The floor officer's and the secretariat's links: gavel tokens, or the Access panel of the console.",
  );
  if (fileIgnored) {
    lines.push(
      '',
      `(${fileSession} is the built-in plenary's id: the file was not loaded as another session.)`,
    );
  }
  if (host === '127.0.0.1' || host === 'localhost') {
    lines.push(
      '',
      'Only this machine can connect: start with HOST=0.0.0.0 for the venue network (docs/venue.md).',
    );
  }
  lines.push('', 'Press Ctrl+C to stop.');
  console.log(lines.join('\n'));
}

/** What `gavel tokens --replace` takes: a role's token, or the stage key. */
const REPLACE_WHAT = ['floor-officer', 'secretariat', 'moderator', 'stage'] as const;
type ReplaceWhat = (typeof REPLACE_WHAT)[number];
const FIELD_OF: Record<ReplaceWhat, keyof Secrets> = {
  moderator: 'moderatorToken',
  'floor-officer': 'floorOfficerToken',
  secretariat: 'secretariatToken',
  stage: 'stageKey',
};
const DATABASE_KEY: Record<ReplaceWhat, string> = { ...SETTING_KEY, stage: 'stage-key' };

/**
 * `gavel tokens [--replace ROLE]`: every role's token and console link for a session; with
 * `--replace`, a new token for the role first. A running Gavel refuses the floor officer's or the
 * secretariat's old token at once (within 5 s on PostgreSQL); the moderator token and the stage
 * key take a restart.
 */
async function tokens(args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        'database-url': { type: 'string' },
        'public-url': { type: 'string' },
        port: { type: 'string' },
        session: { type: 'string' },
        replace: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return die(`${describe(error)} (gavel --help lists the options).`);
  }
  const text = (name: string) =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  const replace = text('replace');
  if (replace !== undefined && !(REPLACE_WHAT as readonly string[]).includes(replace)) {
    die(`--replace takes one of ${REPLACE_WHAT.join(', ')}, not "${replace}".`);
  }
  const what = replace as ReplaceWhat | undefined;
  if (what !== undefined && env[SECRET_ENV[FIELD_OF[what]]]) {
    die(
      `The ${what} token is set in ${SECRET_ENV[FIELD_OF[what]]}: change it there and restart Gavel.`,
    );
  }
  const databaseUrl = text('database-url') ?? (env.GAVEL_DATABASE_URL || undefined);
  let secrets: Secrets;
  if (databaseUrl !== undefined) {
    let log: PgLog | undefined;
    try {
      log = await PgLog.open(databaseUrl);
      if (what !== undefined) await log.setShared(DATABASE_KEY[what], newSecret());
      const read = async (field: keyof Secrets, key: string) =>
        env[SECRET_ENV[field]] || (await (log as PgLog).shared(key, newSecret()));
      secrets = {
        moderatorToken: await read('moderatorToken', DATABASE_KEY.moderator),
        floorOfficerToken: await read('floorOfficerToken', DATABASE_KEY['floor-officer']),
        secretariatToken: await read('secretariatToken', DATABASE_KEY.secretariat),
        stageKey: await read('stageKey', DATABASE_KEY.stage),
      };
    } catch (error) {
      if (error instanceof StoreError) die(error.message);
      return die(`Gavel cannot read its secrets from the database: ${describe(error)}.`);
    } finally {
      await log?.close();
    }
  } else {
    const dataDir = resolve(text('data') ?? (env.GAVEL_DATA || './data'));
    try {
      mkdirSync(dataDir, { recursive: true });
      if (what !== undefined) {
        // Made first if there are none yet, then the one asked for replaced.
        loadSecrets(dataDir, env);
        const path = secretsPath(dataDir);
        writeSecretsFile(path, { ...readSecretsFile(path), [FIELD_OF[what]]: newSecret() });
      }
      secrets = loadSecrets(dataDir, env).secrets;
    } catch (error) {
      if (error instanceof ConfigError) die(error.message);
      return die(`Gavel cannot use the data folder ${dataDir}: ${describe(error)}.`);
    }
  }
  const publicUrl = text('public-url') ?? (env.GAVEL_PUBLIC_URL || undefined);
  const port = Number(text('port') ?? (env.PORT || '8080'));
  const host = env.HOST || '127.0.0.1';
  const base = linkBase({ publicUrl, host, port, lan: lanAddress() });
  const session = text('session') ?? 'asp15-cooperation';
  const links = roleLinks(base, session, secrets);
  const lines: string[] = [];
  if (what !== undefined) {
    lines.push(
      what === 'floor-officer' || what === 'secretariat'
        ? `New ${what} token: the old one is refused from now on, by a running Gavel too.`
        : `New ${what === 'stage' ? 'stage key' : 'moderator token'}: restart Gavel for it to take effect.`,
      '',
    );
  }
  lines.push(
    `Session ${session}`,
    `  Moderator:      ${secrets.moderatorToken}  ${links.moderator}`,
    `  Floor officer:  ${secrets.floorOfficerToken}  ${links['floor-officer']}`,
    `  Secretariat:    ${secrets.secretariatToken}  ${links.secretariat}`,
    `  Stage key:      ${secrets.stageKey}  ${sessionLinks(base, session, secrets).stage}`,
  );
  console.log(lines.join('\n'));
}

/** `gavel db copy FROM TO`: every session with its whole log, from one log to another. */
async function db(args: readonly string[]): Promise<void> {
  const [verb, from, to, ...extra] = args;
  if (verb !== 'copy' || from === undefined || to === undefined || extra.length > 0) {
    die('usage: gavel db copy FROM TO, each a data folder or a postgres:// URL.');
  }
  let source: EventLog | undefined;
  let target: EventLog | undefined;
  try {
    source = await openLog(from);
    target = await openLog(to);
    const copied = await copyLog(source, target);
    console.log(
      `Copied ${copied.sessions} session${copied.sessions === 1 ? '' : 's'} (${copied.entries} log entries) from ${source.where} to ${target.where}, each checked version by version.`,
    );
  } catch (error) {
    if (error instanceof StoreError) die(error.message);
    throw error;
  } finally {
    await source?.close();
    await target?.close();
  }
}

/** `gavel backup FILE [--data FOLDER]`: a checked copy of the log, taken while a meeting runs. */
async function backup(args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  let parsed: {
    values: { data?: string | undefined; 'database-url'?: string | undefined };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args: [...args],
      options: { data: { type: 'string' }, 'database-url': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return die(`${describe(error)} (usage: gavel backup FILE [--data FOLDER]).`);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) die('usage: gavel backup FILE [--data FOLDER].');
  if (parsed.values['database-url'] || env.GAVEL_DATABASE_URL) {
    die('The log is in PostgreSQL: back it up with pg_dump, as docs/scale.md says (Backups).');
  }
  try {
    const done = await backupDataFolder(parsed.values.data ?? (env.GAVEL_DATA || './data'), file);
    const n = (count: number, one: string) =>
      `${count.toLocaleString('en-US')} ${one}${count === 1 ? '' : 's'}`;
    console.log(`Backed up ${n(done.sessions, 'session')}, ${n(done.rows, 'log row')} to ${file}.`);
  } catch (error) {
    if (error instanceof StoreError) die(error.message);
    throw error;
  }
}

/** Runs the command line. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (command === 'serve') return serve(rest, env);
  if (command === 'check') return check(rest);
  if (command === 'db') return db(rest);
  if (command === 'backup') return backup(rest, env);
  if (command === 'tokens') return tokens(rest, env);
  die(
    `"${command}" is not a Gavel command: use serve, check, tokens, db or backup (gavel --help).`,
  );
}

await main(process.argv.slice(2));
