/**
 * `npm run bench`: how big a "next speaker" update is as a phone receives it, and how long the
 * server takes to hand it to 1,000 phones. The server runs here; the phones are real Socket.IO
 * connections in a separate process, on loopback. Prints medians over several runs. Bounded: it
 * stops by itself if anything hangs.
 *
 *   npm run bench                 1,000 phones, 7 runs
 *   npm run bench -- 2000 9       2,000 phones, 9 runs
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, listen } from '../server/app.ts';
import { builtInPlenary } from '../server/config.ts';
import type { PhonesMessage } from './phones.ts';

const PHONES = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 7);
const SESSION = 'asp15-cooperation';
const TIME_LIMIT_MS = 240_000;

const now = () => performance.timeOrigin + performance.now();
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

const guard = setTimeout(() => {
  console.error(`bench: gave up after ${TIME_LIMIT_MS / 1000} s`);
  process.exit(2);
}, TIME_LIMIT_MS);

const dataDir = mkdtempSync(join(tmpdir(), 'gavel-bench-'));
const app = createApp({
  dataDir,
  moderatorToken: 'bench-moderator-token',
  stageKey: 'bench-stage-key',
  programmes: [builtInPlenary()],
});
const port = await listen(app.httpServer, 0, '127.0.0.1');
const moderator = { role: 'moderator' as const };
const started = app.hub.command(SESSION, { type: 'session.start' }, moderator);
if (!started.ok) throw new Error(started.error.message);

const phones = fork(
  fileURLToPath(new URL('./phones.ts', import.meta.url)),
  [`http://127.0.0.1:${port}`, SESSION, String(PHONES)],
  {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  },
);
const waiting = new Map<string, (m: PhonesMessage) => void>();
phones.on('message', (message: PhonesMessage) => {
  if (message.type === 'failed') {
    console.error(`bench: the phones failed: ${message.message}`);
    process.exit(1);
  }
  const key = message.type === 'delivered' ? `delivered:${message.version}` : message.type;
  waiting.get(key)?.(message);
  waiting.delete(key);
});
const expect = <T extends PhonesMessage>(key: string) =>
  new Promise<T>((resolve) => waiting.set(key, resolve as (m: PhonesMessage) => void));

try {
  const connectStart = now();
  const ready = await expect<Extract<PhonesMessage, { type: 'ready' }>>('ready');
  console.log(
    `${ready.phones} phones connected in ${ms(now() - connectStart)}; a phone's snapshot is ${ready.snapshotBytes} bytes.`,
  );

  const bytes: number[] = [];
  const serverMs: number[] = [];
  const firstMs: number[] = [];
  const lastMs: number[] = [];
  // One warm-up run, then the measured ones: each a "next speaker" with the timer started.
  for (let run = 0; run <= RUNS; run++) {
    const t0 = now();
    const ack = app.hub.command(SESSION, { type: 'speaker.next', start: true }, moderator);
    if (!ack.ok) throw new Error(ack.error.message);
    const delivered = expect<Extract<PhonesMessage, { type: 'delivered' }>>(
      `delivered:${ack.version}`,
    );
    // The hub broadcasts right after the acknowledgement (a microtask): once this resolves, the
    // server has computed the patch and written it to every phone's socket.
    await Promise.resolve();
    const t1 = now();
    const d = await delivered;
    if (run === 0) continue;
    bytes.push(d.bytes);
    serverMs.push(t1 - t0);
    firstMs.push(d.firstAt - t0);
    lastMs.push(d.lastAt - t0);
  }

  console.log(`\n"Next speaker" to ${PHONES} phones, median of ${RUNS} runs (min–max):`);
  const row = (label: string, values: number[], format: (v: number) => string) =>
    console.log(
      `  ${label.padEnd(40)} ${format(median(values)).padStart(10)}   (${format(Math.min(...values))} – ${format(Math.max(...values))})`,
    );
  row('update size, as a phone receives it', bytes, (v) => `${Math.round(v)} B`);
  row('server: command to last socket write', serverMs, ms);
  row('first phone has it', firstMs, ms);
  row('last phone has it', lastMs, ms);
} finally {
  phones.kill();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  clearTimeout(guard);
}
