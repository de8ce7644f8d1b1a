/**
 * The live side: Socket.IO handshake, rooms per session and role, snapshots, per-role updates,
 * a delegate's own requests, presence for the moderator, clock samples. Nothing is sent on a
 * timer: a running countdown costs no traffic, and a viewer coming or going tells no other viewer.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { deflateRawSync } from 'node:zlib';
import type { Server, Socket } from 'socket.io';
import type { GavelError } from '../shared/errors.ts';
import type { PatchOp } from '../shared/patch.ts';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type CommandAck,
  type HandshakeRefusal,
  type PackedSnapshot,
  type Presence,
  type ServerToClientEvents,
  type Snapshot,
} from '../shared/protocol.ts';
import { atTheChair, ROLES, type Actor, type Role } from '../shared/roles.ts';
import { refuse } from '../shared/refusals.ts';
import type { FloorRequest } from '../shared/state.ts';
import { requestsOf, viewFor, type SessionView } from '../shared/views.ts';
import { admit, newSecret, tokenRole } from './auth.ts';
import type { Keyring } from './keyring.ts';
import { localBus, type Bus } from './eventLog.ts';
import type { Clock } from './clock.ts';
import { Fanout } from './fanout.ts';
import {
  ADDRESS_COMMANDS,
  BucketMap,
  HOLD_OFF_MS,
  MAX_PAYLOAD_BYTES,
  rateLimited,
  SOCKET_CLOCK,
  SOCKET_COMMANDS,
  SOCKET_SYNCS,
  TokenBucket,
  type BucketSpec,
} from './limits.ts';
import type { SessionHub } from './sessionHub.ts';
import { addressOf, type TrustFn } from './proxy.ts';
import type { FailedAttempts } from './attempts.ts';
import { silentLogger, type Logger } from './logger.ts';
import { diff } from '../shared/patch.ts';

/** What Gavel touches of Engine.IO's WebSocket (the `ws` package's) when it cuts a flood off. */
interface WebSocketLike {
  pause?: () => void;
  terminate?: () => void;
}

/** What Gavel touches of an Engine.IO connection (the connection under a Socket.IO socket). */
interface EngineConnection {
  request: IncomingMessage | null;
  readonly remoteAddress: string;
  readonly transport: unknown;
  close(discard?: boolean): void;
  on(event: 'packet', listener: (this: EngineConnection, packet: EnginePacket) => void): unknown;
  on(event: 'close' | 'upgrade', listener: (this: EngineConnection) => void): unknown;
}

/** An Engine.IO packet as it arrives, before Socket.IO decodes its data. */
interface EnginePacket {
  type: string;
  data?: unknown;
}

/** Engine.IO's WebSocket under a connection, when it is on one. */
const webSocketUnder = (conn: { transport: unknown }) =>
  (conn.transport as { socket?: WebSocketLike } | undefined)?.socket;

/** The transport a connection is on now: `websocket` or `polling`. */
const transportName = (conn: { transport: unknown }) =>
  (conn.transport as { name?: unknown } | undefined)?.name;

/** Engine.IO's WebSocket under a socket, when it is on one. */
const webSocketOf = (socket: { conn: { transport: unknown } }) => webSocketUnder(socket.conn);

/**
 * Takes off what Engine.IO leaves of a WebSocket's upgrade once the connection is its own: the
 * close listener its response stand-in (`WebSocketResponse`) puts on the TCP socket, and its
 * listener for errors before the upgrade. The first holds the upgrade request for as long as the
 * connection lasts, about 1.3 KB a phone; neither does anything past the upgrade (the transport
 * listens for errors itself, and Gavel gives Engine.IO no middleware that waits for the stand-in
 * to close). Engine.IO 6.6 names neither, so they are known by their source and name: a version
 * that writes them otherwise keeps them, and the test of this says so.
 */
function letGoOfUpgrade(transport: unknown): void {
  const ws = (transport as { socket?: Partial<Listened> & { _socket?: Listened } } | undefined)
    ?.socket;
  if (typeof ws?.listeners !== 'function') return;
  for (const listener of ws.listeners('error')) {
    if (listener.name === 'onUpgradeError') ws.removeListener?.('error', listener);
  }
  const tcp = ws._socket;
  if (!tcp) return;
  for (const listener of tcp.listeners('close')) {
    if (String(listener) === UPGRADE_RESPONSE_CLOSE) tcp.removeListener('close', listener);
  }
}
const UPGRADE_RESPONSE_CLOSE = '() => this.emit("close")';

/** An event emitter, as far as `letGoOfUpgrade` reads one. */
interface Listened {
  listeners(event: string): ((...args: never[]) => unknown)[];
  removeListener(event: string, listener: (...args: never[]) => unknown): unknown;
}

/**
 * Stands for a socket's handshake once Gavel has admitted it: the handshake (its headers, query,
 * auth and a date written out, about 0.3 KB) is read only by the admission, and Socket.IO reads it
 * only for `fetchSockets`, which Gavel does not use.
 */
const HANDSHAKE_READ = Object.freeze({});

/** Settled: the `answered` of a socket that has sent nothing yet, one for all of them. */
const NOTHING_PENDING = Promise.resolve();

