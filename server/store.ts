/**
 * The event log: one SQLite file (`gavel.db`) in the data folder, through better-sqlite3, in WAL
 * mode. One row per accepted command, written in one transaction before the command is
 * acknowledged, so whatever a client was told happened is on disk. Sessions are rebuilt from it at
 * start. A file that is not a healthy Gavel database is refused with a sentence and left as it is.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Programme } from '../shared/programme.ts';
import {
  readProgramme,
  readRow,
  rowValues,
  StoreError,
  type AppendOutcome,
  type EventLog,
  type LogRow,
  type StoredRow,
  type StoredSession,
} from './eventLog.ts';

/** SQLite's `application_id` for Gavel files ("Gavl"), so we never adopt another program's file. */
export const APPLICATION_ID = 0x4761766c;
/** Raised when the tables change; a file from a newer Gavel is refused rather than misread. */
const SCHEMA_VERSION = 1;
const SQLITE_HEADER = 'SQLite format 3\0';

export { StoreError };
export type { LogRow, StoredSession };

interface SessionRow {
  id: string;
  programme: string;
  created_at: number;
  archived: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    programme TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS log (
    session_id TEXT NOT NULL REFERENCES sessions(id),
    version INTEGER NOT NULL,
    actor_role TEXT NOT NULL,
    command TEXT NOT NULL,
    events TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (session_id, version)
  ) WITHOUT ROWID;
`;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads the first bytes of a file: an SQLite file starts with a fixed header. */
function looksLikeSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = readSync(fd, header, 0, 16, 0);
    return read === 16 && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** The log's file in a data folder. */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'gavel.db');
}

/**
 * Checks an existing file without writing to it: a read-only connection never checkpoints the
 * WAL into the file, so a damaged database stays exactly as it was found. Throws a `StoreError`
 * with a sentence.
 */
export function inspect(path: string): void {
  if (statSync(path).size === 0) return;
  if (!looksLikeSqlite(path)) {
    throw new StoreError(
      `${path} is not an SQLite database: Gavel left it untouched; move it away or point --data at another folder.`,
    );
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    if (appId !== APPLICATION_ID && tables.length > 0) {
      throw new StoreError(
        `${path} is an SQLite database of another program: Gavel left it untouched; point --data at another folder.`,
      );
    }
    const schema = db.pragma('user_version', { simple: true }) as number;
    if (schema > SCHEMA_VERSION) {
      throw new StoreError(
        `${path} was written by a newer version of Gavel (schema ${schema}): update Gavel to open it.`,
      );
    }
    const check = String(db.pragma('quick_check', { simple: true }));
    if (check !== 'ok') {
      // SQLite lists every damaged page over several lines; the first tells enough.
      const first =
        check
          .replace(/\*\*\*[^*]*\*\*\*/g, '')
          .trim()
          .split('\n')[0] ?? check;
      throw new StoreError(
        `${path} is damaged (SQLite says: ${first.trim()}): Gavel left it untouched; restore a backup or move it away to start afresh.`,
      );
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `${path} cannot be read as a Gavel database (${describe(error)}): Gavel left it untouched; restore a backup or move it away.`,
    );
  } finally {
    db?.close();
  }
}

/** How long a writer waits for another process sharing the file (`--workers`) to finish. */
const BUSY_TIMEOUT_MS = 2_000;

/**
 * The log in an SQLite file. Every write is durable when its promise resolves (synchronous=FULL),
 * and several processes may share the file: WAL mode lets them read while one writes, and the
 * primary key (session, version) lets only one of them take a version.
 */
export class Store implements EventLog {
  private readonly insertRow: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    /** The database file. */
    readonly path: string,
  ) {
    this.insertRow = db.prepare(
      'INSERT INTO log (session_id, version, actor_role, command, events, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  get where(): string {
    return this.path;
  }

  /** Opens (or creates) `gavel.db` in `dataDir`. Throws a `StoreError` with a sentence. */
  static open(dataDir: string): Store {
    const path = databaseFile(dataDir);
    if (existsSync(path)) inspect(path);
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (error) {
      throw new StoreError(`Gavel cannot open ${path}: ${describe(error)}.`);
    }
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('journal_mode = WAL');
      // FULL: a power cut right after an acknowledgement must not lose the command. Commands come
      // at the pace of a meeting, so one fsync each costs nothing anyone notices.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // IMMEDIATE: two processes starting on a new file at once create the tables once.
      db.transaction(() => {
        const fresh =
          db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().length === 0;
        if (fresh) {
          db.exec(SCHEMA);
          db.pragma(`application_id = ${APPLICATION_ID}`);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        }
      }).immediate();
    } catch (error) {
      db.close();
      throw new StoreError(`Gavel cannot prepare ${path}: ${describe(error)}.`);
    }
    return new Store(db, path);
  }

  sessions(): Promise<StoredSession[]> {
    return settle(() => this.sessionsNow());
  }

  private sessionsNow(): StoredSession[] {
    const rows = this.db
      .prepare('SELECT id, programme, created_at, archived FROM sessions ORDER BY created_at, id')
      .all() as SessionRow[];
    return rows.map((row) => ({
      id: row.id,
      programme: readProgramme(row.id, row.programme, this.path),
      createdAt: row.created_at,
      archived: row.archived !== 0,
    }));
  }

  createSession(programme: Programme, createdAt: number): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare(
            'INSERT INTO sessions (id, programme, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
          )
          .run(programme.id, JSON.stringify(programme), createdAt).changes === 1,
    );
  }

  setArchived(id: string, archived: boolean): Promise<void> {
    return settle(() => {
      this.db.prepare('UPDATE sessions SET archived = ? WHERE id = ?').run(archived ? 1 : 0, id);
    });
  }

  deleteSession(id: string): Promise<void> {
    return settle(() => {
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM log WHERE session_id = ?').run(id);
        this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
      })();
    });
  }

  /**
   * One INSERT is one transaction of its own, so the row is on disk (fsync) when this resolves;
   * the statement is prepared once. A version another process wrote first is `taken`.
   */
  append(row: LogRow): Promise<AppendOutcome> {
    return settle(() => {
      try {
        this.insertRow.run(...rowValues(row));
        return 'written';
      } catch (error) {
        if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'taken';
        throw error;
      }
    });
  }

  rowsAfter(sessionId: string, version: number): Promise<LogRow[]> {
    return settle(() => this.log(sessionId, version));
  }

  /** A session's log after `after`, in order; synchronous, for the record and the API. */
  log(sessionId: string, after = 0): LogRow[] {
    const rows = this.db
      .prepare(
        'SELECT session_id, version, actor_role, command, events, at FROM log WHERE session_id = ? AND version > ? ORDER BY version',
      )
      .all(sessionId, after) as StoredRow[];
    return rows.map((row) => readRow(row, this.path));
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

/** A synchronous step as a promise: its value, or its exception as a rejection. */
function settle<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
