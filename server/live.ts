/**
 * The live side: Socket.IO handshake, rooms per session and role, snapshots, per-role updates,
 * a delegate's own requests, presence for the moderator, clock samples. Nothing is sent on a
 * timer: a running countdown costs no traffic, and a viewer coming or going tells no other viewer.
 */
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { deflateRawSync } from 'node:zlib';
import type { Server, Socket } from 'socket.io';
import { fail, type GavelError } from '../shared/errors.ts';
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
import { ROLES, type Actor, type Role } from '../shared/roles.ts';
import type { FloorRequest } from '../shared/state.ts';
import { requestsOf, viewFor, type SessionView } from '../shared/views.ts';
import { admit, newSecret, type Secrets } from './auth.ts';
import { localBus, type Bus } from './eventLog.ts';
import type { Clock } from './clock.ts';
import { Fanout } from './fanout.ts';
import {
  ADDRESS_COMMANDS,
  BucketMap,
  HOLD_OFF_MS,
  rateLimited,
  SOCKET_CLOCK,
  SOCKET_COMMANDS,
  SOCKET_SYNCS,
  TokenBucket,
  type BucketSpec,
} from './limits.ts';
import type { SessionHub } from './sessionHub.ts';
import { diff } from '../shared/patch.ts';

/** What Gavel touches of Engine.IO's WebSocket (the `ws` package's) when it cuts a flood off. */
interface WebSocketLike {
  pause?: () => void;
  terminate?: () => void;
}

/** Engine.IO's WebSocket under a socket, when it is on one. */
const webSocketOf = (socket: { conn: { transport: unknown } }) =>
  (socket.conn.transport as { socket?: WebSocketLike } | undefined)?.socket;

/** Reads nothing more from a connection: what a flood left in its buffers costs no parsing. */
const stopReading = (socket: { conn: { transport: unknown } }) => webSocketOf(socket)?.pause?.();

/** How long a cut-off connection stays open for its goodbye to be read. */
const CUT_OFF_GRACE_MS = 1_000;

/** The audience's roles: their rooms are split into shards that a broadcast serves in slices. */
type AudienceRole = 'delegate' | 'viewer';
const isAudience = (role: Role): role is AudienceRole => role === 'delegate' || role === 'viewer';

/** What the server keeps on each admitted socket. */
export interface SocketData {
  session: string;
  actor: Actor;
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
const BROADCAST_ORDER: readonly Role[] = ['moderator', 'stage', 'delegate', 'viewer'];
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
  readonly secrets: Secrets;
  /** Take the client's address from `X-Forwarded-For` (behind a TLS proxy). */
  readonly trustProxy: boolean;
  /** Where this process hears of the connections of others sharing the log (presence). */
  readonly bus?: Bus;
}

/** The live side attached to a Socket.IO server. */
export interface Live {
  /** Who is connected to a session, as the moderator sees it. */
  presence(session: string): Presence;
  close(): void;
}

/** The first address of `X-Forwarded-For` when trusted, else the socket's own. */
export function clientAddress(
  forwarded: string | string[] | undefined,
  remote: string,
  trustProxy: boolean,
): string {
  if (trustProxy && forwarded !== undefined) {
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return remote;
}

function refusal(error: GavelError): Error & { data: HandshakeRefusal } {
  const err = new Error(error.message) as Error & { data: HandshakeRefusal };
  err.data =
    error.retryAfterMs === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, retryAfterMs: error.retryAfterMs };
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
  const { hub, clock, secrets, trustProxy } = options;
  const bus = options.bus ?? localBus();
  /** This process, among those sharing the log. */
  const node = newSecret();
  /** The connections of other processes, per session and process, with when they were told. */
  const elsewhere = new Map<
    string,
    Map<string, { counts: Readonly<Record<Role, number>>; at: number }>
  >();
  const channels = new Map<string, Channel>();
  const addresses = new BucketMap(ADDRESS_COMMANDS, performance.now());
  /** Devices cut off for flooding, by session and key: when each may come back (monotonic ms). */
  const heldOff = new Map<string, number>();
  const fanout = new Fanout();
  /**
   * Each connection's address, read from its first HTTP request, which is then let go (Socket.IO's
   * advice: the request and its headers are the largest thing a connection would otherwise keep).
   */
  const connectionAddress = new WeakMap<object, string>();
  /** Room names kept once each: every socket that joins a room then points at the same string. */
  const roomNames = new Map<string, string>();
  const kept = (name: string): string => {
    const known = roomNames.get(name);
    if (known !== undefined) return known;
    roomNames.set(name, name);
    return name;
  };
  let closed = false;

  io.engine.on('connection', (raw: { request: IncomingMessage | null; remoteAddress: string }) => {
    const request = raw.request;
    connectionAddress.set(
      raw,
      clientAddress(request?.headers['x-forwarded-for'], raw.remoteAddress, trustProxy),
    );
    raw.request = null;
    if (request) {
      // Engine.IO's upgrade response still points at the request until the socket closes: its
      // headers, the bulk of it, are not needed past the handshake.
      request.headers = {};
      request.rawHeaders = [];
    }
  });

  function channel(session: string): Channel {
    let ch = channels.get(session);
    if (!ch) {
      ch = {
        rooms: new Map(),
        mineSent: new Map(),
        devices: new Map(),
        counts: { moderator: 0, stage: 0, delegate: 0, viewer: 0 },
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
      consoles: counts.moderator,
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
    const decided = admit(socket.handshake.auth, secrets);
    if (!decided.ok) {
      next(refusal(decided.error));
      return;
    }
    const { session, actor } = decided.admission;
    if (!hub.has(session)) {
      next(
        refusal(
          fail('not-found', `There is no session "${session}" on this server: check the link.`),
        ),
      );
      return;
    }
    const now = performance.now();
    const wait = heldOffFor(session, actor.deviceKey, now);
    if (wait !== null) {
      next(
        refusal(
          fail(
            'rate-limited',
            `This device sent far too many requests and was disconnected: it can reconnect in ${Math.ceil(wait / 1000)} s.`,
            Math.ceil(wait),
          ),
        ),
      );
      return;
    }
    socket.data = {
      session,
      actor,
      address: connectionAddress.get(socket.conn) ?? socket.conn.remoteAddress,
      shard: -1,
      packed: (socket.handshake.auth as { packed?: unknown }).packed === true,
      answered: Promise.resolve(),
      cut: false,
      commands: null,
      syncs: null,
      clock: null,
    };
    next();
  });

  // The handlers are shared by every socket (`this` is the socket): 10,000 phones hold no
  // closures of their own.
  function onCommand(this: GavelSocket, raw: unknown, ack: unknown): void {
    const reply = typeof ack === 'function' ? (ack as (a: CommandAck) => void) : () => {};
    const { session, actor } = this.data;
    const role = actor.role;
    // The moderator holds the token and runs the meeting: its console is never slowed (a
    // secretariat officer may approve a whole list in a few seconds). The stage has a budget of
    // its own; the audience's sockets have theirs, and share one per address.
    if (role !== 'moderator') {
      const now = performance.now();
      // Being cut off: nothing more is answered.
      if (this.data.cut) return;
      const own = take(this.data, 'commands', SOCKET_COMMANDS, now);
      if (own !== null) {
        // Decided before anything is parsed: a flood costs a comparison, then ends. Nothing more
        // is read from the connection; the commands it sent before are answered in order, then
        // this refusal, then the goodbye.
        this.data.cut = true;
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
      this.data.cut = true;
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
    },
  };
}
