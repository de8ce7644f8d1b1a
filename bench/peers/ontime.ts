/**
 * Peer benchmark: Ontime (github.com/cpvalente/ontime), the open-source event timer. It measures
 * how long an HTTP command takes to reach an observer as a websocket update, to set beside Gavel's
 * own figure for a moderator's command reaching the room.
 *
 * It starts Ontime's headless server from ONTIME_DIR (prepared as bench/peers/README.md says) on a
 * free loopback port with an empty data folder, which Ontime fills with its demo rundown. One
 * observer connects to /ws. The timer is started on the first event, then each sample alternates
 * `GET /api/pause` and `GET /api/start` over one keep-alive connection and times the span from
 * sending the request to the observer's first `runtime-data` message whose timer shows the new
 * playback state. Ten unrecorded rounds warm it up first. It prints one line of JSON on stdout;
 * logs go to stderr. Without a usable ONTIME_DIR it prints why it skipped and exits 0. It gives up
 * after 60 s, stops Ontime and exits 1.
 *
 *   ONTIME_DIR=/tmp/ontime-app npx tsx bench/peers/ontime.ts --samples 200
 *
 * ONTIME_NODE may name another Node binary to run Ontime with; by default it is this one.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';

const TIME_LIMIT_MS = 60_000;
const WARM_UP = 10;
const LOG_TAIL = 40;

type Playback = 'play' | 'pause';

const log = (message: string) => console.error(`ontime peer: ${message}`);
const report = (result: Record<string, unknown>) =>
  console.log(JSON.stringify({ peer: 'ontime', ...result }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number) => Math.round(value * 100) / 100;
/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

function readSamples(): number {
  const at = process.argv.indexOf('--samples');
  const samples = at === -1 ? 200 : Number(process.argv[at + 1]);
  if (!Number.isInteger(samples) || samples < 1) {
    log('--samples takes a whole number above zero');
    process.exit(1);
  }
  return samples;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const samples = readSamples();
const ontimeDir = process.env.ONTIME_DIR;
const entry = ontimeDir ? join(ontimeDir, 'server', 'docker.cjs') : '';
if (!ontimeDir) {
  report({ skipped: 'ONTIME_DIR is not set (see bench/peers/README.md)' });
  process.exit(0);
}
if (!existsSync(entry)) {
  report({ skipped: 'ONTIME_DIR has no server/docker.cjs, so Ontime is not built there' });
  process.exit(0);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'gavel-ontime-'));
const ontime = spawn(
  process.env.ONTIME_NODE || process.execPath,
  ['--import', pathToFileURL(join(import.meta.dirname, 'loopback.mjs')).href, entry],
  {
    cwd: dataDir,
    env: { ...process.env, NODE_ENV: 'docker', ONTIME_DATA: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
const outputTail: string[] = [];
let stopping = false;

function cleanUp(): void {
  if (ontime.exitCode === null && ontime.signalCode === null) ontime.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}

function fail(message: string): never {
  log(message);
  if (outputTail.length > 0) log(`Ontime's last output:\n${outputTail.join('\n')}`);
  cleanUp();
  process.exit(1);
}

const guard = setTimeout(() => fail(`gave up after ${TIME_LIMIT_MS / 1000} s`), TIME_LIMIT_MS);
const keepTail = (chunk: Buffer) => {
  outputTail.push(...chunk.toString().trimEnd().split('\n'));
  outputTail.splice(0, outputTail.length - LOG_TAIL);
};
ontime.stdout?.on('data', keepTail);
ontime.stderr?.on('data', keepTail);
ontime.on('error', (error) => fail(`could not start Ontime: ${error.message}`));
ontime.on('exit', (code, signal) => {
  if (!stopping) fail(`Ontime stopped early (${signal ?? `exit code ${code}`})`);
});

async function command(path: string): Promise<unknown> {
  const response = await fetch(`${base}/api/${path}`);
  const body: unknown = await response.json();
  if (!response.ok) fail(`GET /api/${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

let version = '';
while (!version) {
  try {
    const body = (await command('version')) as { payload?: unknown };
    version = String(body.payload);
  } catch {
    await sleep(100);
  }
}
log(`Ontime ${version} answers on ${base} (pid ${ontime.pid}, Node from ${ontime.spawnfile})`);

const poll = (await command('poll')) as { payload?: { rundown?: { numEvents?: number } } };
if (!poll.payload?.rundown?.numEvents)
  fail('Ontime loaded no rundown, so its timer has nothing to run');

let waiting: { playback: Playback; resolve: (at: number) => void } | undefined;
const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
ws.on('message', (data) => {
  const at = performance.now();
  const message = JSON.parse(data.toString()) as {
    tag?: string;
    payload?: { timer?: { playback?: string } };
  };
  if (message.tag !== 'runtime-data' || !waiting) return;
  if (message.payload?.timer?.playback !== waiting.playback) return;
  waiting.resolve(at);
  waiting = undefined;
});
ws.on('error', (error) => fail(`the observer's websocket failed: ${error.message}`));
await new Promise((resolve) => ws.once('open', resolve));

/** Sends `path` and resolves with the ms until the observer sees `playback`. */
async function timed(path: string, playback: Playback): Promise<number> {
  const seen = new Promise<number>((resolve) => (waiting = { playback, resolve }));
  const sentAt = performance.now();
  const [receivedAt] = await Promise.all([seen, command(path)]);
  return receivedAt - sentAt;
}

await timed('start/index/1', 'play');
const latencies: number[] = [];
for (let i = 0; i < WARM_UP + samples; i += 1) {
  const ms = i % 2 === 0 ? await timed('pause', 'pause') : await timed('start', 'play');
  if (i >= WARM_UP) latencies.push(ms);
}

stopping = true;
clearTimeout(guard);
ws.close();
const exited = new Promise((resolve) => ontime.once('exit', resolve));
ontime.kill('SIGTERM');
await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
cleanUp();

latencies.sort((a, b) => a - b);
log(
  `${latencies.length} samples, min ${round(latencies[0] ?? NaN)} ms, max ${round(latencies.at(-1) ?? NaN)} ms`,
);
report({
  version,
  p50Ms: round(percentile(latencies, 50)),
  p90Ms: round(percentile(latencies, 90)),
  p99Ms: round(percentile(latencies, 99)),
  samples: latencies.length,
});
