/**
 * The server under test: a real `gavel serve` child process on a free port of 127.0.0.1, with a
 * fresh data folder, and the memory of its whole process tree read from /proc (a server with
 * worker processes counts them all).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onAbort } from './children.ts';
import { now, sleep } from './stats.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Loaded before the server (`--import`), three hooks for the bench alone. A full garbage
 * collection on SIGUSR2, so memory is read without the garbage of whatever ran before; worker
 * processes forked with the same flags get it too, and a process without it is never sent the
 * signal (its default action would end it). A heap reading: a line `heap` on the server's stdin
 * makes it collect its garbage and print `process.memoryUsage()` on one marked line of its stdout
 * (Gavel itself exposes no memory figures). And a lifeline: the server's stdin is a pipe from the
 * bench, so if the bench dies without stopping it, the pipe closes and the server stops itself.
 */
const HEAP_MARK = '@bench-heap ';
const BENCH_HOOKS = `data:text/javascript,${encodeURIComponent(
  "process.on('SIGUSR2', () => globalThis.gc?.());" +
    "process.stdin.on('data', (d) => { if (!String(d).includes('heap')) return; globalThis.gc?.();" +
    ` process.stdout.write('\\n${HEAP_MARK}' + JSON.stringify(process.memoryUsage()) + '\\n'); })` +
    ".on('end', () => process.kill(process.pid, 'SIGTERM')).on('error', () => {}).resume();",
)}`;
const SIGUSR2_BIT = 1n << 11n;

/** The server process's own memory as V8 and Node count it, after a full collection. */
export interface HeapReading {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The command line, as the report shows it (secrets are in the environment, not here). */
  readonly command: string;
  readonly moderatorToken: string;
  readonly stageKey: string;
  /** The server and every process under it. */
  pids(): number[];
  /** Their names (`/proc/<pid>/comm`), as the report lists them. */
  processNames(): string[];
  /** Resident memory of the server's process tree, in bytes. */
  rssBytes(): number;
  /** CPU time the server's process tree has used so far, in ms (10 ms steps). */
  cpuMs(): number;
  /**
   * Resident memory once it has settled: a full collection in every process of the tree that
   * listens for it, again every half second, until the sum has not fallen by more than 1 % for
   * 3 s (V8 gives its emptied heap pages back a few seconds after a collection, not at once), or
   * `maxMs` have passed.
   */
  settledRssBytes(maxMs: number): Promise<number>;
  /**
   * The heap of the server's top process after a full collection (a server with worker processes:
   * the primary's only); null when it did not answer within `timeoutMs`.
   */
  heap(timeoutMs?: number): Promise<HeapReading | null>;
  /** SIGTERM, then SIGKILL to whatever of the tree is left after a few seconds. */
  stop(): Promise<void>;
  /** The last of what the server printed, for a failure's message. */
  output(): string;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A process's parent pid from /proc/<pid>/stat; null when it is gone. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name in parentheses may hold spaces: the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

/** A process and all its descendants, by walking /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentOf(Number(name));
    if (parent === null) continue;
    const list = children.get(parent);
    if (list) list.push(Number(name));
    else children.set(parent, [Number(name)]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    if (parentOf(pid) === null) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** A field of /proc/<pid>/status, or null. */
function statusField(pid: number, field: string): string | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return new RegExp(`^${field}:\\s*(.*)$`, 'm').exec(status)?.[1]?.trim() ?? null;
  } catch {
    return null;
  }
}

function nameOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return 'gone';
  }
}

/** CPU time a process has used so far (user and system), in ms; 0 when it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** VmRSS of one process in bytes; 0 when it is gone. */
export function rssOf(pid: number): number {
  const kib = /^(\d+)\s*kB$/.exec(statusField(pid, 'VmRSS') ?? '')?.[1];
  return kib === undefined ? 0 : Number(kib) * 1024;
}

const catchesSigusr2 = (pid: number) =>
  (BigInt(`0x${statusField(pid, 'SigCgt') ?? '0'}`) & SIGUSR2_BIT) !== 0n;

function killTree(pid: number, signal: NodeJS.Signals): void {
  for (const p of processTree(pid).reverse()) {
    try {
      process.kill(p, signal);
    } catch {
      // Gone meanwhile.
    }
  }
}