/**
 * Makes each broadcast's WebSocket frame one buffer. Socket.IO frames a broadcast once, as a header
 * and a body, and every socket then writes the two through a corked stream: buffered, gathered
 * and written together, some 0.5 KB of garbage a phone for each update. One buffer is a plain
 * write. Measured side by side at 10,000 phones: a fifth less allocated and about a tenth less
 * server CPU per "next speaker". The adapter's `_encode` is where Socket.IO 4.8 makes the frame; an
 * adapter without it is left as it is, and sends as before.
 */
function framesInOneBuffer(adapter: unknown): void {
  const encoding = adapter as { _encode?: (packet: unknown, options: FrameOptions) => unknown };
  const encode = encoding._encode;
  if (typeof encode !== 'function') return;
  encoding._encode = function (this: unknown, packet: unknown, options: FrameOptions) {
    const encoded = encode.call(this, packet, options);
    const frame = options.wsPreEncodedFrame;
    if (Array.isArray(frame) && frame.length === 2) {
      options.wsPreEncodedFrame = [Buffer.concat(frame as Buffer[])];
    }
    return encoded;
  };
}

/** What Socket.IO's adapter attaches to a broadcast for the WebSocket transport. */
interface FrameOptions {
  wsPreEncodedFrame?: unknown;
}

/** Reads nothing more from a connection: what a flood left in its buffers costs no parsing. */
const stopReading = (socket: { conn: { transport: unknown } }) => webSocketOf(socket)?.pause?.();

/** How long a cut-off connection stays open for its goodbye to be read. */
const CUT_OFF_GRACE_MS = 1_000;

/**
 * Sockets one address may hold at once, by default. A venue behind one NAT is the most a real
 * address carries: the largest plenary halls seat about 2,000, each person may have a phone and a
 * laptop open, and a page reconnecting holds two connections for a moment; 5,000 leaves room for
 * all of that, and still keeps one address to half of what a laptop serves (10,000 phones).
 */
export const SOCKETS_PER_ADDRESS = 5_000;
/** A page refused for its address's many connections tries again this much later. */
const SOCKET_CAP_RETRY_MS = 30_000;
/**
 * Connections one address may open at all, in multiples of its cap: those past the cap are
 * refused in words at the handshake, and these never even get an Engine.IO session (a script
 * opening connections that never finish their handshake would otherwise hold each for 45 s).
 */
const HARD_CAP_FACTOR = 2;

/**
 * What Engine.IO reads of one packet before giving up on the connection. Gavel's own limit is
 * `MAX_PAYLOAD_BYTES`: a packet between the two is answered in words (too-large) before its
 * connection closes, where Engine.IO would only drop it. Twice the limit answers any command that
 * is a little too large (a long text pasted), and a connection still makes the server hold at most
 * 128 KB of a packet it has not finished sending.
 */
export const ENGINE_PAYLOAD_BYTES = 2 * MAX_PAYLOAD_BYTES;

/** What stands in for a packet Gavel cannot read at all: Socket.IO refuses it and closes. */
const UNREADABLE = '9';

/** Its size in bytes, for a packet whose data may be over the limit; 0 when it cannot be. */
function packetBytes(data: unknown): number {
  if (typeof data === 'string') {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most packets are measured by their length.
    return data.length * 3 <= MAX_PAYLOAD_BYTES ? 0 : Buffer.byteLength(data);
  }
  const bytes = (data as { byteLength?: unknown } | null | undefined)?.byteLength;
  return typeof bytes === 'number' ? bytes : 0;
}

/**
 * The origin of a browser page opening a connection, when Gavel does not take it; null when it
 * does: no `Origin` (a script, a Companion module: no page of another site is involved), the
 * address the page was loaded from (the `Origin`'s host is the request's `Host`), or a listed
 * site. `allowed` holds origins (`https://obs.example.org`).
 */
export function foreignOrigin(
  headers: IncomingHttpHeaders,
  allowed: ReadonlySet<string>,
): string | null {
  const origin = headers.origin;
  if (origin === undefined) return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    // `null` (a sandboxed frame, a file) or anything else that is no site's address.
    return origin;
  }
  if (allowed.has(url.origin)) return null;
  const host = headers.host;
  if (host !== undefined) {
    try {
      // Read with the page's scheme, so a default port written or left out compares the same.
      if (new URL(`${url.protocol}//${host}`).host === url.host) return null;
    } catch {
      // A Host that is no host: not the page's own address.
    }
  }
  return origin;
}

/** Origins as `new URL(...).origin` writes them, so a listed site compares with a browser's. */
function originSet(origins: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const origin of origins) {
    try {
      set.add(new URL(origin).origin);
    } catch {
      set.add(origin);
    }
  }
  return set;
}

/** The audience's roles: their rooms are split into shards that a broadcast serves in slices. */
type AudienceRole = 'delegate' | 'viewer';
const isAudience = (role: Role): role is AudienceRole => role === 'delegate' || role === 'viewer';

