/**
 * `npm run bench` still runs end to end: the quick bench (a real server, 50 phones, a short flood)
 * exits 0 and writes every figure of issue 11's table as a number. No figure is judged here: the
 * machine is shared and its timings are noise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from './child.ts';
import { tempDir } from './helpers.ts';

const dir = tempDir();
let bench: ChildProcess | null = null;
afterAll(() => {
  // The bench ends its own children; a bench still running here is one the test gave up on.
  if (bench?.exitCode === null && bench.signalCode === null) bench.kill('SIGINT');
  rmSync(dir, { recursive: true, force: true });
});

/** The figures every run must hold, by path in the JSON; `*` is every element of an array. */
const FIGURES = [
  'fanOut.*.consoleAck.p50Ms',
  'fanOut.*.consoleAck.p90Ms',
  'fanOut.*.consoleAck.p99Ms',
  'fanOut.*.consoleAck.maxMs',
  'fanOut.*.firstPhone.p50Ms',
  'fanOut.*.firstPhone.maxMs',
  'fanOut.*.lastPhone.p50Ms',
  'fanOut.*.lastPhone.maxMs',
  'fanOut.*.probedLastPhone.p50Ms',
  'fanOut.*.serverRssBytes',
  'fanOut.*.rssPerPhoneBytes',
  'fanOut.*.updateBytes',
  'fanOut.*.serverCpuMs',
  'flood.moderatorAck.p50Ms',
  'flood.moderatorAck.p95Ms',
  'flood.moderatorAck.p99Ms',
  'flood.moderatorAck.maxMs',
  'flood.socketsCutOff',
  'flood.requestsPerSecond',
  'http.toObserver.p50Ms',
  'http.toObserver.p90Ms',
  'join.totalBytes',
  'join.upgradeBytes',
  'baselineRssBytes',
] as const;

const PAGE_FIGURES = ['br', 'gzip', 'identity'].flatMap((e) => [
  `pages.live.bytes.${e}`,
  `pages.stage.bytes.${e}`,
]);

/** The values at a path, `*` spreading over arrays. */
function at(value: unknown, path: string): unknown[] {
  let found: unknown[] = [value];
  for (const key of path.split('.')) {
    found = found.flatMap((v) => {
      if (key === '*') return Array.isArray(v) ? v : [];
      return typeof v === 'object' && v !== null ? [(v as Record<string, unknown>)[key]] : [];
    });
  }
  return found;
}

it('runs the quick bench and writes every figure as a finite number', async () => {
  const json = join(dir, 'bench.json');
  // The peer is left out: it needs an Ontime checkout and is not Gavel's to test.
  const env = { ...process.env };
  delete env.ONTIME_DIR;
  const child = (bench = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--quick', '--json', json],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  ));
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  expect(code, output).toBe(0);
  expect(output).toContain('vs goal');

  const result = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
  expect(at(result, 'fanOut.*')).toHaveLength(1);
  const built = existsSync(join(ROOT, 'dist', 'client', 'live.html'));
  const figures = built ? [...FIGURES, ...PAGE_FIGURES] : FIGURES;
  if (!built) expect(at(result, 'pages.skipped')[0]).toMatch(/npm run build/);
  // A first load counts the words a phone loads at once, in the heaviest language.
  if (built) {
    for (const page of ['live', 'stage']) {
      const [lang] = at(result, `pages.${page}.lang`) as string[];
      const files = at(result, `pages.${page}.files`)[0] as string[];
      expect(
        files.some((f) => f.startsWith(`/assets/public-${String(lang)}-`)),
        page,
      ).toBe(true);
    }
  }
  for (const path of figures) {
    const values = at(result, path);
    expect(values.length, path).toBeGreaterThan(0);
    for (const v of values) expect(Number.isFinite(v), `${path} = ${String(v)}`).toBe(true);
  }
  // The time until the flood was cut off is a number when every socket was cut off, else null.
  const [cut, sockets] = [at(result, 'flood.socketsCutOff')[0], at(result, 'flood.sockets')[0]];
  const cutOffMs = at(result, 'flood.cutOffMs')[0];
  if (cut === sockets) expect(Number.isFinite(cutOffMs)).toBe(true);
  else expect(cutOffMs).toBeNull();
}, 150_000);
