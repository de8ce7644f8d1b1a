/**
 * Holds the live state of every session and runs commands against it: validate (zod), authorize,
 * execute (the pure state machine), append to the log, acknowledge, then tell listeners. Every
 * refusal is a value with a code and a sentence; nothing here throws at a client.
 */
import { Command, COMMAND_TYPES } from '../shared/commands.ts';
import type { GavelError } from '../shared/errors.ts';
import { evolve, execute } from '../shared/machine.ts';
import { DelegationList } from '../shared/delegationList.ts';
import shippedDelegations from '../shared/programmes/delegations.json' with { type: 'json' };
import { DELEGATIONS } from '../shared/delegations.ts';
import { changesToShipped, withStatesParties } from '../shared/membership.ts';
import { describeIssues, programmeError, type Programme } from '../shared/programme.ts';
import type { CommandAck } from '../shared/protocol.ts';
import { refuse } from '../shared/refusals.ts';
import { atTheChair, authorize, type Actor } from '../shared/roles.ts';
import { initialState, type SessionState } from '../shared/state.ts';
import { zonedParts } from '../shared/zonedTime.ts';
import type { Clock } from './clock.ts';
import { checkShape } from './limits.ts';
import {
  localBus,
  StoreError,
  type AppendOutcome,
  type Bus,
  type EventLog,
  type LogRow,
  type StoredSession,
} from './eventLog.ts';
import type { Logger } from './logger.ts';

/** One session the hub holds. */
export interface HubSession {
  readonly id: string;
  readonly createdAt: number;
  /** Put away after the meeting: still readable, no longer listed first. */
  readonly archived: boolean;
  readonly state: SessionState;
}

/** A reading of the list of sessions, waiting for the one under way. */
interface QueuedRefresh {
  all: boolean;
  promise: Promise<void>;
}

/** Called after a session changed: a command here or elsewhere, its creation or deletion. */
export type ChangeListener = (sessionId: string) => void;

/** The shipped list, for a hub given none (`gavel serve` checks it first, in words). */
const shippedList = (): DelegationList => DelegationList.parse(shippedDelegations);

const KNOWN_TYPES: ReadonlySet<string> = new Set(COMMAND_TYPES);

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/**
 * Checks the shape of anything that arrived as a command and returns it typed, or the refusal.
 * The order matters: size and depth first (cheap), then the type (a clear sentence for an unknown
 * command), then the schema.
 */
export function parseCommand(
  raw: unknown,
): { ok: true; command: Command } | { ok: false; error: GavelError } {
  const shape = checkShape(raw);
  if (shape) return { ok: false, error: shape };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: refuse('invalid', 'command-not-object'),
    };
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string') {
    return {
      ok: false,
      error: refuse('invalid', 'command-type-not-text'),
    };
  }
  if (!KNOWN_TYPES.has(type)) {
    return {
      ok: false,
      error: refuse('invalid', 'command-unknown', { type: quote(type) }),
    };
  }
  const parsed = Command.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return {
      ok: false,
      error: refuse('invalid', 'command-invalid', { command: type, problems: list }),
    };
  }
  return { ok: true, command: parsed.data };
}

/** One session's steps, waiting to run one at a time: the chair's first. */
interface SessionQueue {
  readonly chair: (() => Promise<void>)[];
  readonly audience: (() => Promise<void>)[];
  running: boolean;
}

/**
 * How often a command is decided again after other processes took the versions it wanted. Each
 * lost attempt means another command went in, so this only bounds a pathological storm.
 */
const MAX_ATTEMPTS = 100;

/** How soon a catch-up that could not read the log is tried again. */
const RETRY_CATCH_UP_MS = 1_000;
/**
 * How long the audience's queued commands run before the event loop gets a turn: a chair's command
 * that arrives meanwhile is read then, and goes before the rest of them.
 */
const AUDIENCE_TURN_MS = 1;

const UNAVAILABLE = refuse('unavailable', 'log-unwritable');

/** There is no such session (any more): deleted here or by another process. */
const unknownSession = (session: string) => refuse('not-found', 'session-unknown', { session });

/**
 * The sessions one process serves, and the only door through which they change. The process is a
 * replica: the log is the truth, and this folds it. A command is decided on the state held, then
 * appended as the next version; when another process took that version first, this one catches up
 * from the log and decides again (so a "next" sent with the version its sender saw is refused as
 * stale, never applied on top of another's). Others' commands arrive as announcements on the bus,
 * after which the session catches up. Work on one session runs one step at a time.
 */
