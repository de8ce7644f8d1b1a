/**
 * What the command line works out before a server starts: the secrets kept in the data folder,
 * programme files, and the address people's links are built on. Every failure is a `ConfigError`
 * whose message is one sentence for the person starting Gavel.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { DelegationList, delegationListProblems } from '../shared/delegationList.ts';
import { parseProgramme, type Programme, type ProgrammeProblem } from '../shared/programme.ts';
import shippedDelegations from '../shared/programmes/delegations.json' with { type: 'json' };
import { newSecret, type Secrets } from './auth.ts';

/** A problem in how Gavel was started, worded for the person who started it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** Problems of a programme file, one per line under the sentence. */
    readonly problems: readonly ProgrammeProblem[] = [],
  ) {
    super(message);
  }
}

const SECRETS_FILE = 'secrets.json';
/**
 * A shorter token or key could be guessed by anyone on the venue's network (a generated one has
 * 22 characters, 128 random bits).
 */
export const MIN_SECRET_LENGTH = 16;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Each secret's field in `secrets.json`, and the environment variable that overrides it. */
export const SECRET_ENV = {
  moderatorToken: 'GAVEL_MODERATOR_TOKEN',
  floorOfficerToken: 'GAVEL_FLOOR_OFFICER_TOKEN',
  secretariatToken: 'GAVEL_SECRETARIAT_TOKEN',
  stageKey: 'GAVEL_STAGE_KEY',
} as const satisfies Record<keyof Secrets, string>;
const SECRET_FIELDS = Object.keys(SECRET_ENV) as (keyof Secrets)[];

/** The path of the secrets file in a data folder. */
export function secretsPath(dataDir: string): string {
  return join(dataDir, SECRETS_FILE);
}

/**
 * The secrets kept in `secrets.json`, each checked; the fields it does not have are absent. A
 * missing file is an empty one; a file that cannot be read is a `SyntaxError` or the read's error.
 */
export function readSecretsFile(path: string): Partial<Record<keyof Secrets, string>> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return {};
    throw error;
  }
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null)
    throw new SyntaxError('it is not a JSON object');
  const kept: Partial<Record<keyof Secrets, string>> = {};
  for (const field of SECRET_FIELDS) {
    const value = (parsed as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) {
      throw new SyntaxError(
        `${SECRET_FIELDS.join(', ')} must be text of ${MIN_SECRET_LENGTH} characters or more`,
      );
    }
    kept[field] = value;
  }
  return kept;
}

/** Writes `secrets.json` whole (a temporary file renamed over it), readable by its owner only. */
export function writeSecretsFile(path: string, secrets: Partial<Record<keyof Secrets, string>>) {
  try {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    throw new ConfigError(
      `Gavel cannot write ${path} (${error instanceof Error ? error.message : String(error)}): check the data folder's permissions.`,
    );
  }
}

/**
 * The tokens (moderator, floor officer, secretariat) and the stage key: from the environment when
 * given, else generated once (128 random bits each) and kept in `secrets.json` in the data folder,
 * readable by its owner only. An existing file that cannot be read is refused, never replaced.
 */
export function loadSecrets(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): { secrets: Secrets; generated: boolean } {
  const path = secretsPath(dataDir);
  let kept: Partial<Record<keyof Secrets, string>>;
  try {
    kept = readSecretsFile(path);
  } catch (error) {
    throw new ConfigError(
      `${path} cannot be read (${error instanceof Error ? error.message : String(error)}): fix or remove it, and Gavel makes new secrets.`,
    );
  }
  checkSecretsFromEnv(env);
  // Only generated secrets are written down: one given in the environment stays there.
  const toKeep = { ...kept };
  for (const field of SECRET_FIELDS) {
    if (!env[SECRET_ENV[field]] && toKeep[field] === undefined) toKeep[field] = newSecret();
  }
  const generated = SECRET_FIELDS.some((field) => toKeep[field] !== kept[field]);
  if (generated) writeSecretsFile(path, toKeep);
  const secrets = Object.fromEntries(
    SECRET_FIELDS.map((field) => [field, env[SECRET_ENV[field]] || (toKeep[field] as string)]),
  ) as unknown as Secrets;
  return { secrets, generated };
}

