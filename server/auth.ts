/**
 * Who is asking: the server decides every role from the secrets it is shown (the moderator token,
 * the stage key) or a delegate's device key, never from what the client claims.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { fail, type GavelError } from '../shared/errors.ts';
import { Id } from '../shared/programme.ts';
import { ROLES, type Actor, type Role } from '../shared/roles.ts';

/** The two secrets of a server: one moderator token for every session, and one stage key. */
export interface Secrets {
  readonly moderatorToken: string;
  readonly stageKey: string;
}

/** A device key is random text the browser keeps; its shape is checked before it names a room. */
export const DEVICE_KEY = /^[A-Za-z0-9_-]{16,128}$/;

/** 128 random bits, URL-safe: the size of a generated token or key. */
export function newSecret(): string {
  return randomBytes(16).toString('base64url');
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Compares a secret in constant time: both sides are hashed first, so neither the content nor
 * the length of the real one leaks through timing.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** A handshake the server accepted: the session and who the socket acts as. */
export interface Admission {
  readonly session: string;
  readonly actor: Actor;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Decides the role of a socket from its handshake `auth`. A secret given but wrong is refused
 * (people should learn their link is stale); a role asked for is granted only with its secret; a
 * lower role than the secrets allow may be asked for (a moderator's laptop showing the stage).
 * The session's existence is the caller's to check. Pure.
 */
export function admit(
  auth: unknown,
  secrets: Secrets,
): { ok: true; admission: Admission } | { ok: false; error: GavelError } {
  const a = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>) : {};
  const session = a.session;
  if (typeof session !== 'string' || session === '') {
    return {
      ok: false,
      error: fail(
        'invalid',
        'The connection names no session: open a link that ends with the session id.',
      ),
    };
  }
  if (!Id.safeParse(session).success) {
    return {
      ok: false,
      error: fail('not-found', 'That is not a session id Gavel could have made: check the link.'),
    };
  }
  const token = str(a.token);
  const stageKey = str(a.stageKey);
  const deviceKey = str(a.deviceKey);
  const asked = a.role;
  if (asked !== undefined && !ROLES.includes(asked as Role)) {
    return { ok: false, error: fail('invalid', `role: must be one of ${ROLES.join(', ')}.`) };
  }
  if (token !== undefined && !sameSecret(token, secrets.moderatorToken)) {
    return {
      ok: false,
      error: fail(
        'unauthorized',
        'The moderator token is not right: open the console link Gavel printed when it started.',
      ),
    };
  }
  if (stageKey !== undefined && !sameSecret(stageKey, secrets.stageKey)) {
    return {
      ok: false,
      error: fail(
        'unauthorized',
        'The stage key is not right: open the stage link Gavel printed when it started.',
      ),
    };
  }
  if (deviceKey !== undefined && !DEVICE_KEY.test(deviceKey)) {
    return {
      ok: false,
      error: fail(
        'invalid',
        'deviceKey: must be 16 to 128 letters, digits, dashes or underscores.',
      ),
    };
  }
  const moderator = token !== undefined;
  const stage = moderator || stageKey !== undefined;
  let role: Role;
  switch (asked as Role | undefined) {
    case undefined:
      role = moderator
        ? 'moderator'
        : stageKey !== undefined
          ? 'stage'
          : deviceKey !== undefined
            ? 'delegate'
            : 'viewer';
      break;
    case 'moderator':
      if (!moderator) {
        return {
          ok: false,
          error: fail(
            'unauthorized',
            'The console needs the moderator token: open the console link Gavel printed when it started.',
          ),
        };
      }
      role = 'moderator';
      break;
    case 'stage':
      if (!stage) {
        return {
          ok: false,
          error: fail(
            'unauthorized',
            'The stage display needs the stage key: open the stage link Gavel printed when it started.',
          ),
        };
      }
      role = 'stage';
      break;
    case 'delegate':
      if (deviceKey === undefined) {
        return {
          ok: false,
          error: fail('invalid', "A delegate's device sends its deviceKey with the connection."),
        };
      }
      role = 'delegate';
      break;
    case 'viewer':
      role = 'viewer';
      break;
  }
  const actor: Actor =
    role === 'delegate' && deviceKey !== undefined ? { role, deviceKey } : { role };
  return { ok: true, admission: { session, actor } };
}
