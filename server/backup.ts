/**
 * `gavel backup FILE`: a consistent copy of a data folder's log while a meeting runs, through
 * SQLite's online backup. The server is not disturbed: the copy reads through a read-only
 * connection, and in WAL mode a reader never blocks the server's writes. The copy is written
 * beside FILE under a temporary name, checked, then put in place; an existing FILE is never
 * overwritten.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StoreError } from './eventLog.ts';
import { APPLICATION_ID, databaseFile, inspect } from './store.ts';

/** What a backup holds, as read back from the copy. */
export interface BackupReport {
  /** The copy, as an absolute path. */
  readonly file: string;
  readonly sessions: number;
  readonly rows: number;
}

/** How long the copy waits for the server's connection to release a lock (WAL recovery). */
const BUSY_TIMEOUT_MS = 5_000;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Copies `dataDir`'s `gavel.db` to `file`, checks the copy, and says what it holds. Rejects with
 * a `StoreError` sentence; on failure nothing is left at `file` or beside it.
 */
export async function backupDataFolder(dataDir: string, file: string): Promise<BackupReport> {
  const source = databaseFile(resolve(dataDir));
  const target = resolve(file);
  if (!existsSync(source)) {
    throw new StoreError(
      `There is no gavel.db in ${resolve(dataDir)}: point --data (or GAVEL_DATA) at the data folder of the meeting.`,
    );
  }
  if (existsSync(target)) {
    throw new StoreError(
      `${target} already exists: Gavel does not overwrite it; choose a new name.`,
    );
  }
  if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) {
    throw new StoreError(`The folder ${dirname(target)} does not exist: create it first.`);
  }
  // A file that is not a healthy Gavel database is refused before anything is written.
  inspect(source);

  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  const removeTemporary = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm'])
      rmSync(`${temporary}${suffix}`, { force: true });
  };
  try {
    await copyDatabase(source, temporary);
    const report = checkCopy(temporary);
    // The log names every delegation's device fingerprints and the meeting's messages: its owner's.
    chmodSync(temporary, 0o600);
    putInPlace(temporary, target);
    return { file: target, ...report };
  } catch (error) {
    removeTemporary();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`Gavel could not back up ${source}: ${describe(error)}.`);
  }
}

/** SQLite's online backup of `source` into a new file. */
async function copyDatabase(source: string, temporary: string): Promise<void> {
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StoreError(`Gavel cannot open ${source}: ${describe(error)}.`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // After the first step, every remaining page in one step: a step reads one snapshot, while a
    // backup of many small steps starts over whenever the server writes between two of them, which
    // in a busy meeting could be for ever. The server's writes go on meanwhile (WAL mode).
    await db.backup(temporary, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}

/**
 * Opens the copy, makes it one self-contained file (rollback journal rather than WAL: Gavel
 * switches it back to WAL when it opens it), runs `integrity_check` and counts what it holds.
 */
function checkCopy(temporary: string): { sessions: number; rows: number } {
  const db = new Database(temporary, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new StoreError(
        `The copy failed SQLite's integrity check (${String(check)}): nothing was written; try again.`,
      );
    }
    const tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID || !tables.has('log')) {
      throw new StoreError(
        'The data folder holds no Gavel log yet: start Gavel on it once, then back it up.',
      );
    }
    const count = (table: string) =>
      db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { sessions: count('sessions'), rows: count('log') };
  } finally {
    db.close();
  }
}

/**
 * Gives the checked copy its name without ever replacing a file: a hard link fails if the name
 * was taken meanwhile. A file system without hard links gets a rename after one more look.
 */
function putInPlace(temporary: string, target: string): void {
  try {
    linkSync(temporary, target);
    rmSync(temporary);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new StoreError(
        `${target} appeared during the backup: Gavel does not overwrite it; choose a new name.`,
      );
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') {
      throw error;
    }
  }
  if (existsSync(target)) {
    throw new StoreError(
      `${target} appeared during the backup: Gavel does not overwrite it; choose a new name.`,
    );
  }
  renameSync(temporary, target);
}
