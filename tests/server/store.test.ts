/**
 * The log on disk: a restart rebuilds every session exactly, and a database file that is not a
 * healthy Gavel log is refused with a sentence and left byte for byte as it was.
 */
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { FakeClock } from '../../server/clock.ts';
import { builtInPlenary } from '../../server/config.ts';
import { StoreError } from '../../server/store.ts';
import { SESSION, STAGE_KEY, START, startServer, tempDir, TOKEN } from './helpers.ts';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function open(dataDir: string) {
  return createApp({
    dataDir,
    clock: new FakeClock(START),
    moderatorToken: TOKEN,
    stageKey: STAGE_KEY,
    programmes: [builtInPlenary()],
  });
}

/** A data folder holding a short meeting, closed cleanly. */
async function meeting(): Promise<{ dataDir: string; state: string }> {
  const dataDir = dir();
  const server = await startServer({ dataDir });
  await server.post({ type: 'session.start' });
  await server.post({ type: 'speaker.next', start: true });
  server.fake.advance(90_000);
  await server.post({ type: 'timer.adjust', deltaMs: 30_000 });
  await server.post({ type: 'floor.open' });
  const delegate = await server.connect({ deviceKey: 'device-0123456789abcdef' });
  await delegate.command({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
  await server.post({ type: 'message.show', text: 'Welcome' });
  await server.post({ type: 'message.show', text: 'Please conclude' });
  // Undone: the second message; the delegate's request, made before, stays.
  await server.post({ type: 'undo' });
  const state = server.stateText();
  await server.close();
  return { dataDir, state };
}

async function expectRefused(dataDir: string, pattern: RegExp): Promise<void> {
  const file = join(dataDir, 'gavel.db');
  const before = readFileSync(file);
  let error: unknown;
  try {
    await open(dataDir);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoreError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).not.toMatch(/\n/);
  expect(readFileSync(file).equals(before)).toBe(true);
}

describe('the event log', () => {
  it('rebuilds every session exactly at restart, undo stack and delegate requests included', async () => {
    const { dataDir, state } = await meeting();
    const again = await open(dataDir);
    try {
      expect(JSON.stringify(again.hub.state(SESSION))).toBe(state);
      expect(again.hub.state(SESSION)?.version).toBe(8);
      expect(again.hub.state(SESSION)?.floor.requests.map((r) => r.status)).toEqual(['requested']);
      // The moderator can still undo what was done before the restart: the first message.
      expect(await again.hub.command(SESSION, { type: 'undo' }, { role: 'moderator' })).toEqual({
        ok: true,
        version: 9,
      });
      expect(again.hub.state(SESSION)?.message).toBeNull();
    } finally {
      await again.close();
    }
  });

  it('refuses a file that is not a database, and leaves it as it was', async () => {
    const dataDir = dir();
    writeFileSync(
      join(dataDir, 'gavel.db'),
      'These are the minutes of the meeting, not a database.\n'.repeat(100),
    );
    await expectRefused(dataDir, /not an SQLite database/);
  });

  it('refuses a damaged database, and leaves it as it was', async () => {
    const { dataDir } = await meeting();
    const file = join(dataDir, 'gavel.db');
    const bytes = readFileSync(file);
    // Keep the header page, scramble the pages holding the tables.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    writeFileSync(file, bytes);
    await expectRefused(dataDir, /damaged|cannot be read/);
  });

  it("refuses another program's database", async () => {
    const dataDir = dir();
    const other = new Database(join(dataDir, 'gavel.db'));
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)');
    other.close();
    await expectRefused(dataDir, /another program/);
  });

  it('refuses a log with a missing entry rather than guess', async () => {
    const { dataDir } = await meeting();
    const db = new Database(join(dataDir, 'gavel.db'));
    db.prepare('DELETE FROM log WHERE version = 3').run();
    db.close();
    await expectRefused(dataDir, /jumps from version 2 to 4/);
  });

  it('keeps what was acknowledged even when the files are copied mid-run, as after a crash', async () => {
    const dataDir = dir();
    const server = await startServer({ dataDir });
    await server.post({ type: 'session.start' });
    await server.post({ type: 'speaker.next', start: true });
    // Copy the database and its write-ahead log as they are, with the server still running.
    const copy = dir();
    for (const name of ['gavel.db', 'gavel.db-wal'])
      copyFileSync(join(dataDir, name), join(copy, name));
    const state = server.stateText();
    await server.close();
    const again = await open(copy);
    try {
      expect(JSON.stringify(again.hub.state(SESSION))).toBe(state);
    } finally {
      await again.close();
    }
  });
});
