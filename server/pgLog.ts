/**
 * The event log in PostgreSQL, for Gavel on many machines: every node reads and appends the same
 * log, and hears of the others' appends by LISTEN/NOTIFY. A commit is durable when its promise
 * resolves (PostgreSQL's synchronous_commit, on by default). When the database cannot be reached,
 * writes reject (the hub refuses the command as `unavailable`) and the bus reconnects by itself,
 * telling the hub to catch up once it is back.
 */
import pg from 'pg';
import type { Programme } from '../shared/programme.ts';
import {
  readProgramme,
  readRow,
  rowValues,
  StoreError,
  type Announcement,
  type AppendOutcome,
  type Bus,
  type EventLog,
  type LogRow,
  type StoredRow,
  type StoredSession,
} from './eventLog.ts';
import type { Logger } from './logger.ts';

/** The channel nodes announce on. */
const CHANNEL = 'gavel';
/** How long a query may wait for a connection before the command is refused. */
const CONNECT_TIMEOUT_MS = 2_000;
/** How long one statement may run: a log that does not answer in this time is unavailable. */
const STATEMENT_TIMEOUT_MS = 5_000;
const RECONNECT_EVERY_MS = 1_000;
/**
 * How often a listening node checks every session against the log anyway. NOTIFY is best effort:
 * one lost (its query failed on a connection that had just died, say) would leave this node's
 * pages a command behind until the next one; this bounds that to a few seconds.
 */
const RESYNC_EVERY_MS = 5_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS gavel_sessions (
    id TEXT PRIMARY KEY,
    programme TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    archived BOOLEAN NOT NULL DEFAULT FALSE
  );
  CREATE TABLE IF NOT EXISTS gavel_log (
    session_id TEXT NOT NULL REFERENCES gavel_sessions(id),
    version INTEGER NOT NULL,
    actor_role TEXT NOT NULL,
    command TEXT NOT NULL,
    events TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (session_id, version)
  );
  CREATE TABLE IF NOT EXISTS gavel_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
