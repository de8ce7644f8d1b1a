/**
 * One misbehaving device for `npm run bench`: many sockets sharing one deviceKey, each sending
 * `floor.request` as fast as it can, in a child process so the flood does not slow the
 * orchestrator's own clock. It floods for a bounded time or until every socket has been cut off,
 * then tries one more handshake with the same key and reports.
 *
 *   tsx bench/flooder.ts URL SESSION DEVICE_KEY SOCKETS DURATION_MS RATE_PER_S
 */
import { io, type Socket } from 'socket.io-client';
import type { Command } from '../shared/commands.ts';
import type { ClientToServerEvents, CommandAck, ServerToClientEvents } from '../shared/protocol.ts';
import { now } from './stats.ts';

type Device = Socket<ServerToClientEvents, ClientToServerEvents>;

/** From the parent: start flooding now. */
export type FlooderCommand = { readonly type: 'go' };

/** How one flooding socket ended, if it did. */
export interface CutOff {
  /** Ms from the start of the flood. */
  readonly afterMs: number;
  readonly reason: string;
  /** The code of the `session:closed` the server sent first, if any. */
  readonly closedCode: string | null;
}

/** To the parent. */
export type FlooderMessage =
  | { readonly type: 'ready'; readonly sockets: number }
  | {
      readonly type: 'done';
      readonly startedAt: number;
      readonly floodMs: number;
      readonly sent: number;
      readonly acks: Readonly<Record<string, number>>;
      readonly cutOffs: readonly (CutOff | null)[];
      /** What a new handshake with the same key met afterwards: `admitted` or `refused: <code>`. */
      readonly rejoin: string;
    }
  | { readonly type: 'failed'; readonly message: string };

const [url = '', session = '', deviceKey = '', socketsText, durationText, rateText] =
  process.argv.slice(2);
const SOCKETS = Number(socketsText ?? 20);
const DURATION_MS = Number(durationText ?? 3000);
const RATE = Number(rateText ?? 25_000);
const LIFETIME_MS = DURATION_MS + 60_000;

const send = (message: FlooderMessage) => process.send?.(message);
setTimeout(() => {
  send({ type: 'failed', message: `the flooder gave up after ${LIFETIME_MS / 1000} s` });
  process.exit(2);
}, LIFETIME_MS).unref();
process.on('disconnect', () => process.exit(0));

const REQUEST: Command = { type: 'floor.request', delegation: 'France', kind: 'statement' };

const devices: Device[] = [];
const cutOffs: (CutOff | null)[] = [];
const closedCodes: (string | null)[] = [];
const acks: Record<string, number> = {};
let startedAt = 0;
let sent = 0;

function open(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const device: Device = io(url, {
      auth: { session, deviceKey },
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
    });
    devices[index] = device;
    cutOffs[index] = null;
    closedCodes[index] = null;
    // Whatever the server says before it cuts a socket off (`session:closed`), under any name.
    device.onAny((event: string, payload: unknown) => {
      if (event !== 'session:closed') return;
      const code = (payload as { code?: unknown } | null)?.code;
      closedCodes[index] = typeof code === 'string' ? code : 'closed';
    });
    device.on('disconnect', (reason) => {
      if (startedAt === 0) return;
      cutOffs[index] = {
        afterMs: now() - startedAt,
        reason,
        closedCode: closedCodes[index] ?? null,
      };
    });
    device.once('session:snapshot', () => resolve());
    device.once('connect_error', (error) => reject(error));
  });
}

const onAck = (ack: CommandAck) => {
  const key = ack.ok ? 'ok' : ack.error.code;
  acks[key] = (acks[key] ?? 0) + 1;
};

/** Sends what is due at the rate asked for, at most 20 ms' worth at once after a stall. */
function flood(): Promise<void> {
  return new Promise((resolve) => {
    const tick = () => {
      const elapsedMs = now() - startedAt;
      const live = devices.filter((d) => d.connected);
      if (elapsedMs >= DURATION_MS || live.length === 0) {
        resolve();
        return;
      }
      const due = Math.min(Math.floor((elapsedMs * RATE) / 1000) - sent, Math.ceil(RATE / 50));
      for (let i = 0; i < due; i++) {
        (live[i % live.length] as Device).emit('session:command', REQUEST, onAck);
        sent += 1;
      }
      setTimeout(tick, 1);
    };
    tick();
  });
}

/** One more handshake with the same key: is the device still refused? */
function rejoin(): Promise<string> {
  return new Promise((resolve) => {
    const device: Device = io(url, {
      auth: { session, deviceKey },
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
      timeout: 3000,
    });
    const end = (result: string) => {
      clearTimeout(timer);
      device.disconnect();
      resolve(result);
    };
    const timer = setTimeout(() => end('no answer'), 3000);
    device.once('connect', () => end('admitted'));
    device.once('connect_error', (error: Error & { data?: { code?: unknown } }) =>
      end(`refused: ${typeof error.data?.code === 'string' ? error.data.code : error.message}`),
    );
  });
}

try {
  await Promise.all(Array.from({ length: SOCKETS }, (_, i) => open(i)));
  send({ type: 'ready', sockets: SOCKETS });
  await new Promise<void>((resolve) =>
    process.once('message', (command: FlooderCommand) => {
      if (command.type === 'go') resolve();
    }),
  );
  startedAt = now();
  await flood();
  const floodMs = now() - startedAt;
  const result = await rejoin();
  send({
    type: 'done',
    startedAt,
    floodMs,
    sent,
    acks,
    cutOffs: [...cutOffs],
    rejoin: result,
  });
  for (const device of devices) device.disconnect();
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
