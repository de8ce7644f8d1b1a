/**
 * Who is asking: the server decides every role from the secrets it is shown (a role's token, the
 * stage key) or a delegate's device key, never from what the client claims.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { GavelError } from '../shared/errors.ts';
import { Id } from '../shared/programme.ts';
import { PROTOCOL_VERSION } from '../shared/protocol.ts';
import { refuse } from '../shared/refusals.ts';
import { ROLES, TOKEN_ROLES, type Actor, type Role, type TokenRole } from '../shared/roles.ts';

/**
 * The secrets of a server, each for every session: a token per role that holds one (the
 * moderator, the floor officer, the secretariat), and the stage key.
 */
export interface Secrets {
  readonly moderatorToken: string;
  readonly floorOfficerToken: string;
  readonly secretariatToken: string;
  readonly stageKey: string;
}

/** The field of `Secrets` that holds each role's token. */
export const TOKEN_FIELD = {
  moderator: 'moderatorToken',
  'floor-officer': 'floorOfficerToken',
  secretariat: 'secretariatToken',
} as const satisfies Record<TokenRole, keyof Secrets>;

/**
 * The role whose token this is, or null. Every role's token is compared, each in constant time,
 * so how long it takes tells nothing of which one matched.
 */
export function tokenRole(given: string, secrets: Secrets): TokenRole | null {
  let found: TokenRole | null = null;
  for (const role of TOKEN_ROLES) {
    if (sameSecret(given, secrets[TOKEN_FIELD[role]]) && found === null) found = role;
  }
  return found;
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

/** A secret that was shown and was wrong: what the count of wrong credentials calls it. */
export type WrongSecret = 'token' | 'stage key';

/** What `admit` decides: an admission, or a refusal that says when a secret was wrong. */
export type AdmitResult =
  { ok: true; admission: Admission } | { ok: false; error: GavelError; wrong?: WrongSecret };

/** The handshake's fields that are text when given, with what each holds, for the refusal. */
const TEXT_FIELDS = {
  session: 'the session id from the link',
  token: "the role's token",
  stageKey: 'the stage key',
  deviceKey: "the device's key",
} as const;
type TextField = keyof typeof TEXT_FIELDS;

/** What a value is, in words, for a refusal naming it. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/**
 * A field that is present must be non-empty text: `token: 1`, `token: [token]` or `token: ""` is a
 * broken client, never a viewer who sent nothing. Null when the field is absent or text.
 */
function notText(field: TextField, value: unknown): GavelError | null {
  if (value === undefined || (typeof value === 'string' && value !== '')) return null;
  const what = TEXT_FIELDS[field];
  return value === ''
    ? refuse('invalid', 'field-empty', { field, what })
    : refuse('invalid', 'field-not-text', { field, what, kind: kindOf(value) });
}

/**
 * Decides the role of a socket from its handshake `auth`. Every field given must be of its type
 * (text, not empty) before any secret is compared. A secret given but wrong is refused (people
 * should learn their link is stale) and named in `wrong`, for the count of wrong credentials; a
 * role asked for is granted only with its secret; a lower role than the secrets allow may be asked
 * for (a moderator's laptop showing the stage). The session's existence is the caller's to check.
 * Pure.
 */
export function admit(auth: unknown, secrets: Secrets): AdmitResult {
  const a = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>) : {};
  // First: a page of another version may send anything else in another shape. A handshake
  // without a version (a script, Companion) is taken as it is.
  const protocol = a.protocol;
  if (protocol !== undefined && protocol !== PROTOCOL_VERSION) {
    return {
      ok: false,
      error: !Number.isInteger(protocol)
        ? refuse('invalid', 'protocol-malformed', { version: PROTOCOL_VERSION })
        : refuse(
            'invalid',
            (protocol as number) < PROTOCOL_VERSION ? 'protocol-old' : 'protocol-new',
          ),
    };
  }
  const session = a.session;
  if (session === undefined || session === '') {
    return {
      ok: false,
      error: refuse('invalid', 'no-session'),
    };
  }
  const misfit =
    notText('session', session) ??
    notText('token', a.token) ??
    notText('stageKey', a.stageKey) ??
    notText('deviceKey', a.deviceKey);
  if (misfit) return { ok: false, error: misfit };
  const asked = a.role;
  if (asked !== undefined && !ROLES.includes(asked as Role)) {
    return { ok: false, error: refuse('invalid', 'role-unknown', { roles: ROLES.join(', ') }) };
  }
  // Checked above: the session is non-empty text, each credential absent or non-empty text.
  const id = session as string;
  const token = a.token as string | undefined;
  const stageKey = a.stageKey as string | undefined;
  const deviceKey = a.deviceKey as string | undefined;
  if (!Id.safeParse(id).success) {
    return {
      ok: false,
      error: refuse('not-found', 'session-id-malformed'),
    };
  }
  // A token opens the role it is the token of: the moderator's, the floor officer's or the
  // secretariat's.
  const holder = token === undefined ? null : tokenRole(token, secrets);
  if (token !== undefined && holder === null) {
    return {
      ok: false,
      error: refuse('unauthorized', 'token-wrong-link'),
      wrong: 'token',
    };
  }
  if (stageKey !== undefined && !sameSecret(stageKey, secrets.stageKey)) {
    return {
      ok: false,
      error: refuse('unauthorized', 'stage-key-wrong-link'),
      wrong: 'stage key',
    };
  }
  if (deviceKey !== undefined && !DEVICE_KEY.test(deviceKey)) {
    return {
      ok: false,
      error: refuse('invalid', 'device-key-malformed'),
    };
  }
  const moderator = holder === 'moderator';
  const stage = moderator || stageKey !== undefined;
  let role: Role;
  switch (asked as Role | undefined) {
    case undefined:
      role =
        holder !== null
          ? holder
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
          error: refuse('unauthorized', 'console-needs-token'),
        };
      }
      role = 'moderator';
      break;
    // The moderator may open the console of either (to see what its holder sees).
    case 'floor-officer':
      if (!moderator && holder !== 'floor-officer') {
        return { ok: false, error: refuse('unauthorized', 'officer-needs-token') };
      }
      role = 'floor-officer';
      break;
    case 'secretariat':
      if (!moderator && holder !== 'secretariat') {
        return { ok: false, error: refuse('unauthorized', 'secretariat-needs-token') };
      }
      role = 'secretariat';
      break;
    case 'stage':
      if (!stage) {
        return {
          ok: false,
          error: refuse('unauthorized', 'stage-needs-key'),
        };
      }
      role = 'stage';
      break;
    case 'delegate':
      if (deviceKey === undefined) {
        return {
          ok: false,
          error: refuse('invalid', 'delegate-needs-device-key'),
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
  return { ok: true, admission: { session: id, actor } };
}
