/**
 * `gavel db copy FROM TO`: moves every session, with its whole log, between two logs: an SQLite
 * data folder and PostgreSQL, either way. Each session's log is checked version by version as it
 * is read (a log that does not add up is refused) and read back from the target once written. A
 * target that already holds a session of the same id is refused before anything is written.
 */
import { mkdirSync } from 'node:fs';
import { initialState } from '../shared/state.ts';
import { StoreError, type EventLog } from './eventLog.ts';
import { PgLog } from './pgLog.ts';
import { fold } from './sessionHub.ts';
import { Store } from './store.ts';

/** A log named on the command line: a postgres:// URL, else a data folder. */
export async function openLog(where: string): Promise<EventLog> {
  if (/^postgres(ql)?:\/\//.test(where)) return PgLog.open(where);
  try {
    mkdirSync(where, { recursive: true });
  } catch (error) {
    throw new StoreError(
      `Gavel cannot use the data folder ${where}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  return Store.open(where);
}

/** What a copy did. */
export interface CopyReport {
  readonly sessions: number;
  readonly entries: number;
}

/** Copies every session of `from` into `to`. Rejects with a `StoreError` sentence. */
export async function copyLog(from: EventLog, to: EventLog): Promise<CopyReport> {
  const sessions = await from.sessions();
  const there = new Set((await to.sessions()).map((s) => s.id));
  const clashes = sessions.filter((s) => there.has(s.id)).map((s) => `"${s.id}"`);
  if (clashes.length > 0) {
    throw new StoreError(
      `${to.where} already holds ${clashes.join(', ')}: nothing was copied. Delete ${clashes.length === 1 ? 'it' : 'them'} there, or copy into an empty log.`,
    );
  }
  // Read and check everything before writing anything.
  const logs = new Map<string, Awaited<ReturnType<EventLog['rowsAfter']>>>();
  for (const session of sessions) {
    const rows = await from.rowsAfter(session.id, 0);
    fold(initialState(session.programme), rows, session.id, from.where);
    logs.set(session.id, rows);
  }
  let entries = 0;
  for (const session of sessions) {
    if (!(await to.createSession(session.programme, session.createdAt))) {
      throw new StoreError(
        `"${session.id}" appeared in ${to.where} during the copy: stopped there.`,
      );
    }
    if (session.archived) await to.setArchived(session.id, true);
    const rows = logs.get(session.id) ?? [];
    for (const row of rows) {
      if ((await to.append(row)) !== 'written') {
        throw new StoreError(
          `Entry ${row.version} of "${session.id}" was written in ${to.where} by someone else during the copy: stopped there.`,
        );
      }
    }
    const back = await to.rowsAfter(session.id, 0);
    if (JSON.stringify(back) !== JSON.stringify(rows)) {
      throw new StoreError(
        `The log of "${session.id}" does not read back from ${to.where} as it was written: check that database.`,
      );
    }
    entries += rows.length;
  }
  return { sessions: sessions.length, entries };
}