export interface ServerOptions {
  /** Appended to the serve command (`--workers 4`, `--database-url …`). */
  readonly extraArgs: readonly string[];
  readonly startTimeoutMs: number;
  /** Added to the server's environment (`GAVEL_TEST_CLOCK`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts `node bin/gavel.js serve` and resolves once `/healthz` answers. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gavel-bench-'));
  const moderatorToken = randomBytes(16).toString('base64url');
  const stageKey = randomBytes(16).toString('base64url');
  const args = [
    '--expose-gc',
    '--import',
    BENCH_HOOKS,
    'bin/gavel.js',
    'serve',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--data',
    dataDir,
    ...options.extraArgs,
  ];
  // The bench says everything the server is to use: nothing of the caller's Gavel settings.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GAVEL_') && key !== 'PORT' && key !== 'HOST') env[key] = value;
  }
  env.GAVEL_MODERATOR_TOKEN = moderatorToken;
  env.GAVEL_STAGE_KEY = stageKey;
  // Every phone of the bench comes from 127.0.0.1: a cap it could never meet (the default, 5,000,
  // is for one venue's address, and the bench runs 10,000 phones and more).
  env.GAVEL_SOCKETS_PER_ADDRESS = '1000000';
  Object.assign(env, options.env);

  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server could not be started');
  let printed = '';
  const keep = (chunk: string) => (printed = (printed + chunk).slice(-8000));
  let heapWaiters: ((reading: HeapReading) => void)[] = [];
  let heapLine = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    // The heap hook's line, possibly split over chunks; everything else is the server's output.
    heapLine += chunk;
    const lines = heapLine.split('\n');
    heapLine = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith(HEAP_MARK)) continue;
      const reading = JSON.parse(line.slice(HEAP_MARK.length)) as HeapReading;
      for (const resolve of heapWaiters) resolve(reading);
      heapWaiters = [];
    }
    if (heapLine.length > 65_536) heapLine = '';
  });
  child.stdout.on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const forget = onAbort(() => killTree(pid, 'SIGKILL'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });

  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    command: `node ${args.map((a) => (a === BENCH_HOOKS ? '<bench hooks>' : a)).join(' ')}`,
    moderatorToken,
    stageKey,
    pids: () => processTree(pid),
    processNames: () => processTree(pid).map(nameOf),
    rssBytes: () => processTree(pid).reduce((sum, p) => sum + rssOf(p), 0),
    cpuMs: () => processTree(pid).reduce((sum, p) => sum + cpuMsOf(p), 0),
    async settledRssBytes(maxMs) {
      const readings: { at: number; bytes: number }[] = [];
      const startedAt = now();
      for (;;) {
        for (const p of processTree(pid)) if (catchesSigusr2(p)) process.kill(p, 'SIGUSR2');
        await sleep(500);
        const at = now();
        const bytes = server.rssBytes();
        readings.push({ at, bytes });
        const window = readings.filter((r) => r.at >= at - 3000);
        const first = window[0] as { at: number; bytes: number };
        if (at - startedAt >= maxMs) return bytes;
        if (at - first.at >= 2900 && bytes >= first.bytes * 0.99) return bytes;
      }
    },
    heap(timeoutMs = 5000) {
      if (exited) return Promise.resolve(null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), timeoutMs);
        heapWaiters.push((reading) => {
          clearTimeout(timer);
          resolve(reading);
        });
        child.stdin.write('heap\n');
      });
    },
    async stop() {
      if (!exited) {
        const tree = processTree(pid);
        child.kill('SIGTERM');
        await Promise.race([exit, sleep(6000)]);
        for (const p of tree) {
          try {
            process.kill(p, 'SIGKILL');
          } catch {
            // Already ended, as it should have.
          }
        }
      }
      forget();
      removeData();
    },
    output: () => printed,
  };

  const deadline = now() + options.startTimeoutMs;
  while (now() < deadline) {
    if (exited) {
      forget();
      removeData();
      throw new Error(`the server exited while starting:\n${printed}`);
    }
    if (await healthy(port)) return server;
    await sleep(100);
  }
  await server.stop();
  throw new Error(
    `the server did not answer /healthz within ${options.startTimeoutMs / 1000} s:\n${printed}`,
  );
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 1000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
