/**
 * The page's one socket, kept out of the store. Listeners write the store; `send` is how a
 * component commands. Commands sent while offline wait in Socket.IO's buffer and go out on
 * reconnection, instead of vanishing.
 */
import { io, type Socket } from 'socket.io-client';
import type { Command } from '../../shared/commands.ts';
import { fail } from '../../shared/errors.ts';
import { applyPatch } from '../../shared/patch.ts';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type CommandAck,
  type Handshake,
  type HandshakeRefusal,
  type PackedSnapshot,
  type ServerToClientEvents,
  type Snapshot,
  type Update,
} from '../../shared/protocol.ts';
import { bestEstimate, type ClockSampleTimes } from '../../shared/clockSync.ts';
import { useGavel } from './store.ts';

type GavelSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: GavelSocket | null = null;
let clockTimer: ReturnType<typeof setInterval> | null = null;

const SAMPLES_PER_ROUND = 5;
const CLOCK_ROUND_EVERY_MS = 60_000;

function sample(s: GavelSocket): Promise<ClockSampleTimes | null> {
  return new Promise((resolve) => {
    const clientSentAt = Date.now();
    s.timeout(5_000).emit('clock:sync', clientSentAt, (err, answer) => {
      if (err) resolve(null);
      else resolve({ clientSentAt, serverNow: answer.serverNow, clientReceivedAt: Date.now() });
    });
  });
}

/** One round of clock samples; the lowest round trip sets the offset. */
export async function syncClock(): Promise<void> {
  const s = socket;
  if (!s?.connected) return;
  const samples: ClockSampleTimes[] = [];
  for (let i = 0; i < SAMPLES_PER_ROUND; i++) {
    const got = await sample(s);
    if (got) samples.push(got);
  }
  const best = bestEstimate(samples);
  if (best) useGavel.setState({ offsetMs: best.offsetMs, roundTripMs: best.roundTripMs });
}

function onVisible(): void {
  if (document.visibilityState === 'visible') {
    void syncClock();
    socket?.emit('session:sync');
  }
}

/** Browsers that can inflate a packed snapshot say so at the handshake. */
const canUnpack = typeof DecompressionStream === 'function';

