/**
 * Holds the live state of every session and runs commands against it: validate (zod), authorize,
 * execute (the pure state machine), append to the log, acknowledge, then tell listeners. Every
 * refusal is a value with a code and a sentence; nothing here throws at a client.
 */
import { Command, COMMAND_TYPES, type CommandType } from '../shared/commands.ts';
import { fail, type GavelError } from '../shared/errors.ts';
import { evolve, execute } from '../shared/machine.ts';
import { describeIssues, type Programme } from '../shared/programme.ts';
import type { CommandAck } from '../shared/protocol.ts';
import { mayCommand, type Actor } from '../shared/roles.ts';
import { initialState, type SessionState } from '../shared/state.ts';
import type { Clock } from './clock.ts';
import { checkShape } from './limits.ts';
import type { Logger } from './logger.ts';
import { StoreError, type Store } from './store.ts';

/** One session the hub holds. */
export interface HubSession {
  readonly id: string;
  readonly createdAt: number;
  /** Put away after the meeting: still readable, no longer listed first. */
  readonly archived: boolean;
  readonly state: SessionState;
}

/** Called after a command changed a session, once its acknowledgement has gone out. */
export type ChangeListener = (sessionId: string) => void;

const KNOWN_TYPES: ReadonlySet<string> = new Set(COMMAND_TYPES);

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Why a role may not send a command, in words that tell the person what to do instead. */
function forbidden(actor: Actor, type: CommandType): GavelError {
  switch (actor.role) {
    case 'viewer':
      return fail(
        'forbidden',
        `This page only follows the meeting: ${type} needs the moderator's console.`,
      );
    case 'delegate':
      return fail(
        'forbidden',
        `A delegate's device may only ask for the floor or withdraw its own request: ${type} needs the moderator.`,
      );
    case 'stage':
      return fail(
        'forbidden',
        `The stage display only shows the meeting: ${type} needs the moderator.`,
      );
    case 'moderator':
      return fail('forbidden', `${type} is not a command the moderator sends.`);
    default: {
      actor.role satisfies never;
      return fail('forbidden', 'Unknown role.');
    }
  }
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
      error: fail(
        'invalid',
        'A command is a JSON object with a type, such as {"type":"speaker.next"}.',
      ),
    };
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string') {
    return {
      ok: false,
      error: fail('invalid', 'type: a command names its type as text, such as "speaker.next".'),
    };
  }
  if (!KNOWN_TYPES.has(type)) {
    return {
      ok: false,
      error: fail(
        'invalid',
        `type: ${quote(type)} is not a Gavel command (docs/api.md lists them).`,
      ),
    };
  }
  const parsed = Command.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return { ok: false, error: fail('invalid', `${type} is not valid: ${list}.`) };
  }
  return { ok: true, command: parsed.data };
}

/** The sessions of one server and the only door through which they change. */
export class SessionHub {
  private readonly sessions = new Map<string, HubSession>();
  private readonly listeners = new Set<ChangeListener>();

  private constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Rebuilds every session from its log: a fold of `evolve` over the stored events, checking that
   * the versions follow one another. A log that does not add up is refused, not guessed at.
   */
  static load(store: Store, clock: Clock, logger: Logger): SessionHub {
    try {
      return SessionHub.rebuild(store, clock, logger);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      // SQLite reports damage it finds while reading (SQLITE_CORRUPT) as it goes.
      throw new StoreError(
        `${store.path} cannot be read (${error instanceof Error ? error.message : String(error)}): Gavel left it untouched; restore a backup or move it away.`,
      );
    }
  }

  private static rebuild(store: Store, clock: Clock, logger: Logger): SessionHub {
    const hub = new SessionHub(store, clock, logger);
    for (const stored of store.sessions()) {
      let state = initialState(stored.programme);
      for (const row of store.log(stored.id)) {
        if (row.version !== state.version + 1) {
          throw new StoreError(
            `The log of session "${stored.id}" in ${store.path} jumps from version ${state.version} to ${row.version}: it is damaged.`,
          );
        }
        for (const event of row.events) state = evolve(state, event);
        if (state.version !== row.version) {
          throw new StoreError(
            `The log of session "${stored.id}" in ${store.path} does not add up at version ${row.version}: it is damaged.`,
          );
        }
      }
      hub.sessions.set(stored.id, {
        id: stored.id,
        createdAt: stored.createdAt,
        archived: stored.archived,
        state,
      });
    }
    return hub;
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

  /** Adds a session from a parsed programme; refused when its id is taken. */
  create(programme: Programme): GavelError | null {
    if (this.sessions.has(programme.id)) {
      return fail(
        'not-allowed',
        `A session with the id "${programme.id}" already exists on this server: give the programme another id.`,
      );
    }
    const createdAt = this.clock.now();
    this.store.createSession(programme, createdAt);
    this.sessions.set(programme.id, {
      id: programme.id,
      createdAt,
      archived: false,
      state: initialState(programme),
    });
    return null;
  }

  /** Archives a session, or takes it out of the archive. */
  setArchived(id: string, archived: boolean): GavelError | null {
    const session = this.sessions.get(id);
    if (!session) return fail('not-found', `There is no session "${id}" on this server.`);
    this.store.setArchived(id, archived);
    this.sessions.set(id, { ...session, archived });
    return null;
  }

  /**
   * Deletes a session and its log. A meeting under way is refused: end it first, so that no
   * record disappears while people are speaking.
   */
  delete(id: string): GavelError | null {
    const session = this.sessions.get(id);
    if (!session) return fail('not-found', `There is no session "${id}" on this server.`);
    if (session.state.status === 'live' || session.state.status === 'suspended') {
      return fail(
        'not-allowed',
        `"${id}" is under way: end the session before deleting it (its record goes with it).`,
      );
    }
    this.store.deleteSession(id);
    this.sessions.delete(id);
    // Listeners learn of it too: the live side then forgets the session's rooms and sockets.
    for (const listener of this.listeners) listener(id);
    return null;
  }

  /** Runs one command for an actor. Never throws; the answer is the acknowledgement. */
  command(sessionId: string, raw: unknown, actor: Actor): CommandAck {
    const session = this.sessions.get(sessionId);
    if (!session)
      return {
        ok: false,
        error: fail('not-found', `There is no session "${sessionId}" on this server.`),
      };
    const parsed = parseCommand(raw);
    if (!parsed.ok) return parsed;
    const { command } = parsed;
    if (!mayCommand(actor.role, command.type))
      return { ok: false, error: forbidden(actor, command.type) };

    const now = this.clock.now();
    const result = execute(session.state, command, { now, actor });
    if (!result.ok) return result;
    if (result.events.length === 0) return { ok: true, version: session.state.version };

    try {
      this.store.append({
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
      return {
        ok: false,
        error: fail(
          'unavailable',
          'The server could not write this command to its log, so it did not run: tell the technician (the disk may be full).',
        ),
      };
    }
    this.sessions.set(sessionId, { ...session, state: result.state });
    // After the acknowledgement: the caller sends it synchronously, listeners run next.
    queueMicrotask(() => {
      for (const listener of this.listeners) listener(sessionId);
    });
    return { ok: true, version: result.state.version };
  }
}
