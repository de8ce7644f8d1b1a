/**
 * A room of simulated phones for `npm run bench`, one child process of several: viewers that
 * speak Socket.IO's protocol over a real WebSocket to the server under test, as the live page
 * does (WebSocket first, a packed snapshot), and no more than that: an update is recognised by its
 * first bytes, not parsed whole. So the phones cost the machine little, and the bench measures the
 * server rather than ten thousand copies of a full client sharing its two cores. The parent asks
 * it to add phones and to say when every phone here holds a version; it answers with the first
 * and last receipt times on the machine's monotonic clock; for the soak, it also makes phones leave
 * and come back, counting any phone the server dropped. It stops by itself when the parent goes.
 *
 *   tsx bench/phones.ts URL SESSION INDEX LIFETIME_MS
 */
import { WebSocket } from 'ws';
import { now } from './stats.ts';

/**
 * Engine.IO 4 and Socket.IO 5 frames, as text: `0` open, `2` ping (answered `3`), `4` a message,
 * whose Socket.IO packet is `0` connect, `1` disconnect, `2` an event, `4` a connect error, `5` an
 * event with binary attachments (the packed snapshot).
 */
const UPDATE = /^42\["session:update",\{"fromVersion":\d+,"version":(\d+)/;

/** From the parent. */
export type PhonesCommand =
  | { readonly type: 'grow'; readonly count: number }
  | { readonly type: 'watch'; readonly version: number }
  /** Closes `count` phones (the longest connected first) and joins each again. */
  | { readonly type: 'cycle'; readonly count: number };

/** To the parent. */
export type PhonesMessage =
  | { readonly type: 'grown'; readonly phones: number }
  | {
      readonly type: 'delivered';
      readonly version: number;
      /** When the first and the last phone here had that version or a later one. */
      readonly firstAt: number;
      readonly lastAt: number;
      readonly phones: number;
      /** The update's size as one phone received it (process 0 only, else 0). */
      readonly bytes: number;
    }
  | {
      readonly type: 'cycled';
      readonly phones: number;
      /** Since the start: phones the server closed, and phones that could not join again. */
      readonly dropped: number;
      readonly failedJoins: number;
    }
  | { readonly type: 'failed'; readonly message: string };

/** Handshakes in flight at once, per process. */
const CONCURRENT_JOINS = 50;
/** Versions each phone remembers: enough for the parent's question to arrive after the update. */
const HISTORY = 16;

const [url = '', session = '', indexText = '0', lifetimeText = '900000'] = process.argv.slice(2);
const send = (message: PhonesMessage) => process.send?.(message);

// Never outlive the bench: a lost parent or a stuck run ends here.
setTimeout(() => {
  send({ type: 'failed', message: `phones gave up after ${Number(lifetimeText) / 1000} s` });
  process.exit(2);
}, Number(lifetimeText)).unref();
process.on('disconnect', () => process.exit(0));

interface Held {
  readonly socket: WebSocket;
  readonly versions: number[];
  readonly ats: number[];
  alive: boolean;
  /** Closed by this process (a cycle), not by the server. */
  leaving: boolean;
}

const phones: Held[] = [];
let alive = 0;
let dropped = 0;
let failedJoins = 0;
/** The next phone a cycle closes: round the room, so each leaves in turn. */
let cursor = 0;

/** The parent's current question: which phones already hold the version asked about. */
let watch: {
  readonly version: number;
  readonly counted: Uint8Array;
  count: number;
  firstAt: number;
  lastAt: number;
} | null = null;

/** The size of each update as the first phone of process 0 received it, by version. */
const bytesOf = new Map<number, number>();

function settle(): void {
  if (watch === null || watch.count < alive) return;
  const version = watch.version;
  let bytes = 0;
  for (const [v, b] of bytesOf) {
    if (v >= version) {
      bytes = b;
      break;
    }
  }
  send({
    type: 'delivered',
    version,
    firstAt: watch.firstAt,
    lastAt: watch.lastAt,
    phones: alive,
    bytes,
  });
  watch = null;
}

function counts(index: number, at: number): void {
  if (watch === null || watch.counted[index] === 1) return;
  watch.counted[index] = 1;
  watch.count += 1;
  watch.firstAt = Math.min(watch.firstAt, at);
  watch.lastAt = Math.max(watch.lastAt, at);
}

function join(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const address = new URL('/socket.io/?EIO=4&transport=websocket', url);
    address.protocol = address.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(address, { perMessageDeflate: false });
    const held: Held = { socket, versions: [], ats: [], alive: false, leaving: false };
    const measures = index === 0 && indexText === '0';
    const joined = () => {
      if (held.alive) return;
      held.alive = true;
      alive += 1;
      phones[index] = held;
      resolve();
    };
    socket.on('message', (data, isBinary) => {
      // The packed snapshot's attachment: the phone has its view.
      if (isBinary) return joined();
      const text = data.toString();
      const kind = text.charCodeAt(0);
      if (kind === 50 /* 2: ping */) {
        socket.send('3');
        return;
      }
      if (kind === 48 /* 0: open */) {
        // As the live page asks: a packed snapshot, which a server that does not know it ignores.
        socket.send(`40${JSON.stringify({ session, packed: true })}`);
        return;
      }
      if (text.startsWith('42["session:update"')) {
        const at = now();
        const match = UPDATE.exec(text);
        if (!match) return;
        const version = Number(match[1]);
        if (measures) {
          bytesOf.set(version, Buffer.byteLength(text));
          if (bytesOf.size > HISTORY) bytesOf.delete(bytesOf.keys().next().value as number);
        }
        held.versions.push(version);
        held.ats.push(at);
        if (held.versions.length > HISTORY) {
          held.versions.shift();
          held.ats.shift();
        }
        if (watch !== null && version >= watch.version) {
          counts(index, at);
          settle();
        }
        return;
      }
      if (text.startsWith('42["session:snapshot"')) return joined();
      if (text.startsWith('44')) reject(new Error(`the server refused a phone: ${text.slice(2)}`));
    });
    socket.once('error', (error) => reject(error));
    socket.on('close', () => {
      if (!held.alive) {
        reject(new Error('the server closed a phone before its snapshot'));
        return;
      }
      held.alive = false;
      alive -= 1;
      if (!held.leaving) dropped += 1;
      // A phone that left counts no more, whether or not it had the version.
      if (watch !== null && watch.counted[index] === 1) {
        watch.counted[index] = 0;
        watch.count -= 1;
      }
      settle();
    });
  });
}

