/**
 * Gavel's wire protocol in one file: its version, the Socket.IO event maps both ways, the acks,
 * and what a snapshot and an update carry. The HTTP API takes the same command objects.
 */
import type { GavelError } from './errors.ts';
import type { PatchOp } from './patch.ts';
import type { Role } from './roles.ts';
import type { RequestView, SessionView } from './views.ts';

/** Raised when the shape of anything below changes incompatibly. */
export const PROTOCOL_VERSION = 1;

/** What a socket sends when it connects (`auth` of the Socket.IO handshake). */
export interface Handshake {
  readonly session: string;
  /**
   * The `PROTOCOL_VERSION` the page was built with. The server refuses another (`protocol-old`,
   * `protocol-new`) and the page reloads, rather than apply patches of a shape it does not know.
   * Scripts and integrations may leave it out: they are admitted as they are.
   */
  readonly protocol?: number;
  /** The role asked for; the server decides from the credentials given. */
  readonly role?: Role;
  /**
   * The page can unpack a snapshot sent as deflated JSON (`session:packed`): a phone joining on a
   * weak network then receives a third of the bytes. Scripts and integrations leave it out.
   */
  readonly packed?: boolean;
  readonly token?: string;
  readonly stageKey?: string;
  /** A random key the browser keeps: it makes the socket a delegate's. */
  readonly deviceKey?: string;
}

/** The whole view for the socket's role, with the server's time when it was made. */
export interface Snapshot {
  readonly protocol: number;
  readonly version: number;
  readonly serverNow: number;
  readonly view: SessionView;
}

/**
 * A snapshot whose view travels as deflate-raw compressed JSON (RFC 1951), for a page that asked
 * for it in its handshake. The server compresses each version once for every socket that joins.
 */
export interface PackedSnapshot {
  readonly protocol: number;
  readonly version: number;
  readonly serverNow: number;
  /** `JSON.stringify(view)`, UTF-8, deflate-raw. */
  readonly packed: Uint8Array | ArrayBuffer;
}

/**
 * A change to the view for one role: apply `patch` to the view at `fromVersion` to get the view
 * at `version`. A client holding another version asks for a snapshot (`session:sync`).
 */
export interface Update {
  readonly fromVersion: number;
  readonly version: number;
  readonly serverNow: number;
  readonly patch: readonly PatchOp[];
}

/** Who is connected to one session, for the moderator. */
export interface Presence {
  readonly session: string;
  readonly consoles: number;
  readonly stages: number;
  readonly viewers: number;
  readonly delegates: number;
}

export type Ack<T extends object = object> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly error: GavelError };

/** The answer to a command: the session's new version, or the refusal. */
export type CommandAck = Ack<{ readonly version: number }>;

export interface ClockSample {
  /** The client's clock when it sent the request, echoed back. */
  readonly clientSentAt: number;
  readonly serverNow: number;
}

export interface ServerToClientEvents {
  'session:snapshot': (snapshot: Snapshot) => void;
  'session:packed': (snapshot: PackedSnapshot) => void;
  'session:update': (update: Update) => void;
  /**
   * Why the server is about to close this connection (`rate-limited`: the device sent far more
   * than a person can; it may come back after `retryAfterMs`).
   */
  'session:closed': (reason: GavelError) => void;
  /** A delegate's own requests, to that device's sockets only. */
  'floor:mine': (mine: {
    readonly version: number;
    readonly requests: readonly RequestView[];
  }) => void;
  /** To the moderator only, at most once a second. */
  presence: (presence: Presence) => void;
}

export interface ClientToServerEvents {
  /** One command object; the ack says whether it was taken. */
  'session:command': (command: unknown, ack: (result: CommandAck) => void) => void;
  /** Ask for a fresh snapshot (sent back as `session:snapshot`). */
  'session:sync': () => void;
  /** An NTP-style sample: the ack carries the server's time. */
  'clock:sync': (clientSentAt: number, ack: (sample: ClockSample) => void) => void;
}

/** The error a refused handshake carries in `connect_error` (`err.data`). */
export interface HandshakeRefusal {
  readonly code: GavelError['code'];
  readonly message: string;
  /** Which refusal of `refusals.ts` it is, when it is one, and the values its sentence names. */
  readonly key?: GavelError['key'];
  readonly params?: GavelError['params'];
  /** With `rate-limited`: when the device may try again, in ms. */
  readonly retryAfterMs?: number;
}
