/**
 * A room of simulated phones for `npm run bench`: N Socket.IO viewers in this one process, each a
 * real connection to the server under test. It reports to the parent (over IPC) when every phone
 * has a given version, with the times of the first and last receipt. It stops by itself.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol.ts';

type Phone = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Messages to the parent. */
export type PhonesMessage =
  | { readonly type: 'ready'; readonly phones: number; readonly snapshotBytes: number }
  | {
      readonly type: 'delivered';
      readonly version: number;
      readonly firstAt: number;
      readonly lastAt: number;
      readonly bytes: number;
    }
  | { readonly type: 'failed'; readonly message: string };

const LIFETIME_MS = 180_000;
const BATCH = 50;

const [url, session, countText] = process.argv.slice(2);
const count = Number(countText ?? 1000);
const send = (message: PhonesMessage) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

// Never outlive the bench: a lost parent or a stuck run ends here.
setTimeout(() => {
  send({ type: 'failed', message: `phones gave up after ${LIFETIME_MS / 1000} s` });
  process.exit(2);
}, LIFETIME_MS).unref();
process.on('disconnect', () => process.exit(0));

const received = new Map<number, { count: number; firstAt: number; lastAt: number }>();
/** The size of each update as phone 0 received it. */
const bytesOf = new Map<number, number>();
let snapshotBytes = 0;

function watchBytes(phone: Phone): void {
  // The frame as it came off the wire: Engine.IO's type digit, then Socket.IO's packet.
  phone.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
    if (packet.type !== 'message' || typeof packet.data !== 'string') return;
    const bytes = 1 + Buffer.byteLength(packet.data);
    if (packet.data.startsWith('2["session:snapshot"')) snapshotBytes = bytes;
    const match = /^2\["session:update",\{.*"version":(\d+),"serverNow"/.exec(packet.data);
    if (match) bytesOf.set(Number(match[1]), bytes);
  });
}

function connect(index: number): Promise<Phone> {
  return new Promise((resolve, reject) => {
    const phone: Phone = io(url as string, {
      auth: { session },
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
    });
    if (index === 0) watchBytes(phone);
    phone.on('session:update', (update) => {
      const at = now();
      const entry = received.get(update.version) ?? { count: 0, firstAt: at, lastAt: at };
      entry.count += 1;
      entry.lastAt = at;
      received.set(update.version, entry);
      if (entry.count === count) {
        const bytes = bytesOf.get(update.version) ?? 0;
        send({
          type: 'delivered',
          version: update.version,
          firstAt: entry.firstAt,
          lastAt: entry.lastAt,
          bytes,
        });
      }
    });
    phone.once('session:snapshot', () => resolve(phone));
    phone.once('connect_error', (err) => reject(err));
  });
}

try {
  const phones: Phone[] = [];
  for (let i = 0; i < count; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => connect(i + j));
    phones.push(...(await Promise.all(batch)));
  }
  send({ type: 'ready', phones: phones.length, snapshotBytes });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