export class SessionHub {
  private readonly sessions = new Map<string, HubSession>();
  private readonly listeners = new Set<ChangeListener>();
  /** Each session's steps waiting to run, by lane. */
  private readonly queues = new Map<string, SessionQueue>();
  private readonly stopBus: (() => void)[] = [];
  /**
   * Reads that failed, to be tried again shortly: a session's catch-up by its id, the list by '',
   * a session being adopted by `adopt <id>`.
   */
  private readonly retries = new Map<string, NodeJS.Timeout>();
  /** The reading of the list of sessions under way, which the next one waits for. */
  private refreshing: Promise<void> = Promise.resolve();
  /** The reading asked for while one is under way, if any. */
  private nextRefresh: QueuedRefresh | null = null;
  /** This process's changes to the list (sessions created, archived, deleted), counted. */
  private listChanges = 0;
  /** Keys whose last read failed, so that an outage is reported once, not every second. */
  private readonly failing = new Set<string>();
  private closed = false;

  private constructor(
    private readonly log: EventLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly bus: Bus,
    /** The list of delegations in effect: the shipped one, or the secretariat's replacement. */
    readonly delegations: DelegationList,
  ) {}

  /**
   * Rebuilds every session from its log: a fold of `evolve` over the stored events, checking that
   * the versions follow one another. A log that does not add up is refused, not guessed at.
   */
  static async load(
    log: EventLog,
    clock: Clock,
    logger: Logger,
    bus: Bus = localBus(),
    delegations: DelegationList = shippedList(),
  ): Promise<SessionHub> {
    const hub = new SessionHub(log, clock, logger, bus, delegations);
    // Listening starts before the log is read: what another process appends while this one reads
    // would otherwise go unheard until its next command. Announcements are ignored until the read
    // is done; then every session catches up once, which covers whatever came meanwhile.
    let loaded = false;
    hub.stopBus.push(
      bus.subscribe((announcement) => {
        if (!loaded) return;
        if (announcement.type === 'version') {
          const held = hub.sessions.get(announcement.session)?.state.version;
          if (held === undefined) void hub.refreshSessions();
          else if (held < announcement.version) void hub.catchUp(announcement.session);
        } else if (announcement.type === 'sessions') {
          void hub.refreshSessions();
        }
      }),
      bus.onResync(() => {
        if (loaded) void hub.refreshSessions(true);
      }),
    );
    try {
      for (const stored of await log.sessions()) await hub.adopt(stored);
    } catch (error) {
      for (const stop of hub.stopBus.splice(0)) stop();
      if (error instanceof StoreError) throw error;
      // SQLite reports damage it finds while reading (SQLITE_CORRUPT) as it goes.
      throw new StoreError(
        `${log.where} cannot be read (${error instanceof Error ? error.message : String(error)}): Gavel left it untouched; restore a backup or move it away.`,
      );
    }
    loaded = true;
    if (bus.shared) await hub.refreshSessions(true);
    return hub;
  }

  /** Folds a stored session's whole log into the state this process serves. */
  private async adopt(stored: StoredSession): Promise<void> {
    const state = fold(
      initialState(stored.programme),
      await this.log.rowsAfter(stored.id, 0),
      stored.id,
      this.log.where,
    );
    this.sessions.set(stored.id, {
      id: stored.id,
      createdAt: stored.createdAt,
      archived: stored.archived,
      state,
    });
  }

  /**
   * Runs steps on one session one at a time. The chair's lane (the moderator's commands, and the
   * hub's own catching up) goes before the audience's: a moderator's command never waits behind
   * a crowd of delegates' requests, only behind the one step already running and, when it arrives
   * while they run, behind a millisecond of them.
   */
  private serial<T>(
    sessionId: string,
    step: () => Promise<T>,
    lane: 'chair' | 'audience' = 'chair',
  ): Promise<T> {
    let queue = this.queues.get(sessionId);
    if (!queue) {
      queue = { chair: [], audience: [], running: false };
      this.queues.set(sessionId, queue);
    }
    const q = queue;
    return new Promise<T>((resolve, reject) => {
      q[lane].push(() => step().then(resolve, reject));
      if (!q.running) void this.drain(sessionId, q);
    });
  }

