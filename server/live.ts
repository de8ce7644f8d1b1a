/**
 * The live side: Socket.IO handshake, rooms per session and role, snapshots, per-role updates,
 * a delegate's own requests, presence for the moderator, clock samples. Nothing is sent on a
 * timer: a running countdown costs no traffic, and a viewer coming or going tells no other viewer.
 */
import { performance } from 'node:perf_hooks';
import type { Server, Socket } from 'socket.io';
import { fail, type GavelError } from '../shared/errors.ts';
import type { PatchOp } from '../shared/patch.ts';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type HandshakeRefusal,
  type Presence,
  type ServerToClientEvents,
  type Snapshot,
} from '../shared/protocol.ts';
import { ROLES, type Actor, type Role } from '../shared/roles.ts';
import type { FloorRequest } from '../shared/state.ts';
import { requestsOf, viewFor, type SessionView } from '../shared/views.ts';
import { admit, type Secrets } from './auth.ts';
import type { Clock } from './clock.ts';
import {
  ADDRESS_COMMANDS,
  BucketMap,
  rateLimited,
  SOCKET_CLOCK,
  SOCKET_COMMANDS,
  SOCKET_SYNCS,
  TokenBucket,
} from './limits.ts';
import type { SessionHub } from './sessionHub.ts';
import { diff } from '../shared/patch.ts';

/** What the server keeps on each admitted socket. */
export interface SocketData {
  session: string;
  actor: Actor;
  address: string;
  commands: TokenBucket;
  syncs: TokenBucket;
  clock: TokenBucket;
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

const roomOf = (session: string, role: Role) => `s:${session}:${role}`;
const deviceRoom = (session: string, deviceKey: string) => `d:${session}:${deviceKey}`;

/** What one role's room last received: the view it holds and its version. */
interface RoomState {
  view: SessionView;
  version: number;
}

/** The live bookkeeping of one session. */
interface Channel {
  readonly rooms: Map<Role, RoomState>;
  /** For each device with requests: the request objects last sent to it (identity tells change). */
  readonly mineSent: Map<string, readonly FloorRequest[]>;
  /** Connected sockets per device key. */
  readonly devices: Map<string, number>;
  readonly counts: Record<Role, number>;
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
  err.data = { code: error.code, message: error.message };
  return err;
}

const isVersionOp = (op: PatchOp) => op.p.length === 1 && op.p[0] === 'version';

/** Wires the hub to a Socket.IO server. */
export function attachLive(io: GavelServer, options: LiveOptions): Live {
  const { hub, clock, secrets, trustProxy } = options;
  const channels = new Map<string, Channel>();
  const addresses = new BucketMap(ADDRESS_COMMANDS, performance.now());
  let closed = false;

  function channel(session: string): Channel {
    let ch = channels.get(session);
    if (!ch) {
      ch = {
        rooms: new Map(),
        mineSent: new Map(),
        devices: new Map(),
        counts: { moderator: 0, stage: 0, delegate: 0, viewer: 0 },
        presenceTimer: null,
        lastPresenceAt: -Infinity,
      };
      channels.set(session, ch);
    }
    return ch;
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

  function presence(session: string): Presence {
    const counts = channel(session).counts;
    return {
      session,
      consoles: counts.moderator,
      stages: counts.stage,
      viewers: counts.viewer,
      delegates: counts.delegate,
    };
  }

  function sendPresence(session: string): void {
    const ch = channel(session);
    ch.lastPresenceAt = performance.now();
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
    const { session, actor } = socket.data;
    const room = roomState(session, actor.role);
    const snapshot: Snapshot = {
      protocol: PROTOCOL_VERSION,
      version: room.version,
      serverNow: clock.now(),
      view: room.view,
    };
    socket.emit('session:snapshot', snapshot);
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

  /** After a change: each room gets the patch from the view it holds, if it sees any change. */
  function broadcast(session: string): void {
    const state = hub.state(session);
    if (!state) {
      // Deleted: its pages are told by a closed connection, and a session made again later under
      // the same id starts from fresh rooms.
      const ch = channels.get(session);
      if (ch?.presenceTimer) clearTimeout(ch.presenceTimer);
      channels.delete(session);
      io.in(ROLES.map((role) => roomOf(session, role))).disconnectSockets(true);
      return;
    }
    const ch = channel(session);
    const serverNow = clock.now();
    for (const role of BROADCAST_ORDER) {
      const room = roomState(session, role);
      if (room.view.version === state.version) continue;
      const view = viewFor(state, { role });
      const patch = diff(room.view, view);
      // A version number alone is no news: the room keeps its view until something it sees moves.
      if (patch.every(isVersionOp)) continue;
      const update = { fromVersion: room.version, version: state.version, serverNow, patch };
      ch.rooms.set(role, { view, version: state.version });
      if (ch.counts[role] > 0) io.to(roomOf(session, role)).emit('session:update', update);
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
  }

  const stopListening = hub.onChange(broadcast);

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
    socket.data = {
      session,
      actor,
      address: clientAddress(
        socket.handshake.headers['x-forwarded-for'],
        socket.handshake.address,
        trustProxy,
      ),
      commands: new TokenBucket(SOCKET_COMMANDS, now),
      syncs: new TokenBucket(SOCKET_SYNCS, now),
      clock: new TokenBucket(SOCKET_CLOCK, now),
    };
    next();
  });

  io.on('connection', (socket: GavelSocket) => {
    const { session, actor } = socket.data;
    const ch = channel(session);
    const rooms = [roomOf(session, actor.role)];
    if (actor.deviceKey !== undefined) {
      rooms.push(deviceRoom(session, actor.deviceKey));
      ch.devices.set(actor.deviceKey, (ch.devices.get(actor.deviceKey) ?? 0) + 1);
    }
    void socket.join(rooms);
    ch.counts[actor.role] += 1;
    snapshotFor(socket);
    if (actor.role === 'moderator') socket.emit('presence', presence(session));
    schedulePresence(session);

    socket.on('session:command', (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const now = performance.now();
      // The moderator holds the token and runs the meeting: its console is never slowed (a
      // secretariat officer may approve a whole list in a few seconds).
      const wait =
        actor.role === 'moderator'
          ? null
          : (socket.data.commands.take(now) ?? addresses.take(socket.data.address, now));
      if (wait !== null) {
        reply({ ok: false, error: rateLimited(wait) });
        return;
      }
      reply(hub.command(session, raw, actor));
    });

    socket.on('session:sync', () => {
      if (socket.data.syncs.take(performance.now()) !== null) return;
      snapshotFor(socket);
    });

    socket.on('clock:sync', (clientSentAt, ack) => {
      if (typeof ack !== 'function') return;
      // Over the limit the sample goes unanswered: the client keeps its best earlier one.
      if (socket.data.clock.take(performance.now()) !== null) return;
      const sent =
        typeof clientSentAt === 'number' && Number.isFinite(clientSentAt) ? clientSentAt : 0;
      ack({ clientSentAt: sent, serverNow: clock.now() });
    });

    socket.on('disconnect', () => {
      ch.counts[actor.role] -= 1;
      if (actor.deviceKey !== undefined) {
        const left = (ch.devices.get(actor.deviceKey) ?? 1) - 1;
        if (left <= 0) ch.devices.delete(actor.deviceKey);
        else ch.devices.set(actor.deviceKey, left);
      }
      schedulePresence(session);
    });
  });

  return {
    presence,
    close() {
      closed = true;
      stopListening();
      for (const ch of channels.values()) {
        if (ch.presenceTimer !== null) clearTimeout(ch.presenceTimer);
        ch.presenceTimer = null;
      }
    },
  };
}