/** The view in a packed snapshot: deflate-raw JSON, inflated by the browser's own stream. */
async function unpack(snapshot: PackedSnapshot): Promise<Snapshot> {
  // An ArrayBuffer in browsers; a Blob too makes a valid part, whatever the socket's binary type.
  const stream = new Blob([snapshot.packed as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  const view = JSON.parse(await new Response(stream).text()) as Snapshot['view'];
  return {
    protocol: snapshot.protocol,
    version: snapshot.version,
    serverNow: snapshot.serverNow,
    view,
  };
}

/** Where a page notes the protocol version it reloaded for: it reloads once, never in a loop. */
const RELOADED_FOR = 'gavel.reloadedFor';

/**
 * Reloads the page to get the server's version of it, once per version of this page: a reload that
 * brings back the same page (a cache in the way) leaves it showing the refusal instead. False when
 * it does not reload.
 */
function reloadOnce(): boolean {
  try {
    if (sessionStorage.getItem(RELOADED_FOR) === String(PROTOCOL_VERSION)) return false;
    sessionStorage.setItem(RELOADED_FOR, String(PROTOCOL_VERSION));
  } catch {
    // No storage: no way to tell a second reload from the first, so none.
    return false;
  }
  location.reload();
  return true;
}

/** Connects this page to a session with the credentials it has. Call once per page. */
export function connect(handshake: Handshake): GavelSocket {
  disconnect();
  const auth: Handshake = { ...handshake, protocol: PROTOCOL_VERSION };
  const s: GavelSocket = io({
    auth: canUnpack ? { ...auth, packed: true } : auth,
    reconnectionDelayMax: 5_000,
    // A WebSocket at once; long-polling only where it fails (a proxy that blocks the upgrade):
    // its code is loaded then (`pollingFallback.ts`), and the next attempt may use it.
    transports: ['websocket'],
    tryAllTransports: true,
  });

  socket = s;
  useGavel.setState({ connection: 'connecting', handshakeError: null });

  // Server goodbyes in a row, for the backoff below.
  let goodbyes = 0;
  /** When the server said this device may come back (after cutting off a flood), epoch ms. */
  let notBefore = 0;
  const reconnectLater = (delay: number) =>
    setTimeout(() => {
      if (socket === s && !s.connected) s.connect();
    }, delay);
  s.on('connect', () => {
    goodbyes = 0;
    onReconnected();
    useGavel.setState({ connection: 'online', handshakeError: null });
    void syncClock();
  });
  // Socket.IO reconnects by itself after a lost connection, but not after the server said
  // goodbye ("io server disconnect"): a page in a meeting room never gives up, so it asks again,
  // backing off, or after the time the server gave. A refused handshake (a wrong key, a deleted
  // session) ends as `connect_error`.
  s.on('disconnect', (reason) => {
    useGavel.setState({ connection: 'offline' });
    onDropped();
    if (reason !== 'io server disconnect') return;
    const delay = Math.max(Math.min(5_000, 1_000 * 2 ** goodbyes), notBefore - Date.now());
    goodbyes += 1;
    reconnectLater(delay);
  });
  s.on('session:closed', (reason) => {
    if (reason.retryAfterMs !== undefined) notBefore = Date.now() + reason.retryAfterMs;
    useGavel.setState({ connection: 'refused', handshakeError: reason });
  });
  s.on('connect_error', (err: Error & { data?: HandshakeRefusal }) => {
    if (err.data?.code) {
      const { code, message, retryAfterMs, key, params } = err.data;
      // A page of another version than the server's: its new bundle is a reload away.
      if ((key === 'protocol-old' || key === 'protocol-new') && reloadOnce()) return;
      useGavel.setState({
        connection: 'refused',
        handshakeError: { ...fail(code, message, retryAfterMs), key, params },
      });
      // Kept away for a while, not for good: the page comes back by itself when it may.
      if (err.data.code === 'rate-limited') reconnectLater(err.data.retryAfterMs ?? 30_000);
    } else {
      useGavel.setState({ connection: 'offline' });
      // The WebSocket failed: the next attempt may fall back to long-polling.
      void import('./pollingFallback.ts').then((m) => m.addPolling(s.io.opts));
    }
  });

  // Snapshots and updates are applied in the order they came, even when a packed snapshot takes
  // a moment to inflate.
  let applied = Promise.resolve();
  const inOrder = (step: () => void | Promise<void>) => {
    applied = applied.then(step).catch(() => {
      // A snapshot that cannot be read is asked for again, unpacked this time round or not.
      s.emit('session:sync');
    });
  };
  const takeSnapshot = (snapshot: Snapshot) => {
    const state = useGavel.getState();
    // Until the clock is sampled, the snapshot's own time is a fair first estimate.
    const offsetMs = state.roundTripMs === null ? snapshot.serverNow - Date.now() : state.offsetMs;
    useGavel.setState({ view: snapshot.view, offsetMs, connection: 'online' });
  };
  const takeUpdate = (update: Update) => {
    const view = useGavel.getState().view;
    // Already seen: a page that joined during a fan-out has it in its snapshot.
    if (view && update.version <= view.version) return;
    if (!view || view.version !== update.fromVersion) {
      s.emit('session:sync');
      return;
    }
    useGavel.setState({ view: applyPatch(view, update.patch) });
  };
  s.on('session:snapshot', (snapshot) => inOrder(() => takeSnapshot(snapshot)));
  s.on('session:packed', (packed) => inOrder(async () => takeSnapshot(await unpack(packed))));
  s.on('session:update', (update) => inOrder(() => takeUpdate(update)));
  s.on('floor:mine', (mine) => useGavel.setState({ mine: mine.requests }));
  s.on('presence', (presence) => useGavel.setState({ presence }));

  document.addEventListener('visibilitychange', onVisible);
  clockTimer = setInterval(() => void syncClock(), CLOCK_ROUND_EVERY_MS);
  return s;
}

export function disconnect(): void {
  if (clockTimer) clearInterval(clockTimer);
  clockTimer = null;
  document.removeEventListener('visibilitychange', onVisible);
  socket?.disconnect();
  socket = null;
}

/**
 * Sends a command as it is: one that carries `expectedVersion` (the console's, see `act.ts`) is
 * refused as stale when the session moved on, instead of acting on a state nobody saw.
 */
export function send(command: Command): Promise<CommandAck> {
  const s = socket;
  if (!s)
    return Promise.resolve({ ok: false, error: fail('not-allowed', 'Not connected to Gavel.') });
  useGavel.setState((st) => ({ pending: st.pending + 1 }));
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ack: CommandAck) => {
      if (settled) return;
      settled = true;
      unsent.delete(settle);
      inFlight.delete(settle);
      useGavel.setState((st) => ({
        pending: Math.max(0, st.pending - 1),
        refusal: ack.ok ? st.refusal : { command: command.type, error: ack.error, at: Date.now() },
      }));
      resolve(ack);
    };
    // Sent now, its answer may be lost with the connection; sent while offline, it waits in
    // Socket.IO's buffer and goes out on reconnection.
    (s.connected ? inFlight : unsent).add(settle);
    s.emit('session:command', command, settle);
  });
}

/** Commands on the wire, whose answers a dropped connection loses. */
const inFlight = new Set<(ack: CommandAck) => void>();
/** Commands waiting in Socket.IO's buffer for the connection to come back. */
const unsent = new Set<(ack: CommandAck) => void>();

const DROPPED = fail(
  'unavailable',
  'The connection dropped before the server answered: look at the programme, and press again if it did not happen.',
);

/** A dropped connection answers what was on the wire; the buffer goes out on reconnection. */
function onDropped(): void {
  for (const settle of [...inFlight]) settle({ ok: false, error: DROPPED });
}

function onReconnected(): void {
  for (const settle of unsent) inFlight.add(settle);
  unsent.clear();
}

/** Clears the refusal shown on the page. */
export function dismissRefusal(): void {
  useGavel.setState({ refusal: null });
}