  private async drain(sessionId: string, q: SessionQueue): Promise<void> {
    q.running = true;
    let turnStarted = performance.now();
    for (;;) {
      const next = q.chair.shift() ?? q.audience.shift();
      if (!next) break;
      await next();
      // Steps that answer at once chain on without ever leaving the microtask queue, and the
      // chair's next command waits unread behind all of them: a crowd's queue lets it in.
      if (q.audience.length > 0 && performance.now() - turnStarted >= AUDIENCE_TURN_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        turnStarted = performance.now();
      }
    }
    q.running = false;
    if (this.queues.get(sessionId) === q) this.queues.delete(sessionId);
  }

  private changed(sessionId: string): void {
    for (const listener of this.listeners) listener(sessionId);
  }

  /**
   * Reads what other processes appended to a session since the version held, and tells the
   * listeners when it moved. Never throws: a log that cannot be read now is tried again a second
   * later, and again, until it answers, rather than leaving the session's pages a command behind
   * until the next announcement.
   */
  catchUp(sessionId: string): Promise<void> {
    return this.serial(sessionId, async () => {
      try {
        await this.catchUpNow(sessionId);
        this.answered(sessionId, `"${sessionId}" is caught up from the log again.`);
      } catch (error) {
        this.tryAgain(
          sessionId,
          () => this.catchUp(sessionId),
          `catch up "${sessionId}" from the log`,
          error,
        );
      }
    });
  }

  /**
   * Runs `attempt` a second from now, once however often it is asked for; says that it could not
   * `what` only when the key starts failing, not at every second of an outage.
   */
  private tryAgain(key: string, attempt: () => Promise<void>, what: string, error: unknown): void {
    if (!this.failing.has(key)) {
      this.failing.add(key);
      this.logger.error(`Could not ${what} (trying again every second): ${String(error)}`);
    }
    if (this.closed || this.retries.has(key)) return;
    const timer = setTimeout(() => {
      this.retries.delete(key);
      void attempt();
    }, RETRY_CATCH_UP_MS);
    timer.unref();
    this.retries.set(key, timer);
  }

  /** A read that works again after failing: said once. */
  private answered(key: string, sentence: string): void {
    if (this.failing.delete(key)) this.logger.info(sentence);
  }

  private async catchUpNow(sessionId: string): Promise<boolean> {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    const rows = await this.log.rowsAfter(sessionId, session.state.version);
    if (rows.length === 0) return false;
    const current = this.sessions.get(sessionId);
    if (!current) return false;
    const state = fold(current.state, rows, sessionId, this.log.where);
    this.sessions.set(sessionId, { ...current, state });
    this.changed(sessionId);
    return true;
  }

  /**
   * Reads the list of sessions again: adopts those others created, forgets those they deleted,
   * takes their archive flags; with `all`, also catches every session up (after a lost bus).
   * One reading at a time: an older list, read before another process deleted a session, never
   * brings it back after a newer one forgot it.
   */
  refreshSessions(all = false): Promise<void> {
    // One reading waiting at most: asking again while one waits joins it, so that a stalled
    // database never leaves a queue of readings behind it.
    const waiting = this.nextRefresh;
    if (waiting) {
      waiting.all ||= all;
      return waiting.promise;
    }
    const next: QueuedRefresh = { all, promise: Promise.resolve() };
    next.promise = this.refreshing.then(() => {
      if (this.nextRefresh === next) this.nextRefresh = null;
      return this.refreshNow(next.all);
    });
    this.nextRefresh = next;
    this.refreshing = next.promise.catch(() => {});
    return next.promise;
  }