/** What the server keeps on each admitted socket. */
export interface SocketData {
  session: string;
  actor: Actor;
  /**
   * The token the floor officer's socket was admitted with: checked again before each of its
   * commands, so a token replaced meanwhile sends nothing more.
   */
  token?: string;
  address: string;
  /** The audience shard the socket is in; -1 for the moderator and the stage. */
  shard: number;
  /** The page unpacks deflated snapshots (`packed` in its handshake). */
  packed: boolean;
  /** Settles once the last command this socket sent is answered. */
  answered: Promise<void>;
  /** Over its budget: being cut off. */
  cut: boolean;
  /** Made on first use: most phones never send a command. */
  commands: TokenBucket | null;
  syncs: TokenBucket | null;
  clock: TokenBucket | null;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InterServerEvents = {};

/** Gavel's Socket.IO server, typed by the protocol in `shared/protocol.ts`. */
export type GavelServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
type GavelSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/**
 * Rooms are updated in this order: the people running the meeting first, so a large audience
 * never delays them; delegates before viewers because they may be waiting on their request.
 */
const BROADCAST_ORDER: readonly Role[] = [
  'moderator',
  'floor-officer',
  'stage',
  'secretariat',
  'delegate',
  'viewer',
];
/** Presence goes to the moderator at most this often. */
const PRESENCE_INTERVAL_MS = 1000;
/** How often a process tells the others who is connected to it, and when they forget it. */
const PRESENCE_HEARTBEAT_MS = 5_000;
const PRESENCE_FORGET_MS = 15_000;

/**
 * Sockets per audience shard. A broadcast emits to one shard at a time, so this bounds how long
 * one step of a fan-out holds the event loop (well under a millisecond on a laptop). Measured
 * with `npm run bench`: 32 with 1 ms slices answers the console faster during a fan-out to 10,000
 * phones than 64 with 2 ms slices, and reaches the last phone as soon.
 */
const SHARD_SIZE = 32;

const roomOf = (session: string, role: Role) => `s:${session}:${role}`;
const shardRoom = (session: string, role: AudienceRole, shard: number) =>
  `s:${session}:${role}:${shard}`;
const deviceRoom = (session: string, deviceKey: string) => `d:${session}:${deviceKey}`;

/** What one role's room last received: the view it holds and its version. */
interface RoomState {
  view: SessionView;
  version: number;
  /** The view as deflated JSON for pages that unpack it; made once, when first asked for. */
  packed?: Buffer;
}

/** The live bookkeeping of one session. */
interface Channel {
  readonly rooms: Map<Role, RoomState>;
  /** For each device with requests: the request objects last sent to it (identity tells change). */
  readonly mineSent: Map<string, readonly FloorRequest[]>;
  /** Connected sockets per device key. */
  readonly devices: Map<string, number>;
  readonly counts: Record<Role, number>;
  /** Sockets in each shard of the audience's rooms; a new socket fills the first with room. */
  readonly shards: Record<AudienceRole, number[]>;
  presenceTimer: NodeJS.Timeout | null;
  lastPresenceAt: number;
}

/** Options of the live side. */
export interface LiveOptions {
  readonly hub: SessionHub;
  readonly clock: Clock;
  /** The secrets, read on every handshake that shows one. */
  readonly keyring: Keyring;
  /** Which proxies' `X-Forwarded-For` entries are believed (none: the socket's own address). */
  readonly trust: TrustFn;
  /** Wrong tokens and keys by address, shared with the HTTP API. */
  readonly attempts: FailedAttempts;
  /** Where this process hears of the connections of others sharing the log (presence). */
  readonly bus?: Bus;
  /** Sockets one address may hold at once; `SOCKETS_PER_ADDRESS` by default. */
  readonly socketsPerAddress?: number;
  /**
   * Sites whose pages may open a socket (a browser's `Origin`), besides the address the page was
   * loaded from; none by default. A connection with no `Origin` (a script) is always taken.
   */
  readonly allowedOrigins?: readonly string[];
  readonly logger?: Logger;
}

/** The live side attached to a Socket.IO server. */
export interface Live {
  /** Who is connected to a session, as the moderator sees it. */
  presence(session: string): Presence;
  /**
   * Stops the live side and drops every connection under its socket, without Socket.IO's goodbye
   * ("io server disconnect", after which a socket.io-client never reconnects by itself): clients
   * see "transport close", and come back by themselves to the next Gavel on this address.
   */
  close(): void;
}

function refusal(error: GavelError): Error & { data: HandshakeRefusal } {
  const err = new Error(error.message) as Error & { data: HandshakeRefusal };
  // The keyed refusal's key travels too: a page says it in its language, or acts on it (reloads).
  const { code, message, retryAfterMs, key, params } = error;
  err.data = {
    code,
    message,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(key === undefined ? {} : { key }),
    ...(params === undefined ? {} : { params }),
  };
  return err;
}

/** Takes a token from a socket's bucket, making the bucket on first use. Null when allowed. */
function take(
  data: SocketData,
  which: 'commands' | 'syncs' | 'clock',
  spec: BucketSpec,
  now: number,
): number | null {
  const bucket = (data[which] ??= new TokenBucket(spec, now));
  return bucket.take(now);
}

const isVersionOp = (op: PatchOp) => op.p.length === 1 && op.p[0] === 'version';

/** Wires the hub to a Socket.IO server. */
export function attachLive(io: GavelServer, options: LiveOptions): Live {
  const { hub, clock, keyring, trust, attempts } = options;
  const bus = options.bus ?? localBus();
  const logger = options.logger ?? silentLogger;
  const cap = options.socketsPerAddress ?? SOCKETS_PER_ADDRESS;
  const allowedOrigins = originSet(options.allowedOrigins ?? []);
  /** This process, among those sharing the log. */
  const node = newSecret();
  /** The connections of other processes, per session and process, with when they were told. */
  const elsewhere = new Map<
    string,
    Map<string, { counts: Readonly<Record<Role, number>>; at: number }>
  >();
  const channels = new Map<string, Channel>();
  const addresses = new BucketMap(ADDRESS_COMMANDS, performance.now());
  /** The audience's command budgets by session and device key. */
  const deviceCommands = new BucketMap(SOCKET_COMMANDS, performance.now());
  /** Devices cut off for flooding, by session and key: when each may come back (monotonic ms). */
  const heldOff = new Map<string, number>();
  const fanout = new Fanout();
  framesInOneBuffer(io.of('/').adapter);
  /**
   * Each connection's address, read from its first HTTP request, which is then let go (Socket.IO's
   * advice: the request and its headers are the largest thing a connection would otherwise keep).
   */
  const connectionAddress = new WeakMap<object, string>();
  /** Every open connection, to drop them all on closing. */
  const connections = new Set<EngineConnection>();
  /** Open connections per address, for the cap. */
  const perAddress = new Map<string, number>();
  /** When the cap was last logged for an address (monotonic ms): once a minute at most. */
  const capLoggedAt = new Map<string, number>();
  /** The connections opened by a page of a site Gavel does not take, with that site. */
  const foreignOrigins = new WeakMap<object, string>();
  /**
   * The key a packet over the limit is replaced with, carrying its size: random, so no client
   * can send one of its own.
   */
  const tooLargeMark = `gavel-too-large-${newSecret()}`;
  /** Room names kept once each: every socket that joins a room then points at the same string. */
  const roomNames = new Map<string, string>();
  const kept = (name: string): string => {
    const known = roomNames.get(name);
    if (known !== undefined) return known;
    roomNames.set(name, name);
    return name;
  };
  /** Connections whose socket was cut off: nothing more they send is read. */
  const silenced = new WeakSet<object>();
  let closed = false;

  /** Answers nothing more a socket sends: it is being cut off. */
  function silence(socket: GavelSocket): void {
    socket.data.cut = true;
    silenced.add(socket.conn);
  }

  /**
   * A packet over Gavel's limit is not decoded: its data is replaced, before Socket.IO sees it,
   * by a command (or a handshake) that carries only its size under `tooLargeMark`, with the ack id
   * it had, so the sender is answered in words. What cannot be answered (binary data, another
   * kind of packet) is replaced by what Socket.IO refuses, closing the connection as before.
   */
  function onEnginePacket(this: EngineConnection, packet: EnginePacket): void {
    if (packet.type !== 'message') return;
    if (silenced.has(this)) {
      // Cut off: what it still sends is not decoded, not dispatched, not answered (a flood's
      // buffered packets cost Engine.IO's framing and nothing more).
      packet.type = 'noop';
      return;
    }
    const bytes = packetBytes(packet.data);
    if (bytes <= MAX_PAYLOAD_BYTES) return;
    const data = packet.data;
    // Socket.IO's packet: its type, its namespace (when not the main one), its ack id, its JSON.
    const head =
      typeof data === 'string'
        ? /^([02])(\/[^,]{0,200},)?(\d{0,15})/.exec(data.slice(0, 256))
        : null;
    if (!head) {
      packet.data = UNREADABLE;
      return;
    }
    const [, type, nsp = '', id = ''] = head;
    const mark = { [tooLargeMark]: bytes };
    packet.data =
      type === '2'
        ? `2${nsp}${id}${JSON.stringify(['session:command', mark])}`
        : `0${nsp}${JSON.stringify(mark)}`;
  }

  /** The size a packet over the limit had, when this is what stands in for it; else null. */
  function oversized(value: unknown): number | null {
    if (typeof value !== 'object' || value === null) return null;
    const bytes = (value as Record<string, unknown>)[tooLargeMark];
    return typeof bytes === 'number' ? bytes : null;
  }

  function onConnectionClosed(this: EngineConnection): void {
    connections.delete(this);
    const address = connectionAddress.get(this);
    if (address === undefined) return;
    const left = (perAddress.get(address) ?? 1) - 1;
    if (left <= 0) {
      perAddress.delete(address);
      capLoggedAt.delete(address);
    } else {
      perAddress.set(address, left);
    }
  }

  // A connection over its address's hard cap, or a long-polling one from another site's page
  // (which its browser could not read anyway), gets no Engine.IO session at all. Engine.IO asks
  // this before a connection's first request is served; it refuses with a bare HTTP 403.
  io.engine.opts.allowRequest = (request, callback) => {
    const address = addressOf(request, trust);
    if ((perAddress.get(address) ?? 0) >= HARD_CAP_FACTOR * cap) {
      callback(`Too many connections to Gavel from ${address}.`, false);
      return;
    }
    const transport = (request as { _query?: Record<string, string> })._query?.transport;
    if (transport === 'polling' && foreignOrigin(request.headers, allowedOrigins) !== null) {
      callback('Gavel takes connections only from its own pages.', false);
      return;
    }
    callback(null, true);
  };

  io.engine.on('connection', (raw: EngineConnection) => {
    const request = raw.request;
    const address = request ? addressOf(request, trust) : raw.remoteAddress;
    connectionAddress.set(raw, address);
    connections.add(raw);
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    // Shared listeners (`this` is the connection), not closures: 10,000 phones hold none of their
    // own. Engine.IO says 'close' once.
    raw.on('close', onConnectionClosed);
    raw.on('packet', onEnginePacket);
    const origin = request ? foreignOrigin(request.headers, allowedOrigins) : null;
    if (origin !== null) foreignOrigins.set(raw, origin);
    raw.request = null;
    if (request) {
      // Engine.IO's upgrade response points at the request until the socket closes, unless
      // `letGoOfUpgrade` below finds its listener: its headers, the bulk of it, go either way.
      request.headers = {};
      request.rawHeaders = [];
    }
    if (transportName(raw) === 'websocket') letGoOfUpgrade(raw.transport);
    // A page that started on long-polling lets its upgrade go once it is on the WebSocket.
    else raw.on('upgrade', onUpgraded);
  });

  function onUpgraded(this: EngineConnection): void {
    letGoOfUpgrade(this.transport);
  }

  function channel(session: string): Channel {
    let ch = channels.get(session);
    if (!ch) {
      ch = {
        rooms: new Map(),
        mineSent: new Map(),
        devices: new Map(),
        counts: {
          moderator: 0,
          'floor-officer': 0,
          secretariat: 0,
          stage: 0,
          delegate: 0,
          viewer: 0,
        },
        shards: { delegate: [], viewer: [] },
        presenceTimer: null,
        lastPresenceAt: -Infinity,
      };
      channels.set(session, ch);
    }
    return ch;
  }

  /** Every room of a session: the roles', each shard's. */
  function roomsOf(session: string): string[] {
    const ch = channels.get(session);
    const rooms = ROLES.map((role) => roomOf(session, role));
    for (const role of ['delegate', 'viewer'] as const) {
      ch?.shards[role].forEach((_, shard) => rooms.push(shardRoom(session, role, shard)));
    }
    return rooms;
  }

  /** The view a room holds; computed from the state the first time it is asked for. */
  function roomState(session: string, role: Role): RoomState {
    const ch = channel(session);
    let room = ch.rooms.get(role);
    if (!room) {
      const state = hub.state(session);
      if (!state) throw new Error(`No session ${session}`);
      // A delegate room's view carries no device's requests: those go to each device alone.
      const view = viewFor(state, { role });
      room = { view, version: state.version };
      ch.rooms.set(role, room);
    }
    return room;
  }

  /** Who is connected to a session on every process: this one's counts and the others' last. */
  function presence(session: string): Presence {
    const counts = { ...channel(session).counts };
    const now = performance.now();
    for (const [node, seen] of elsewhere.get(session) ?? []) {
      if (now - seen.at > PRESENCE_FORGET_MS) {
        elsewhere.get(session)?.delete(node);
        continue;
      }
      for (const role of ROLES) counts[role] += seen.counts[role];
    }
    return {
      session,
      consoles: counts.moderator + counts['floor-officer'] + counts.secretariat,
      stages: counts.stage,
      viewers: counts.viewer,
      delegates: counts.delegate,
    };
  }

  /** Tells the other processes who is connected here. */
  function announcePresence(session: string): void {
    const ch = channels.get(session);
    if (ch) bus.publish({ type: 'presence', node, session, counts: { ...ch.counts } });
  }

  function sendPresence(session: string): void {
    const ch = channel(session);
    ch.lastPresenceAt = performance.now();
    announcePresence(session);
    if (ch.counts.moderator > 0)
      io.to(roomOf(session, 'moderator')).emit('presence', presence(session));
  }

  /** Tells the moderators who is connected, at most once a second, only when it changed. */
  function schedulePresence(session: string): void {
    if (closed || !hub.has(session)) return;
    const ch = channel(session);
    if (ch.presenceTimer !== null) return;
    const wait = ch.lastPresenceAt + PRESENCE_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      sendPresence(session);
      return;
    }
    ch.presenceTimer = setTimeout(() => {
      ch.presenceTimer = null;
      sendPresence(session);
    }, wait);
  }