/**
 * Refuses a token or stage key from the environment that is too short to be safe, or set but
 * empty, in one sentence for the person starting Gavel.
 */
export function checkSecretsFromEnv(env: NodeJS.ProcessEnv): void {
  for (const name of Object.values(SECRET_ENV)) {
    const value = env[name];
    if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        `${name} must be at least ${MIN_SECRET_LENGTH} characters: a shorter one is easy to guess (leave it unset and Gavel makes a strong one).`,
      );
    }
  }
}

/** A JSON file's content, or a `ConfigError` saying in one sentence why it cannot be had. */
function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    throw new ConfigError(
      code === 'ENOENT'
        ? `${file} does not exist.`
        : `${file} cannot be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(
      `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
}

/** Reads and checks a programme file; a file with any problem is refused with all of them. */
export function readProgrammeFile(file: string): Programme {
  const result = parseProgramme(readJsonFile(file));
  if (!result.ok) {
    const n = result.problems.length;
    throw new ConfigError(`${file} has ${n} problem${n === 1 ? '' : 's'}:`, result.problems);
  }
  return result.programme;
}

/** The file name of the secretariat's list of delegations in a data folder. */
export const DELEGATIONS_FILE = 'delegations.json';

/** Where the list of delegations in effect comes from, and the list itself, checked. */
export interface DelegationSource {
  /** The secretariat's file, or null for the list Gavel ships. */
  readonly file: string | null;
  readonly list: DelegationList;
}

/**
 * The list of delegations in effect: the file `GAVEL_DELEGATIONS` names, else `delegations.json`
 * in the data folder when there is one, else the list shipped in
 * `shared/programmes/delegations.json`. The secretariat brings membership up to date with such a
 * file, without a new release of Gavel. It is data, so a file with any problem stops Gavel when it
 * starts, with every problem named, not in the middle of a meeting.
 */
export function loadDelegationList(dataDir: string, env: NodeJS.ProcessEnv): DelegationSource {
  const named = env.GAVEL_DELEGATIONS?.trim() || undefined;
  const inData = join(dataDir, DELEGATIONS_FILE);
  const file = named ?? (existsSync(inData) ? inData : null);
  const data: unknown = file === null ? shippedDelegations : readJsonFile(file);
  const problems = delegationListProblems(data);
  if (problems.length > 0) {
    const n = problems.length;
    throw new ConfigError(
      `${file ?? 'shared/programmes/delegations.json'} is not a list of delegations Gavel can use: it has ${n} problem${n === 1 ? '' : 's'} (docs/programme.md says how it is written):`,
      problems,
    );
  }
  return { file, list: DelegationList.parse(data) };
}

/** The built-in plenary, shipped in `shared/programmes/`. */
export function builtInPlenary(): Programme {
  return readProgrammeFile(
    new URL('../shared/programmes/asp15-cooperation.json', import.meta.url).pathname,
  );
}

/** The machine's first non-internal IPv4 address, for links phones on the venue's network use. */
export function lanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal) return a.address;
    }
  }
  return null;
}

/**
 * The address links are built on: the public URL when set (a TLS proxy, a name in the venue's
 * DNS), else the LAN address when listening on every interface, else the host itself.
 */
export function linkBase(options: {
  publicUrl?: string;
  host: string;
  port: number;
  lan?: string | null;
}): string {
  if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
  const everywhere = options.host === '0.0.0.0' || options.host === '::';
  const host = everywhere ? (options.lan ?? '127.0.0.1') : options.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
}

/** The links of a session's pages: the console's with its token, the stage's with its key. */
export function sessionLinks(base: string, session: string, secrets: Secrets) {
  const id = encodeURIComponent(session);
  return {
    console: `${base}/console/${id}?token=${encodeURIComponent(secrets.moderatorToken)}`,
    stage: `${base}/stage/${id}?key=${encodeURIComponent(secrets.stageKey)}`,
    live: `${base}/live/${id}`,
    overlay: `${base}/overlay/${id}`,
    // Without the token: the report reads the one this browser keeps (the console's), or asks.
    report: `${base}/report/${id}`,
  };
}