  private async refreshNow(all: boolean): Promise<void> {
    let stored: StoredSession[];
    // Sessions this process creates, archives or deletes while the list is read: the list may be
    // from before, so it is read again rather than undoing them.
    const before = this.listChanges;
    try {
      stored = await this.log.sessions();
    } catch (error) {
      this.tryAgain('', () => this.refreshSessions(true), 'read the sessions from the log', error);
      return;
    }
    this.answered('', 'The sessions are read from the log again.');
    if (this.listChanges !== before) {
      void this.refreshSessions(all);
      return;
    }
    const ids = new Set(stored.map((s) => s.id));
    for (const id of [...this.sessions.keys()]) {
      if (ids.has(id)) continue;
      this.sessions.delete(id);
      this.changed(id);
    }
    for (const s of stored) {
      const held = this.sessions.get(s.id);
      if (!held) {
        const adopted = await this.serial(s.id, async () => {
          // Deleted here since the list was read: not brought back.
          if (this.sessions.has(s.id) || this.listChanges !== before) return false;
          try {
            await this.adopt(s);
          } catch (error) {
            this.tryAgain(
              `adopt ${s.id}`,
              () => this.refreshSessions(),
              `read "${s.id}" from the log`,
              error,
            );
            return false;
          }
          this.answered(`adopt ${s.id}`, `"${s.id}" is read from the log again.`);
          return true;
        });
        if (adopted) this.changed(s.id);
        else if (this.listChanges !== before) void this.refreshSessions(all);
      } else {
        // The flag as this process last set it wins over a list read before.
        if (held.archived !== s.archived && this.listChanges === before)
          this.sessions.set(s.id, { ...held, archived: s.archived });
        if (all) await this.catchUp(s.id);
      }
    }
  }

  /** Listens for changes; returns the function that stops listening. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** The live state of a session, or undefined. */
  state(id: string): SessionState | undefined {
    return this.sessions.get(id)?.state;
  }

  list(): readonly HubSession[] {
    return [...this.sessions.values()];
  }

  /**
   * Adds a session from a parsed programme; refused when its id is taken, here or elsewhere, or
   * when its own list of States Parties names anything but a State of the list in effect. A
   * programme without one is stored with the States Parties of its day, so the session keeps
   * its precedence whatever list Gavel is later started with.
   */
  async create(given: Programme): Promise<GavelError | null> {
    const taken = refuse('not-allowed', 'session-id-taken', { id: given.id });
    if (this.sessions.has(given.id)) return taken;
    const createdAt = this.clock.now();
    const resolved = this.withStatesParties(given, createdAt);
    if (!resolved.ok) return programmeError(resolved.problems);
    // What the secretariat's list adds to the shipped one travels with the session.
    const added = changesToShipped(
      this.delegations.delegations,
      DELEGATIONS,
      resolved.programme.statesParties ?? null,
    );
    const programme: Programme =
      added.length === 0 ? resolved.programme : { ...resolved.programme, delegations: added };
    let created: boolean;
    try {
      created = await this.log.createSession(programme, createdAt);
    } catch (error) {
      this.logger.error(`Could not create "${programme.id}" in the log: ${String(error)}`);
      return UNAVAILABLE;
    }
    if (!created) {
      await this.refreshSessions();
      return taken;
    }
    this.listChanges += 1;
    if (!this.sessions.has(programme.id)) {
      this.sessions.set(programme.id, {
        id: programme.id,
        createdAt,
        archived: false,
        state: initialState(programme),
      });
    }
    this.bus.publish({ type: 'sessions' });
    return null;
  }

  /** The programme with its States Parties (`withStatesParties`), today being the day of `at`. */
  withStatesParties(programme: Programme, at: number = this.clock.now()) {
    const { year, month, day } = zonedParts(at, programme.timeZone);
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const today = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    return withStatesParties(programme, this.delegations, today);
  }

  /** Archives a session, or takes it out of the archive. */
  async setArchived(id: string, archived: boolean): Promise<GavelError | null> {
    const session = this.sessions.get(id);
    if (!session) return unknownSession(id);
    try {
      await this.log.setArchived(id, archived);
    } catch (error) {
      this.logger.error(`Could not archive "${id}": ${String(error)}`);
      return UNAVAILABLE;
    }
    const now = this.sessions.get(id);
    if (now) this.sessions.set(id, { ...now, archived });
    this.listChanges += 1;
    this.bus.publish({ type: 'sessions' });
    return null;
  }

  /**
   * Deletes a session and its log. A meeting under way is refused: end it first, so that no
   * record disappears while people are speaking.
   */
  delete(id: string): Promise<GavelError | null> {
    return this.serial(id, async () => {
      try {
        await this.catchUpNow(id);
      } catch {
        // Decided on the state held; the delete below reports an unreachable log.
      }
      const session = this.sessions.get(id);
      if (!session) return unknownSession(id);
      if (session.state.status === 'live' || session.state.status === 'suspended') {
        return refuse('not-allowed', 'session-under-way', { id });
      }
      try {
        await this.log.deleteSession(id);
      } catch (error) {
        this.logger.error(`Could not delete "${id}": ${String(error)}`);
        return UNAVAILABLE;
      }
      this.sessions.delete(id);
      this.listChanges += 1;
      this.bus.publish({ type: 'sessions' });
      // Listeners learn of it too: the live side then forgets the session's rooms and sockets.
      this.changed(id);
      return null;
    });
  }