  function snapshotFor(socket: GavelSocket): void {
    const { session, actor, packed } = socket.data;
    const room = roomState(session, actor.role);
    const head = { protocol: PROTOCOL_VERSION, version: room.version, serverNow: clock.now() };
    if (packed) {
      room.packed ??= deflateRawSync(JSON.stringify(room.view));
      socket.emit('session:packed', { ...head, packed: room.packed } satisfies PackedSnapshot);
    } else {
      socket.emit('session:snapshot', { ...head, view: room.view } satisfies Snapshot);
    }
    if (actor.role === 'delegate' && actor.deviceKey !== undefined) {
      const state = hub.state(session);
      if (state) {
        socket.emit('floor:mine', {
          version: state.version,
          requests: requestsOf(state, actor.deviceKey),
        });
      }
    }
  }

  /**
   * After a change: each room gets the patch from the view it holds, if it sees any change. The
   * moderator's and the stage's rooms are sent to at once; the audience's shards are queued on
   * the fan-out, which serves them in slices so that the chair is never kept waiting.
   */
  function broadcast(session: string): void {
    const state = hub.state(session);
    if (!state) {
      // Deleted: its pages are told by a closed connection, and a session made again later under
      // the same id starts from fresh rooms.
      const rooms = roomsOf(session);
      const ch = channels.get(session);
      if (ch?.presenceTimer) clearTimeout(ch.presenceTimer);
      channels.delete(session);
      for (const room of rooms) roomNames.delete(room);
      io.in(rooms).disconnectSockets(true);
      return;
    }
    const ch = channel(session);
    const serverNow = clock.now();
    for (const role of BROADCAST_ORDER) {
      if (ch.counts[role] === 0) {
        // Nobody to tell: the room's view is worked out afresh when someone joins it.
        ch.rooms.delete(role);
        continue;
      }
      const room = roomState(session, role);
      if (room.view.version === state.version) continue;
      const view = viewFor(state, { role });
      const patch = diff(room.view, view);
      // A version number alone is no news: the room keeps its view until something it sees moves.
      if (patch.every(isVersionOp)) continue;
      const update = { fromVersion: room.version, version: state.version, serverNow, patch };
      ch.rooms.set(role, { view, version: state.version });
      if (!isAudience(role)) {
        io.to(roomOf(session, role)).emit('session:update', update);
        continue;
      }
      ch.shards[role].forEach((size, shard) => {
        if (size > 0)
          fanout.push(() => io.to(shardRoom(session, role, shard)).emit('session:update', update));
      });
    }
    // Each device's own requests: grouped once, sent only to devices whose requests changed.
    const byDevice = new Map<string, FloorRequest[]>();
    for (const request of state.floor.requests) {
      if (request.deviceKey === null) continue;
      const list = byDevice.get(request.deviceKey);
      if (list) list.push(request);
      else byDevice.set(request.deviceKey, [request]);
    }
    for (const key of new Set([...byDevice.keys(), ...ch.mineSent.keys()])) {
      const now = byDevice.get(key) ?? [];
      const before = ch.mineSent.get(key) ?? [];
      const same = now.length === before.length && now.every((r, i) => r === before[i]);
      if (same) continue;
      if (now.length === 0) ch.mineSent.delete(key);
      else ch.mineSent.set(key, now);
      if (ch.devices.has(key)) {
        io.to(deviceRoom(session, key)).emit('floor:mine', {
          version: state.version,
          requests: requestsOf(state, key),
        });
      }
    }
    fanout.flush();
  }

