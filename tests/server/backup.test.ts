/**
 * `gavel backup`: a copy taken from a running `gavel serve` while the moderator keeps sending
 * commands holds every command acknowledged before it started, passes SQLite's integrity check,
 * and a server started on it (the copy as gavel.db, beside the same secrets.json) has the session
 * as it was. What it refuses, it refuses in one sentence with exit code 1.
 */
import Database from 'better-sqlite3';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GavelProcess, killLeftovers, runGavel } from './child.ts';
import { SESSION, tempDir } from './helpers.ts';

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

/** A `gavel serve` child on a data folder, with the moderator token it keeps there. */
async function serve(data: string): Promise<{ child: GavelProcess; url: string; token: string }> {
  const child = new GavelProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--data', data]);
  const port = await child.listening();
  const secrets = JSON.parse(readFileSync(join(data, 'secrets.json'), 'utf8')) as {
    moderatorToken: string;
  };
  return { child, url: `http://127.0.0.1:${port}`, token: secrets.moderatorToken };
}

async function stop(child: GavelProcess): Promise<void> {
  child.kill('SIGTERM');
  await child.exited;
}

interface Answer {
  readonly status: number;
  // The API's JSON, read field by field by the assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

async function api(url: string, token: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${url}/api/sessions/${SESSION}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

interface CopiedRow {
  version: number;
  command: string;
}

/** The copy, read as SQLite reads it: its integrity check and the session's log. */
function readCopy(file: string): { check: unknown; rows: CopiedRow[]; sessions: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      check: db.pragma('integrity_check', { simple: true }),
      rows: db
        .prepare('SELECT version, command FROM log WHERE session_id = ? ORDER BY version')
        .all(SESSION) as CopiedRow[],
      sessions: db.prepare('SELECT count(*) FROM sessions').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** The error output is one sentence. */
function sentence(stderr: string): string {
  return stderr.trim().split('\n')[0] ?? '';
}

describe('gavel backup', () => {
  it('copies a running meeting, every acknowledged command in it, and a server starts on the copy', async () => {
    const data = dir();
    const { child, url, token } = await serve(data);
    try {
      expect((await api(url, token, '/commands', { type: 'session.start' })).status).toBe(200);

      // The moderator keeps sending, one command after the other, as long as the backup runs.
      const acked: { version: number; text: string }[] = [];
      const refused: unknown[] = [];
      let sending = true;
      let firstAck: () => void = () => {};
      const someAcked = new Promise<void>((resolve) => (firstAck = resolve));
      const moderator = (async () => {
        for (let i = 0; sending; i++) {
          const text = `Message ${i}`;
          const res = await api(url, token, '/commands', { type: 'message.show', text });
          if (res.status === 200 && res.json.ok === true) {
            acked.push({ version: res.json.version as number, text });
            if (acked.length === 50) firstAck();
          } else if (res.status !== 429) {
            // The moderator's budget over HTTP (100 a second) slows a loop; nothing else may refuse.
            refused.push(res.json);
          }
        }
      })();
      await someAcked;

      const file = join(dir(), 'during-the-meeting.db');
      const ackedBefore = Math.max(...acked.map((a) => a.version));
      const countBefore = acked.length;
      const run = await runGavel(['backup', file, '--data', data]);
      const ackedDuring = acked.length - countBefore;
      sending = false;
      await moderator;

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(refused).toEqual([]);
      // The server went on answering while the copy was taken.
      expect(ackedDuring).toBeGreaterThan(0);

      const copy = readCopy(file);
      expect(copy.check).toBe('ok');
      expect(run.stdout.trim()).toBe(
        `Backed up ${copy.sessions} session, ${copy.rows.length.toLocaleString('en-US')} log rows to ${file}.`,
      );
      // A log without a gap, holding every command acknowledged before the backup started.
      expect(copy.rows.map((r) => r.version)).toEqual(copy.rows.map((_, i) => i + 1));
      const last = copy.rows.at(-1)?.version ?? 0;
      expect(last).toBeGreaterThanOrEqual(ackedBefore);
      const byVersion = new Map(copy.rows.map((r) => [r.version, JSON.parse(r.command)]));
      for (const a of acked.filter((a) => a.version <= last)) {
        expect(byVersion.get(a.version)).toMatchObject({ type: 'message.show', text: a.text });
      }
      // One self-contained file: nothing left beside it.
      expect(readdirSync(join(file, '..'))).toEqual(['during-the-meeting.db']);

      // Restoring: the copy as gavel.db of a new data folder, with the same secrets.json.
      const restored = dir();
      copyFileSync(file, join(restored, 'gavel.db'));
      copyFileSync(join(data, 'secrets.json'), join(restored, 'secrets.json'));
      const again = await serve(restored);
      try {
        expect(again.token).toBe(token);
        const view = await api(again.url, token, '');
        expect(view.status).toBe(200);
        expect(view.json.version).toBe(last);
        expect(view.json.status).toBe('live');
        const shown = acked.find((a) => a.version === last)?.text;
        expect(view.json.message?.text).toBe(shown);
        const events = await api(again.url, token, '/events');
        expect(events.json.rows.map((r: { version: number }) => r.version)).toEqual(
          copy.rows.map((r) => r.version),
        );
      } finally {
        await stop(again.child);
      }
    } finally {
      await stop(child);
    }
  }, 60_000);

  it('refuses to overwrite a file, and says so in one sentence', async () => {
    const data = dir();
    const { child } = await serve(data);
    await stop(child);
    const file = join(dir(), 'kept.db');
    writeFileSync(file, 'an earlier backup');
    const run = await runGavel(['backup', file, '--data', data]);
    expect(run.code).toBe(1);
    expect(sentence(run.stderr)).toBe(
      `gavel: ${file} already exists: Gavel does not overwrite it; choose a new name.`,
    );
    expect(readFileSync(file, 'utf8')).toBe('an earlier backup');
  });

  it('refuses a data folder with no gavel.db, and a log in PostgreSQL', async () => {
    const empty = dir();
    const file = join(dir(), 'backup.db');
    const run = await runGavel(['backup', file], { GAVEL_DATA: empty });
    expect(run.code).toBe(1);
    expect(sentence(run.stderr)).toBe(
      `gavel: There is no gavel.db in ${empty}: point --data (or GAVEL_DATA) at the data folder of the meeting.`,
    );
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(empty)).toEqual([]);

    const pg = await runGavel(['backup', file, '--data', empty], {
      GAVEL_DATABASE_URL: 'postgres://gavel@127.0.0.1/gavel',
    });
    expect(pg.code).toBe(1);
    expect(sentence(pg.stderr)).toMatch(
      /^gavel: The log is in PostgreSQL: .*pg_dump.*docs\/scale\.md/,
    );
  });
});