`;

/** An address without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database';
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `step` in one transaction on a connection of the pool: committed, or rolled back. */
async function inTransaction(
  pool: pg.Pool,
  step: (client: pg.PoolClient) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await step(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export class PgLog implements EventLog {
  private constructor(
    private readonly pool: pg.Pool,
    readonly url: string,
    readonly where: string,
  ) {}

  /**
   * Connects, and makes the tables if they are missing (once, whichever node starts first).
   * Rejects with a `StoreError` sentence when the database cannot be reached or used.
   */
  static async open(url: string): Promise<PgLog> {
    const where = redactUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      max: 10,
    });
    // An idle connection that the server closed is dropped from the pool, not a crash.
    pool.on('error', () => {});
    try {
      await inTransaction(pool, async (client) => {
        // Two nodes starting on an empty database make the tables once.
        await client.query('SELECT pg_advisory_xact_lock(4761766)');
        await client.query(SCHEMA);
      });
    } catch (error) {
      await pool.end().catch(() => {});
      throw new StoreError(`Gavel cannot use the database ${where}: ${describe(error)}.`);
    }
    return new PgLog(pool, url, where);
  }

  async sessions(): Promise<StoredSession[]> {
    const { rows } = await this.pool.query<{
      id: string;
      programme: string;
      created_at: string;
      archived: boolean;
    }>('SELECT id, programme, created_at, archived FROM gavel_sessions ORDER BY created_at, id');
    return rows.map((row) => ({
      id: row.id,
      programme: readProgramme(row.id, row.programme, this.where),
      createdAt: Number(row.created_at),
      archived: row.archived,
    }));
  }

  async createSession(programme: Programme, createdAt: number): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO gavel_sessions (id, programme, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
      [programme.id, JSON.stringify(programme), createdAt],
    );
    return result.rowCount === 1;
  }

  async setArchived(id: string, archived: boolean): Promise<void> {
    await this.pool.query('UPDATE gavel_sessions SET archived = $2 WHERE id = $1', [id, archived]);
  }

  async deleteSession(id: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM gavel_log WHERE session_id = $1', [id]);
      await client.query('DELETE FROM gavel_sessions WHERE id = $1', [id]);
    });
  }

  async append(row: LogRow): Promise<AppendOutcome> {
    try {
      await this.pool.query(
        'INSERT INTO gavel_log (session_id, version, actor_role, command, events, at) VALUES ($1, $2, $3, $4, $5, $6)',
        rowValues(row),
      );
      return 'written';
    } catch (error) {
      // unique_violation: another node took this version first.
      if ((error as { code?: unknown }).code === '23505') return 'taken';
      throw error;
    }
  }

  async rowsAfter(sessionId: string, version: number): Promise<LogRow[]> {
    const { rows } = await this.pool.query<StoredRow>(
      'SELECT session_id, version, actor_role, command, events, at FROM gavel_log WHERE session_id = $1 AND version > $2 ORDER BY version',
      [sessionId, version],
    );
    return rows.map((row) => readRow(row, this.where));
  }

  /**
   * A setting every node shares (the moderator token, the stage key): the value stored, or
   * `value` stored now if none was. Whichever node asks first decides.
   */
  async shared(key: string, value: string): Promise<string> {
    await this.pool.query(
      'INSERT INTO gavel_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, value],
    );
    const { rows } = await this.pool.query<{ value: string }>(
      'SELECT value FROM gavel_settings WHERE key = $1',
      [key],
    );
    return rows[0]?.value ?? value;
  }

  /** Sets a shared setting (a replaced token): every node reads it on its next refresh. */
  async setShared(key: string, value: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO gavel_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
      [key, value],
    );
  }

  /** Announces to every node: best effort, never holding up the caller. */
  notify(announcement: Announcement): void {
    this.pool
      .query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(announcement)])
      .catch(() => {});
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }
}

/**
 * The bus of nodes sharing a PostgreSQL log: NOTIFY to publish, a connection of its own to
 * LISTEN. When that connection is lost it is made again every second. Each time it is made, the
 * first time included, every session catches up: announcements made while this node was not
 * listening reached no one here. And every few seconds anyway, for an announcement lost on the
 * way.
 */
export function pgBus(log: PgLog, logger: Logger): Bus {
  const listeners = new Set<(announcement: Announcement) => void>();
  const resyncs = new Set<() => void>();
  let client: pg.Client | null = null;
  let closed = false;
  let lost = false;
  let retry: NodeJS.Timeout | null = null;

  const again = () => {
    if (closed || retry !== null) return;
    retry = setTimeout(() => {
      retry = null;
      void listen();
    }, RECONNECT_EVERY_MS);
  };

  async function listen(): Promise<void> {
    const next = new pg.Client({
      connectionString: log.url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    next.on('notification', (message) => {
      if (message.channel !== CHANNEL || message.payload === undefined) return;
      let announcement: Announcement;
      try {
        announcement = JSON.parse(message.payload) as Announcement;
      } catch {
        return;
      }
      for (const listener of listeners) listener(announcement);
    });
    const drop = () => {
      if (client !== next) return;
      client = null;
      if (!closed && !lost) {
        lost = true;
        logger.error(`Lost the connection to ${log.where}: trying again every second.`);
      }
      next.end().catch(() => {});
      again();
    };
    next.on('error', drop);
    next.on('end', drop);
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch {
      next.end().catch(() => {});
      if (!lost && !closed) {
        lost = true;
        logger.error(`Cannot reach ${log.where}: trying again every second.`);
      }
      again();
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    if (lost) {
      lost = false;
      logger.info(`Back in touch with ${log.where}: catching up.`);
    }
    // Also the first time: this node may have read the log before it was listening, and what
    // another node appended in between was announced to no one here.
    for (const resync of resyncs) resync();
  }
  void listen();
  const sweep = setInterval(() => {
    if (client !== null) for (const resync of resyncs) resync();
  }, RESYNC_EVERY_MS);
  sweep.unref();

  return {
    shared: true,
    publish: (announcement) => log.notify(announcement),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onResync(listener) {
      resyncs.add(listener);
      return () => resyncs.delete(listener);
    },
    close() {
      closed = true;
      clearInterval(sweep);
      if (retry !== null) clearTimeout(retry);
      void client?.end().catch(() => {});
      client = null;
    },
  };
}