  const stopListening = hub.onChange(broadcast);
  const stopHearing = bus.subscribe((announcement) => {
    if (announcement.type !== 'presence' || announcement.node === node) return;
    if (!hub.has(announcement.session)) return;
    let nodes = elsewhere.get(announcement.session);
    if (!nodes) elsewhere.set(announcement.session, (nodes = new Map()));
    const before = nodes.get(announcement.node)?.counts;
    nodes.set(announcement.node, { counts: announcement.counts, at: performance.now() });
    const same = before && ROLES.every((role) => before[role] === announcement.counts[role]);
    if (!same && channel(announcement.session).counts.moderator > 0) {
      schedulePresence(announcement.session);
    }
  });
  // Each process says again every few seconds who is connected to it, so the others forget a
  // process that died instead of counting its phones for ever.
  const heartbeat = setInterval(() => {
    for (const session of channels.keys()) announcePresence(session);
  }, PRESENCE_HEARTBEAT_MS);
  heartbeat.unref();

  /**
   * Ends a connection that sent far more than a person can: it is told why, then closed, and its
   * device is kept away for a while, so a script's flood stops costing anything.
   */
  function cutOff(socket: GavelSocket, error: GavelError): void {
    const { session, actor } = socket.data;
    const now = performance.now();
    if (actor.deviceKey !== undefined) {
      // Forget those whose time is up, so many keys cut off over a long meeting are not all kept.
      for (const [key, until] of heldOff) if (until <= now) heldOff.delete(key);
      heldOff.set(`${session}:${actor.deviceKey}`, now + HOLD_OFF_MS);
    }
    socket.emit('session:closed', error);
    // Told, then cut: the page hears "io server disconnect" at once, and a second later, once the
    // goodbye has surely been read, the connection is dropped.
    socket.disconnect();
    stopReading(socket);
    setTimeout(() => {
      const ws = webSocketOf(socket);
      if (ws?.terminate) ws.terminate();
      else socket.conn.close();
    }, CUT_OFF_GRACE_MS).unref();
  }

