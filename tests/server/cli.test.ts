/**
 * The command line as a person meets it: what stops it from starting is one clear sentence and
 * exit code 1, with nothing on disk overwritten; when it starts, it prints the links people need.
 */
import { createServer, type Server } from 'node:net';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GavelProcess, killLeftovers, runGavel } from './child.ts';
import { tempDir } from './helpers.ts';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  killLeftovers();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The error output is one sentence (plus a list of problems for a programme file). */
function sentence(stderr: string): string {
  const [first] = stderr.trim().split('\n');
  return first ?? '';
}

describe('gavel serve', () => {
  it('prints the console, stage and live links on the public URL, and stops cleanly', async () => {
    const data = dir();
    const child = new GavelProcess(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--data', data],
      {
        GAVEL_PUBLIC_URL: 'https://gavel.example.org/',
      },
    );
    await child.listening();
    const secrets = JSON.parse(readFileSync(join(data, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(secrets.moderatorToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(child.stdout).toContain(
      `https://gavel.example.org/console/asp15-cooperation?token=${secrets.moderatorToken}`,
    );
    expect(child.stdout).toContain(
      `https://gavel.example.org/stage/asp15-cooperation?key=${secrets.stageKey}`,
    );
    expect(child.stdout).toContain('https://gavel.example.org/live/asp15-cooperation');
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);

    // A second start keeps the same secrets: printed links stay valid.
    const again = new GavelProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--data', data]);
    await again.listening();
    expect(again.stdout).toContain(`/console/asp15-cooperation?token=${secrets.moderatorToken}`);
    again.kill('SIGTERM');
    await again.exited;
  });

  it('says so when the port is in use', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const run = await runGavel([
        'serve',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--data',
        dir(),
      ]);
      expect(run.code).toBe(1);
      expect(sentence(run.stderr)).toBe(
        `gavel: Port ${port} on 127.0.0.1 is already in use: stop the other program or start Gavel with --port.`,
      );
    } finally {
      blocker.close();
    }
  });

  it('refuses a corrupt database and leaves it as it was', async () => {
    const data = dir();
    const file = join(data, 'gavel.db');
    writeFileSync(file, 'SQLite format 3\0'.padEnd(8192, 'x'));
    const before = readFileSync(file);
    const run = await runGavel(['serve', '--port', '0', '--data', data]);
    expect(run.code).toBe(1);
    expect(sentence(run.stderr)).toMatch(/^gavel: .*gavel\.db .*untouched/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a data folder it cannot use, and a bad programme file, naming every problem', async () => {
    const notAFolder = join(dir(), 'file');
    writeFileSync(notAFolder, 'x');
    const data = await runGavel(['serve', '--data', notAFolder]);
    expect(data.code).toBe(1);
    expect(sentence(data.stderr)).toMatch(/^gavel: Gavel cannot use the data folder .*file/);

    const programme = join(dir(), 'programme.json');
    writeFileSync(
      programme,
      JSON.stringify({ id: 'x', title: 'X', timeZone: 'Europe/Nowhere', segments: [] }),
    );
    const bad = await runGavel(['serve', '--data', dir(), '--programme', programme]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('has 2 problems');
    expect(bad.stderr).toContain('  timeZone: must be a time zone name');
    expect(bad.stderr).toContain('  segments: must hold at least one segment');
  });
});

describe('gavel check', () => {
  it('accepts the built-in plenary and lists the problems of a bad file', async () => {
    const good = await runGavel(['check', 'shared/programmes/asp15-cooperation.json']);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('is a valid programme');
    const file = join(dir(), 'bad.json');
    writeFileSync(file, '{ "id": "x", ');
    const bad = await runGavel(['check', file]);
    expect(bad.code).toBe(1);
    expect(sentence(bad.stderr)).toMatch(/^gavel: .*bad\.json is not JSON: /);
    const help = await runGavel(['--help']);
    expect(help.stdout).toContain('gavel serve [--port N]');
  });

  it('checks a spreadsheet, naming each problem by line and column', async () => {
    const header = 'segment;segment kind;segment budget;item id;kind;name;minutes';
    const good = join(dir(), 'good.csv');
    writeFileSync(
      good,
      `${header}\nPanel;panel;30;a;remarks;Ms A;2,5\nDébat;floor;20;;;;\n`,
      'latin1',
    );
    const ok = await runGavel(['check', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(
      'valid spreadsheet (windows-1252): 2 segments, 1 items, 50 min planned',
    );
    const bad = join(dir(), 'bad.csv');
    writeFileSync(bad, `${header}\nPanel;panel;30;a;talk;;0\n`);
    const refused = await runGavel(['check', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('has 3 problems');
    expect(refused.stderr).toContain('line 2, column "kind": must be one of');
    expect(refused.stderr).toContain('line 2, column "name": is missing');
    expect(refused.stderr).toContain('line 2, column "minutes": must be a positive number');
  });
});