async function grow(count: number): Promise<void> {
  const first = phones.length;
  let next = first;
  const worker = async () => {
    while (next < first + count) await join(next++);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_JOINS, count) }, worker));
}

/** Closes `count` phones and joins each again at its place, as many at once as when growing. */
async function cycle(count: number): Promise<void> {
  const chosen: number[] = [];
  for (let looked = 0; chosen.length < count && looked < phones.length; looked++) {
    const index = cursor;
    cursor = (cursor + 1) % phones.length;
    if (phones[index]?.alive) chosen.push(index);
  }
  let next = 0;
  const worker = async () => {
    while (next < chosen.length) {
      const index = chosen[next++] as number;
      const held = phones[index] as Held;
      held.leaving = true;
      const closed = new Promise<void>((resolve) => held.socket.once('close', () => resolve()));
      // The connection goes without a Socket.IO goodbye, as when a phone loses the network.
      held.socket.close();
      await closed;
      try {
        await join(index);
      } catch {
        failedJoins += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_JOINS, chosen.length) }, worker));
}

process.on('message', (command: PhonesCommand) => {
  switch (command.type) {
    case 'grow':
      grow(command.count).then(
        () => send({ type: 'grown', phones: alive }),
        (error: unknown) =>
          send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    case 'cycle':
      cycle(command.count).then(
        () => send({ type: 'cycled', phones: alive, dropped, failedJoins }),
        (error: unknown) =>
          send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    case 'watch': {
      watch = {
        version: command.version,
        counted: new Uint8Array(phones.length),
        count: 0,
        firstAt: Infinity,
        lastAt: -Infinity,
      };
      // The update may have come before the question: each phone's recent history answers.
      phones.forEach((held, index) => {
        if (!held.alive) return;
        const i = held.versions.findIndex((v) => v >= command.version);
        const at = held.ats[i];
        if (i >= 0 && at !== undefined) counts(index, at);
      });
      settle();
      return;
    }
    default:
      command satisfies never;
  }
});