  /**
   * Ends a connection that sent a packet over the limit: it is told why, then the connection is
   * closed under the socket, without Socket.IO's goodbye, so the page (or a script) reconnects by
   * itself; what it sent was a mistake, not a flood.
   */
  function closeTooLarge(socket: GavelSocket, error: GavelError): void {
    socket.emit('session:closed', error);
    // Engine.IO sends what is queued (the answer, the reason), then closes the transport.
    socket.conn.close();
    setTimeout(() => webSocketOf(socket)?.terminate?.(), CUT_OFF_GRACE_MS).unref();
  }

  /** The refusal of a packet over the limit. */
  const tooLarge = (bytes: number) =>
    refuse('too-large', 'packet-too-large', {
      kb: Math.ceil(bytes / 1024),
      maxKb: MAX_PAYLOAD_BYTES / 1024,
    });

  /** When a device cut off for flooding may come back, or null when it may now. */
  function heldOffFor(session: string, deviceKey: string | undefined, now: number): number | null {
    if (deviceKey === undefined || heldOff.size === 0) return null;
    const key = `${session}:${deviceKey}`;
    const until = heldOff.get(key);
    if (until === undefined) return null;
    if (until > now) return until - now;
    heldOff.delete(key);
    return null;
  }

  io.use((socket, next) => {
    const conn = socket.conn;
    const address = connectionAddress.get(conn) ?? conn.remoteAddress;
    const origin = foreignOrigins.get(conn);
    if (origin !== undefined) {
      // Another site's page would act with whatever its visitor's browser holds: never taken.
      next(refusal(refuse('forbidden', 'foreign-origin', { origin: origin.slice(0, 100) })));
      return;
    }
    const auth: unknown = socket.handshake.auth;
    const bytes = oversized(auth);
    if (bytes !== null) {
      next(refusal(tooLarge(bytes)));
      return;
    }
    const now = performance.now();
    const shown = (typeof auth === 'object' && auth !== null ? auth : {}) as {
      token?: unknown;
      stageKey?: unknown;
    };
    if (shown.token !== undefined || shown.stageKey !== undefined) {
      // An address that showed too many wrong secrets waits before its next one is even looked
      // at, so a right guess during the wait teaches nothing. A handshake with no secret (a
      // phone) is never slowed.
      const waiting = attempts.check(address, now);
      if (waiting) {
        next(refusal(waiting));
        return;
      }
    }
    const decided = admit(auth, keyring.current());
    if (!decided.ok) {
      if (decided.wrong !== undefined) attempts.failed(address, decided.wrong, now);
      next(refusal(decided.error));
      return;
    }
    const { session, actor } = decided.admission;
    if (!hub.has(session)) {
      next(refusal(refuse('not-found', 'session-unknown-link', { session })));
      return;
    }
    // The audience's sockets share the cap; the moderator's and the stage's are never kept out by
    // the phones of the room around them (they count towards it all the same).
    const held = perAddress.get(address) ?? 0;
    if (isAudience(actor.role) && held > cap) {
      if (now - (capLoggedAt.get(address) ?? -Infinity) > 60_000) {
        capLoggedAt.set(address, now);
        logger.warn(
          `${address} holds more than ${cap} connections, the most one address may (GAVEL_SOCKETS_PER_ADDRESS): its phones are refused until some close.`,
        );
      }
      next(
        refusal(
          refuse(
            'rate-limited',
            'too-many-devices',
            { cap, seconds: SOCKET_CAP_RETRY_MS / 1000 },
            SOCKET_CAP_RETRY_MS,
          ),
        ),
      );
      return;
    }
    const wait = heldOffFor(session, actor.deviceKey, now);
    if (wait !== null) {
      next(
        refusal(
          refuse(
            'rate-limited',
            'device-held-off',
            { seconds: Math.ceil(wait / 1000) },
            Math.ceil(wait),
          ),
        ),
      );
      return;
    }
    const token = (socket.handshake.auth as { token?: unknown }).token;
    socket.data = {
      session,
      actor,
      ...(actor.role === 'floor-officer' && typeof token === 'string' ? { token } : {}),
      address,
      shard: -1,
      packed: (socket.handshake.auth as { packed?: unknown }).packed === true,
      answered: NOTHING_PENDING,
      cut: false,
      commands: null,
      syncs: null,
      clock: null,
    };
    (socket as unknown as { handshake: unknown }).handshake = HANDSHAKE_READ;
    next();
  });