  /**
   * Runs one command for an actor: validate, authorize, decide, persist, then tell. Never
   * rejects; the answer is the acknowledgement. Listeners hear of the change as soon as it is in
   * the log, in the same turn as the acknowledgement goes out.
   */
  command(sessionId: string, raw: unknown, actor: Actor): Promise<CommandAck> {
    if (!this.sessions.has(sessionId)) {
      return Promise.resolve({
        ok: false,
        error: unknownSession(sessionId),
      });
    }
    const parsed = parseCommand(raw);
    if (!parsed.ok) return Promise.resolve(parsed);
    const { command } = parsed;
    // The same check, and the same words, as the state machine's.
    const forbidden = authorize(actor, command.type);
    if (forbidden) return Promise.resolve({ ok: false, error: forbidden });
    return this.serial(
      sessionId,
      () => this.decideAndWrite(sessionId, command, actor),
      atTheChair(actor.role) ? 'chair' : 'audience',
    );
  }

  private async decideAndWrite(
    sessionId: string,
    command: Command,
    actor: Actor,
  ): Promise<CommandAck> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const session = this.sessions.get(sessionId);
      if (!session) {
        return {
          ok: false,
          error: unknownSession(sessionId),
        };
      }
      const now = this.clock.now();
      const result = execute(session.state, command, { now, actor });
      if (!result.ok) {
        // Another process may have moved the session a moment ago (its announcement still on the
        // way): a refusal stands only once the state it was decided on is the log's latest.
        if (!this.bus.shared || attempt > 0) return result;
        try {
          if (await this.catchUpNow(sessionId)) continue;
        } catch {
          // The log cannot be read now: the refusal stands as decided.
        }
        return result;
      }
      if (result.events.length === 0) return { ok: true, version: session.state.version };

      let outcome: AppendOutcome;
      try {
        outcome = await this.log.append({
          sessionId,
          version: result.state.version,
          actorRole: actor.role,
          command,
          events: result.events,
          at: now,
        });
      } catch (error) {
        // Not written means not done: the state stays as it was, and the sender is told.
        this.logger.error(`Could not write to the log of "${sessionId}": ${String(error)}`);
        return { ok: false, error: UNAVAILABLE };
      }
      if (outcome === 'taken') {
        // Another process took this version: fold what it wrote, then decide again.
        try {
          await this.catchUpNow(sessionId);
        } catch (error) {
          this.logger.error(`Could not catch up "${sessionId}" from the log: ${String(error)}`);
          return { ok: false, error: UNAVAILABLE };
        }
        continue;
      }
      const current = this.sessions.get(sessionId) ?? session;
      this.sessions.set(sessionId, { ...current, state: result.state });
      this.bus.publish({ type: 'version', session: sessionId, version: result.state.version });
      this.changed(sessionId);
      return { ok: true, version: result.state.version };
    }
    return {
      ok: false,
      error: refuse('unavailable', 'log-contended'),
    };
  }

  /** Stops listening to other processes. */
  close(): void {
    this.closed = true;
    for (const stop of this.stopBus.splice(0)) stop();
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
  }
}

/**
 * Folds log rows into a state, checking that the versions follow one another. A log that does not
 * add up is refused, not guessed at.
 */
export function fold(
  start: SessionState,
  rows: readonly LogRow[],
  sessionId: string,
  where: string,
): SessionState {
  let state = start;
  for (const row of rows) {
    if (row.version !== state.version + 1) {
      throw new StoreError(
        `The log of session "${sessionId}" in ${where} jumps from version ${state.version} to ${row.version}: it is damaged.`,
      );
    }
    for (const event of row.events) state = evolve(state, event);
    if (state.version !== row.version) {
      throw new StoreError(
        `The log of session "${sessionId}" in ${where} does not add up at version ${row.version}: it is damaged.`,
      );
    }
  }
  return state;
}
