/**
 * Where a running server reads its secrets: from where they are kept, so a token replaced from the
 * console is refused at once on its own process, and one replaced from the command line
 * (`gavel tokens --replace ROLE`) or on another process within a second (a data folder) or five
 * (a database).
 *
 * The floor officer's and the secretariat's tokens are read live. The moderator token and the stage
 * key are given to a server when it starts (worker processes get them from their primary): after
 * replacing one of them, restart Gavel.
 */
import { statSync } from 'node:fs';
import type { GavelError } from '../shared/errors.ts';
import { refuse } from '../shared/refusals.ts';
import type { TokenRole } from '../shared/roles.ts';
import { newSecret, TOKEN_FIELD, type Secrets } from './auth.ts';
import { readSecretsFile, SECRET_ENV, secretsPath, writeSecretsFile } from './config.ts';

/** The tokens the moderator's console may replace: not its own (a restart is needed for it). */
export const REPLACEABLE = ['floor-officer', 'secretariat'] as const;
export type ReplaceableRole = (typeof REPLACEABLE)[number];

/** What replacing a token gives: the new token, or why it cannot be replaced. */
export type Replaced = { ok: true; token: string } | { ok: false; error: GavelError };

/** A server's secrets as they are now, and the way to replace a role's token. */
export interface Keyring {
  /** The secrets now: called on every check of a credential. */
  current(): Secrets;
  /** A new token for the role, kept where the secrets are; the old one is refused from then on. */
  replace(role: ReplaceableRole): Promise<Replaced>;
}

/** The environment variable that sets a role's token, when it is set (then it is not replaced). */
function fromEnvironment(role: TokenRole, env: NodeJS.ProcessEnv): string | null {
  const variable = SECRET_ENV[TOKEN_FIELD[role]];
  return env[variable] ? variable : null;
}

const fixedRefusal = (role: TokenRole, variable: string): Replaced => ({
  ok: false,
  error: refuse('not-allowed', 'token-from-environment', { role, variable }),
});

/** Secrets kept in memory only: tests, and servers built without a data folder of their own. */
export function memoryKeyring(initial: Secrets, env: NodeJS.ProcessEnv = {}): Keyring {
  let secrets = initial;
  return {
    current: () => secrets,
    replace(role) {
      const variable = fromEnvironment(role, env);
      if (variable) return Promise.resolve(fixedRefusal(role, variable));
      const token = newSecret();
      secrets = { ...secrets, [TOKEN_FIELD[role]]: token };
      return Promise.resolve({ ok: true, token });
    },
  };
}

/** How often a server looks again at `secrets.json` for a token replaced by another process. */
export const FILE_REFRESH_MS = 1_000;

/**
 * The secrets of a data folder: `secrets.json` is looked at again at most once a second (a `stat`,
 * and a read when it changed), so every worker and a `gavel tokens --replace` see the same tokens
 * within a second, and a busy handshake path does not wait on the disk at every check.
 * `started` are the secrets the server started with: its moderator token and stage key stay.
 */
export function fileKeyring(
  dataDir: string,
  started: Secrets,
  env: NodeJS.ProcessEnv,
  now: () => number = () => performance.now(),
): Keyring {
  const path = secretsPath(dataDir);
  let secrets = started;
  let seen = '';
  let lookedAt = -Infinity;
  function current(): Secrets {
    const at = now();
    if (at - lookedAt < FILE_REFRESH_MS) return secrets;
    lookedAt = at;
    const stat = statSync(path, { throwIfNoEntry: false });
    const stamp = stat ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : '';
    if (stamp === seen) return secrets;
    seen = stamp;
    try {
      const kept = readSecretsFile(path);
      secrets = {
        ...secrets,
        ...Object.fromEntries(
          REPLACEABLE.flatMap((role) => {
            const field = TOKEN_FIELD[role];
            const value = kept[field];
            return value !== undefined && !fromEnvironment(role, env) ? [[field, value]] : [];
          }),
        ),
      };
    } catch {
      // A file broken by a hand edit mid-meeting: the tokens read last stay in force.
    }
    return secrets;
  }
  return {
    current,
    replace(role) {
      const variable = fromEnvironment(role, env);
      if (variable) return Promise.resolve(fixedRefusal(role, variable));
      const token = newSecret();
      writeSecretsFile(path, { ...readSecretsFile(path), [TOKEN_FIELD[role]]: token });
      lookedAt = -Infinity;
      secrets = { ...current(), [TOKEN_FIELD[role]]: token };
      return Promise.resolve({ ok: true, token });
    },
  };
}

/** The settings every node of a database shares (`PgLog`'s). */
export interface SharedSettings {
  shared(key: string, value: string): Promise<string>;
  setShared(key: string, value: string): Promise<void>;
}

/** The key of each token in the database's settings. */
export const SETTING_KEY = {
  moderator: 'moderator-token',
  'floor-officer': 'floor-officer-token',
  secretariat: 'secretariat-token',
} as const satisfies Record<TokenRole, string>;

/** How often a node reads the floor officer's and secretariat's tokens again from the database. */
export const DATABASE_REFRESH_MS = 5_000;

/**
 * The secrets of a database shared by many nodes: the replaceable tokens are read again every
 * `DATABASE_REFRESH_MS`, so a token replaced on another node (or from the command line) is refused
 * here within that time; on this node, at once. `stop` ends the reading.
 */
export function databaseKeyring(
  settings: SharedSettings,
  started: Secrets,
  env: NodeJS.ProcessEnv,
): Keyring & { stop(): void } {
  let secrets = started;
  const refresh = async () => {
    for (const role of REPLACEABLE) {
      if (fromEnvironment(role, env)) continue;
      const field = TOKEN_FIELD[role];
      const value = await settings.shared(SETTING_KEY[role], secrets[field]);
      secrets = { ...secrets, [field]: value };
    }
  };
  const timer = setInterval(() => void refresh().catch(() => {}), DATABASE_REFRESH_MS);
  timer.unref();
  return {
    current: () => secrets,
    async replace(role) {
      const variable = fromEnvironment(role, env);
      if (variable) return fixedRefusal(role, variable);
      const token = newSecret();
      await settings.setShared(SETTING_KEY[role], token);
      secrets = { ...secrets, [TOKEN_FIELD[role]]: token };
      return { ok: true, token };
    },
    stop: () => clearInterval(timer),
  };
}

/** The console link of each role that holds a token, for one session. */
export function roleLinks(
  base: string,
  session: string,
  secrets: Secrets,
): Record<TokenRole, string> {
  const id = encodeURIComponent(session);
  const link = (role: TokenRole) =>
    `${base}/console/${id}?token=${encodeURIComponent(secrets[TOKEN_FIELD[role]])}`;
  return {
    moderator: link('moderator'),
    'floor-officer': link('floor-officer'),
    secretariat: link('secretariat'),
  };
}