  // The handlers are shared by every socket (`this` is the socket): 10,000 phones hold no
  // closures of their own.
  function onCommand(this: GavelSocket, ...args: unknown[]): void {
    // Socket.IO puts the acknowledgement last, after however many values were sent: a command
    // sent with none (or with extra values) is still answered, as invalid.
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    const raw = args.length === 1 ? args[0] : args.length === 0 ? undefined : args;
    const reply = typeof ack === 'function' ? (ack as (a: CommandAck) => void) : () => {};
    // Being cut off: nothing more is answered.
    if (this.data.cut) return;
    const { session, actor } = this.data;
    const bytes = oversized(raw);
    if (bytes !== null) {
      // Over the limit: answered in words after what came before it, then the connection closes.
      silence(this);
      const error = tooLarge(bytes);
      void this.data.answered.then(() => {
        reply({ ok: false, error });
        closeTooLarge(this, error);
      });
      return;
    }
    const role = actor.role;
    if (this.data.token !== undefined && tokenRole(this.data.token, keyring.current()) === null) {
      // Its token was replaced: the officer opens the new link, this socket sends nothing more.
      reply({ ok: false, error: refuse('unauthorized', 'token-wrong-link') });
      this.disconnect(true);
      return;
    }
    // The moderator and the floor officer hold a token and run the meeting: their consoles are
    // never slowed (the floor officer may approve a whole list in a few seconds). The stage has a
    // budget of its own; the audience's devices have theirs (every socket of one device draws on
    // it: a page open twice, or a script opening twenty), and share one per address.
    if (!atTheChair(role)) {
      const now = performance.now();
      const own =
        actor.deviceKey !== undefined && isAudience(role)
          ? deviceCommands.take(`${session}:${actor.deviceKey}`, now)
          : take(this.data, 'commands', SOCKET_COMMANDS, now);
      if (own !== null) {
        // Decided before anything is parsed: a flood costs a comparison, then ends. Nothing more
        // is read from the connection; the commands it sent before are answered in order, then
        // this refusal, then the goodbye.
        silence(this);
        stopReading(this);
        const error = rateLimited(Math.max(own, HOLD_OFF_MS));
        void this.data.answered.then(() => {
          reply({ ok: false, error });
          cutOff(this, error);
        });
        return;
      }
      const shared = isAudience(role) ? addresses.take(this.data.address, now) : null;
      if (shared !== null) {
        // Many phones share a venue's address: they are refused for a moment, never cut off.
        reply({ ok: false, error: rateLimited(shared) });
        return;
      }
    }
    // The hub answers one session's commands in order, so the last answer comes last.
    this.data.answered = hub.command(session, raw, actor).then(reply);
  }

