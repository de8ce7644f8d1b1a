/**
 * What every domain module is made of: the shape of a command's entry in the registry
 * (`defineCommand`) and of an event's (`defineEvolvers`), the draft a decision writes its events
 * into, the guards `availability` is built from, and the small edits evolvers make to the state.
 * Pure.
 */
import type { z } from 'zod';
import { findDelegation, type Delegation } from '../delegations.ts';
import type { GavelError } from '../errors.ts';
import type { EventBody, EventType, GavelEvent } from '../events.ts';
import { categoryAmong } from '../membership.ts';
import { refuse, type RefusalKey, type RefusalParams } from '../refusals.ts';
import type { Actor, Role } from '../roles.ts';
import type {
  DelegationRef,
  FloorRequest,
  FloorStatus,
  LiveItem,
  LiveSegment,
  SessionState,
  SessionStatus,
  Turn,
} from '../state.ts';
import { elapsedAt } from '../timer.ts';

/* ------------------------------------------------------------------------------------------ */
/* The registry's shapes                                                                      */
/* ------------------------------------------------------------------------------------------ */

export interface Context {
  /** Server time, epoch ms. */
  readonly now: number;
  readonly actor: Actor;
}

/** A refusal, or null when the step went through. */
export type Outcome = GavelError | null;

/** The facts `availability` reads; built from the server's state or from any view. */
export interface EnablementInput {
  readonly status: SessionStatus;
  readonly floorStatus: FloorStatus;
  readonly currentSegmentKind: 'panel' | 'floor' | null;
  readonly hasCurrentTurn: boolean;
  readonly timerRunning: boolean;
  readonly interrupted: boolean;
  readonly queueLength: number;
  readonly hasFinishedTurn: boolean;
  readonly undoCount: number;
}

/** One command's entry: its schema, who may send it, when, and what it decides. */
export interface CommandSpec<C extends { readonly type: string }> {
  readonly schema: z.ZodType<C>;
  /** The roles that may send it. */
  readonly roles: readonly Role[];
  /** Null when the state allows it, before looking at what it carries; else the refusal. */
  readonly available: (s: EnablementInput) => GavelError | null;
  /** True for the few commands an ended session still takes. */
  readonly afterEnd: boolean;
  /** Writes the events it causes into the draft, or returns the refusal. */
  readonly decide: (d: Draft, command: C, ctx: Context) => Outcome;
}

interface Rules<C extends { readonly type: string }> {
  readonly roles: readonly Role[];
  readonly available?: (s: EnablementInput) => GavelError | null;
  readonly afterEnd?: true;
  readonly decide: (d: Draft, command: C, ctx: Context) => Outcome;
}

/** A command's registry entry; `decide` gets the command as its schema parses it. */
export function defineCommand<S extends z.ZodObject<{ type: z.ZodLiteral<string> }>>(
  schema: S,
  rules: Rules<z.output<S>>,
): CommandSpec<z.output<S>> & { readonly schema: S } {
  return {
    // A schema's output is its own `z.output`; the compiler cannot see it through the generic.
    schema: schema as S & z.ZodType<z.output<S>>,
    roles: rules.roles,
    available: rules.available ?? (() => null),
    afterEnd: rules.afterEnd ?? false,
    decide: rules.decide,
  };
}

export type EventOf<E extends EventType> = Extract<GavelEvent, { type: E }>;
/** Applies one event; replay of a log is a fold of `evolve` over it. */
export type Evolve = (state: SessionState, event: GavelEvent) => SessionState;
/** How one event changes the state. `evolve` is there for the event that replays others. */
export type Evolver<E extends EventType> = (
  state: SessionState,
  event: EventOf<E>,
  evolve: Evolve,
) => SessionState;

/** A domain's evolvers, one per event it owns. */
export function defineEvolvers<E extends EventType>(table: { readonly [K in E]: Evolver<K> }): {
  readonly [K in E]: Evolver<K>;
} {
  return table;
}

export const MODERATOR: readonly Role[] = ['moderator'];

/**
 * The people at the chair's table, who send commands with a token: their commands go in the
 * chair's lane (never behind the audience), are kept for the moderator's undo, and inscribe
 * delegations on their behalf. Pure.
 */
export function atTheChair(role: Role): boolean {
  return role === 'moderator' || role === 'floor-officer';
}
export const DELEGATE_OR_MODERATOR: readonly Role[] = ['delegate', 'moderator'];
/**
 * The list of speakers' commands: the floor officer keeps the list beside the chair (inscribes,
 * approves, declines, orders, opens and closes it, gives the floor), never the timer, the session
 * or the programme.
 */
export const FLOOR_STAFF: readonly Role[] = ['floor-officer', 'moderator'];
/** A delegate asks for the floor (and withdraws) from its phone; the chair's table on its behalf. */
export const DELEGATE_OR_FLOOR_STAFF: readonly Role[] = ['delegate', 'floor-officer', 'moderator'];

