/**
 * The event log as every Gavel process sees it, wherever it is kept: an SQLite file in the data
 * folder (one laptop, one or several processes) or PostgreSQL (many machines). It is the truth;
 * each process folds it into the sessions it serves. Appends use optimistic concurrency: a
 * session's next version can be taken once, by whichever process gets there first.
 */
import type { GavelEvent } from '../shared/events.ts';
import type { Programme } from '../shared/programme.ts';
import type { Role } from '../shared/roles.ts';

/** A session as stored: its programme (already parsed) and when it was created. */
export interface StoredSession {
  readonly id: string;
  readonly programme: Programme;
  readonly createdAt: number;
  readonly archived: boolean;
}

/** One accepted command and the events it caused. `version` is the session's version after it. */
export interface LogRow {
  readonly sessionId: string;
  readonly version: number;
  readonly actorRole: Role;
  readonly command: unknown;
  readonly events: readonly GavelEvent[];
  /** Server time when the command was accepted, epoch ms. */
  readonly at: number;
}

/** A log row as both databases keep it: the command and its events as JSON text. */
export interface StoredRow {
  readonly session_id: string;
  readonly version: number;
  readonly actor_role: string;
  readonly command: string;
  readonly events: string;
  /** Epoch ms; PostgreSQL hands a BIGINT over as text. */
  readonly at: number | string;
}

/**
 * A row's columns in the order both logs store them: session, version, actor's role, command
 * (JSON), events (JSON), time.
 */
export function rowValues(row: LogRow): [string, number, string, string, string, number] {
  return [
    row.sessionId,
    row.version,
    row.actorRole,
    JSON.stringify(row.command),
    JSON.stringify(row.events),
    row.at,
  ];
}

/** A stored row read back, or a `StoreError` naming the damaged entry. */
export function readRow(row: StoredRow, where: string): LogRow {
  try {
    return {
      sessionId: row.session_id,
      version: row.version,
      actorRole: row.actor_role as Role,
      command: JSON.parse(row.command) as unknown,
      events: JSON.parse(row.events) as GavelEvent[],
      at: Number(row.at),
    };
  } catch (error) {
    throw new StoreError(
      `Entry ${row.version} of session "${row.session_id}" in ${where} is damaged (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/** A stored session's programme read back, or a `StoreError` naming the damaged session. */
export function readProgramme(id: string, text: string, where: string): Programme {
  try {
    return JSON.parse(text) as Programme;
  } catch (error) {
    throw new StoreError(
      `The programme of session "${id}" in ${where} is damaged (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/** A problem with the log's storage, worded for the person starting Gavel. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

/**
 * What an append came to: written (and durable), or `taken` when another process wrote that
 * version first, so the caller catches up and decides again.
 */
export type AppendOutcome = 'written' | 'taken';

export interface EventLog {
  /** Where the log is, for messages: a file path or a database without its password. */
  readonly where: string;
  /** Every stored session, oldest first. */
  sessions(): Promise<StoredSession[]>;
  /** Stores a new session; false when a session of that id exists already. */
  createSession(programme: Programme, createdAt: number): Promise<boolean>;
  setArchived(id: string, archived: boolean): Promise<void>;
  /** Removes a session and its whole log, in one transaction. */
  deleteSession(id: string): Promise<void>;
  /** Appends one row, durably, unless its version is taken. */
  append(row: LogRow): Promise<AppendOutcome>;
  /** A session's rows after `version`, in order. */
  rowsAfter(sessionId: string, version: number): Promise<LogRow[]>;
  close(): Promise<void>;
}

/** What processes sharing a log tell one another. */
export type Announcement =
  /** A session has reached this version: catch up if behind. */
  | { readonly type: 'version'; readonly session: string; readonly version: number }
  /** Sessions were created, archived or deleted: read the list again. */
  | { readonly type: 'sessions' }
  /** Who is connected to one process, for the console's presence line. */
  | {
      readonly type: 'presence';
      readonly node: string;
      readonly session: string;
      readonly counts: Readonly<Record<Role, number>>;
    };

/**
 * How announcements travel: nowhere for one process, over the cluster's IPC for workers on one
 * machine, by LISTEN/NOTIFY for PostgreSQL. Delivery is best effort; a process that may have
 * missed some (a dropped connection) is told to `resync`.
 */
export interface Bus {
  /**
   * Whether other processes may append to the same log: then a refusal decided on the state held
   * is checked against the log first, since that state may be a moment behind.
   */
  readonly shared: boolean;
  publish(announcement: Announcement): void;
  /** Listens; returns the function that stops listening. */
  subscribe(listener: (announcement: Announcement) => void): () => void;
  /** Called when announcements may have been missed: every session should catch up. */
  onResync(listener: () => void): () => void;
  close(): void;
}

/** The bus of a process alone: nothing to tell anyone. */
export function localBus(): Bus {
  return {
    shared: false,
    publish: () => {},
    subscribe: () => () => {},
    onResync: () => () => {},
    close: () => {},
  };
}