  function onSync(this: GavelSocket): void {
    // Over the limit the request goes unanswered: the page asked a moment ago and has its view.
    if (take(this.data, 'syncs', SOCKET_SYNCS, performance.now()) !== null) return;
    snapshotFor(this);
  }

  function onClock(this: GavelSocket, clientSentAt: unknown, ack: unknown): void {
    if (typeof ack !== 'function' || this.data.cut) return;
    const wait = take(this.data, 'clock', SOCKET_CLOCK, performance.now());
    if (wait !== null) {
      // A page takes a handful of samples a minute: a stream of them is a script.
      silence(this);
      const error = rateLimited(Math.max(wait, HOLD_OFF_MS));
      void this.data.answered.then(() => cutOff(this, error));
      return;
    }
    const sent =
      typeof clientSentAt === 'number' && Number.isFinite(clientSentAt) ? clientSentAt : 0;
    (ack as (sample: { clientSentAt: number; serverNow: number }) => void)({
      clientSentAt: sent,
      serverNow: clock.now(),
    });
  }

  function onDisconnect(this: GavelSocket): void {
    const { session, actor } = this.data;
    const ch = channel(session);
    ch.counts[actor.role] -= 1;
    if (isAudience(actor.role)) {
      const sizes = ch.shards[actor.role];
      const shard = this.data.shard;
      sizes[shard] = Math.max(0, (sizes[shard] ?? 1) - 1);
      while (sizes.length > 0 && sizes[sizes.length - 1] === 0) sizes.pop();
    }
    if (actor.deviceKey !== undefined) {
      const left = (ch.devices.get(actor.deviceKey) ?? 1) - 1;
      if (left <= 0) ch.devices.delete(actor.deviceKey);
      else ch.devices.set(actor.deviceKey, left);
    }
    schedulePresence(session);
  }

  io.on('connection', (socket: GavelSocket) => {
    const { session, actor } = socket.data;
    const ch = channel(session);
    const role = actor.role;
    const rooms = [];
    if (isAudience(role)) {
      const sizes = ch.shards[role];
      let shard = sizes.findIndex((size) => size < SHARD_SIZE);
      if (shard === -1) shard = sizes.push(0) - 1;
      sizes[shard] = (sizes[shard] ?? 0) + 1;
      socket.data.shard = shard;
      rooms.push(kept(shardRoom(session, role, shard)));
    } else {
      rooms.push(kept(roomOf(session, role)));
    }
    if (actor.deviceKey !== undefined) {
      rooms.push(deviceRoom(session, actor.deviceKey));
      ch.devices.set(actor.deviceKey, (ch.devices.get(actor.deviceKey) ?? 0) + 1);
    }
    void socket.join(rooms);
    // Gavel never addresses one socket through the adapter: its own room is one set less to keep.
    void socket.leave(socket.id);
    ch.counts[role] += 1;
    snapshotFor(socket);
    if (role === 'moderator') socket.emit('presence', presence(session));
    schedulePresence(session);

    socket.on('session:command', onCommand);
    socket.on('session:sync', onSync);
    socket.on('clock:sync', onClock);
    socket.on('disconnect', onDisconnect);
  });

  return {
    presence,
    close() {
      closed = true;
      stopListening();
      stopHearing();
      clearInterval(heartbeat);
      fanout.close();
      for (const ch of channels.values()) {
        if (ch.presenceTimer !== null) clearTimeout(ch.presenceTimer);
        ch.presenceTimer = null;
      }
      for (const conn of [...connections]) {
        // A WebSocket is ended at once (a phone gone from the network would hold a polite close
        // for 30 s); a long-polling connection is sent Engine.IO's close, not Socket.IO's goodbye.
        const ws = webSocketUnder(conn);
        if (ws?.terminate) ws.terminate();
        else conn.close(true);
      }
    },
  };
}