/* ------------------------------------------------------------------------------------------ */
/* Deciding                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** Accumulates the events of one command, keeping the state they lead to in step. */
export class Draft {
  readonly events: GavelEvent[] = [];
  constructor(
    public state: SessionState,
    readonly now: number,
    private readonly external: boolean,
    private readonly evolve: Evolve,
  ) {}
  emit(body: EventBody): void {
    const event = {
      ...body,
      at: this.now,
      v: this.state.version + (this.events.length === 0 ? 1 : 0),
      ...(this.external ? { external: true as const } : {}),
    } as GavelEvent;
    this.events.push(event);
    this.state = this.evolve(this.state, event);
  }
}

/** A keyed `not-allowed` refusal. */
export const notAllowed = (key: RefusalKey, params?: RefusalParams): GavelError =>
  refuse('not-allowed', key, params);
/** A keyed `invalid` refusal: what the command carries does not fit the state. */
export const invalid = (key: RefusalKey, params?: RefusalParams): GavelError =>
  refuse('invalid', key, params);

export const itemNotFound = (item: string) => refuse('not-found', 'item-not-found', { item });
export const segmentNotFound = (segment: string) =>
  refuse('not-found', 'segment-not-found', { segment });
export const requestNotFound = (request: string) =>
  refuse('not-found', 'request-not-found', { request });
export const turnNotFound = (turn: string) => refuse('not-found', 'turn-not-found', { turn });
export const itemNotInSegment = (item: string, segment: string) =>
  refuse('not-found', 'item-not-in-segment', { item, segment });

/* ------------------------------------------------------------------------------------------ */
/* Guards of availability                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** The session must be live for speakers and timers to move. */
export function needLive(s: EnablementInput): GavelError | null {
  if (s.status === 'scheduled') return notAllowed('not-started');
  if (s.status === 'suspended') return notAllowed('suspended');
  return null;
}

/** Live or suspended: the meeting has started and not ended. */
export function needStarted(s: EnablementInput): GavelError | null {
  return s.status === 'scheduled' ? notAllowed('not-started') : null;
}

export function needTurn(s: EnablementInput): GavelError | null {
  return needStarted(s) ?? (s.hasCurrentTurn ? null : notAllowed('no-turn'));
}

export function needNoPointOfOrder(s: EnablementInput): GavelError | null {
  return s.interrupted ? notAllowed('point-of-order') : null;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading and editing the state                                                              */
/* ------------------------------------------------------------------------------------------ */

/** The most recent ended turn that a recall can repeat (points of order are not recalled). */
export function lastFinishedTurn(state: SessionState): Turn | null {
  let best: Turn | null = null;
  for (const turn of state.turns) {
    if (turn.endedAt === null || turn.kind === 'point-of-order') continue;
    if (best === null || (best.endedAt ?? 0) <= turn.endedAt) best = turn;
  }
  return best;
}

/**
 * Every delegation a session knows: the session's additions (as the moderator categorised them)
 * and the shipped list, a State there taking its category on the meeting's day.
 */
export function lookupDelegation(state: SessionState, id: string): Delegation | undefined {
  const added = state.extraDelegations.find((d) => d.id === id);
  if (added) return added;
  const listed = findDelegation(id);
  return listed && onTheDay(state, listed);
}

/** A listed delegation with its category on the meeting's day (`categoryAmong`). Pure. */
export function onTheDay(state: SessionState, listed: Delegation): Delegation {
  const category = categoryAmong(listed.id, listed.category, state.statesParties);
  return category === listed.category ? listed : { ...listed, category };
}

export function refOf(d: Delegation): DelegationRef {
  return { id: d.id, en: d.en, fr: d.fr };
}

export function mapTurn(state: SessionState, turnId: string, f: (t: Turn) => Turn): SessionState {
  return { ...state, turns: state.turns.map((t) => (t.id === turnId ? f(t) : t)) };
}

export function mapItem(
  state: SessionState,
  itemId: string,
  f: (i: LiveItem) => LiveItem,
): SessionState {
  return {
    ...state,
    segments: state.segments.map((s) =>
      s.items.some((i) => i.id === itemId)
        ? { ...s, items: s.items.map((i) => (i.id === itemId ? f(i) : i)) }
        : s,
    ),
  };
}

export function mapSegment(
  state: SessionState,
  segmentId: string,
  f: (s: LiveSegment) => LiveSegment,
): SessionState {
  return { ...state, segments: state.segments.map((s) => (s.id === segmentId ? f(s) : s)) };
}

export function mapRequest(
  state: SessionState,
  requestId: string,
  f: (r: FloorRequest) => FloorRequest,
): SessionState {
  return {
    ...state,
    floor: {
      ...state.floor,
      requests: state.floor.requests.map((r) => (r.id === requestId ? f(r) : r)),
    },
  };
}

export function dequeue(state: SessionState, requestId: string): SessionState {
  return {
    ...state,
    floor: { ...state.floor, queue: state.floor.queue.filter((id) => id !== requestId) },
  };
}

export function pauseTurn(turn: Turn, at: number): Turn {
  if (turn.startedAt === null) return turn;
  return { ...turn, elapsedMs: elapsedAt(turn, at), startedAt: null };
}
