/**
 * The state machine: `decide(state, command, ctx)` says which events a command causes, or why it
 * is refused; `evolve(state, event)` applies one event; `execute` is decide then evolve. Both
 * dispatch to the command's or the event's domain module through the registry. Pure: the time is
 * `ctx.now`, the actor is `ctx.actor`; nothing here reads a clock or does I/O.
 */
import type { Command } from './commands.ts';
import {
  Draft,
  lastFinishedTurn,
  type Context,
  type EnablementInput,
  type Evolver,
  type Outcome,
} from './domains/kit.ts';
import { availability } from './enablement.ts';
import type { GavelError } from './errors.ts';
import type { EventType, GavelEvent } from './events.ts';
import { refuse } from './refusals.ts';
import { COMMANDS, EVOLVERS } from './registry.ts';
import { atTheChair, authorize } from './roles.ts';
import { currentSegment, currentTurn, type SessionState } from './state.ts';

export type { Context } from './domains/kit.ts';
export { lastFinishedTurn, lookupDelegation } from './domains/kit.ts';
export {
  MAX_OPEN_REQUESTS_PER_DEVICE,
  MAX_REPLIES_PER_DELEGATION,
  REQUEST_INTERVAL_MS,
} from './domains/floor.ts';
export { UNDO_DEPTH } from './domains/undo.ts';

export type Decision =
  | { readonly ok: true; readonly events: readonly GavelEvent[] }
  | { readonly ok: false; readonly error: GavelError };

export type Execution =
  | { readonly ok: true; readonly state: SessionState; readonly events: readonly GavelEvent[] }
  | { readonly ok: false; readonly error: GavelError };

/** The facts `availability` reads, from the full state. Pure. */
export function enablementOf(state: SessionState): EnablementInput {
  const turn = currentTurn(state);
  return {
    status: state.status,
    floorStatus: state.floor.status,
    currentSegmentKind: currentSegment(state)?.kind ?? null,
    hasCurrentTurn: turn !== null,
    timerRunning: turn?.startedAt !== null && turn !== null,
    interrupted: state.interruptedTurnId !== null,
    queueLength: state.floor.queue.length,
    hasFinishedTurn: lastFinishedTurn(state) !== null,
    undoCount: state.undo.length,
  };
}

/** Applies one event. Pure and total: replay of a log is a fold of it. */
export function evolve(state: SessionState, event: GavelEvent): SessionState {
  const evolver = EVOLVERS[event.type] as Evolver<EventType>;
  const next = evolver(state, event, evolve);
  const withVersion = next.version === event.v ? next : { ...next, version: event.v };
  if (event.external && event.type !== 'undone' && withVersion.undo.length > 0) {
    const top = withVersion.undo[withVersion.undo.length - 1];
    if (top) {
      return {
        ...withVersion,
        undo: [...withVersion.undo.slice(0, -1), { ...top, since: [...top.since, event] }],
      };
    }
  }
  return withVersion;
}

/**
 * Decides a command: the events it causes, or the refusal. Checks, in order: the role may send
 * it, `expectedVersion`, the state allows it, then what it carries (its domain module). Pure.
 */
export function decide(state: SessionState, command: Command, ctx: Context): Decision {
  const forbidden = authorize(ctx.actor, command.type);
  if (forbidden) return { ok: false, error: forbidden };
  if (command.expectedVersion !== undefined && command.expectedVersion !== state.version) {
    return {
      ok: false,
      error: refuse('stale', 'stale', {
        version: state.version,
        expected: command.expectedVersion,
      }),
    };
  }
  const refused = availability(enablementOf(state), command.type);
  if (refused) return { ok: false, error: refused };

  // The floor officer's commands are the chair's table's too: the moderator's undo reaches them.
  const chair = atTheChair(ctx.actor.role);
  const d = new Draft(state, ctx.now, !chair, evolve);
  if (chair && command.type !== 'undo') d.emit({ type: 'checkpointed', commandType: command.type });
  const decideIt = COMMANDS[command.type].decide as (d: Draft, c: Command, x: Context) => Outcome;
  const error = decideIt(d, command, ctx);
  if (error) return { ok: false, error };
  return { ok: true, events: d.events };
}

/** Decides then evolves. Pure. */
export function execute(state: SessionState, command: Command, ctx: Context): Execution {
  const decision = decide(state, command, ctx);
  if (!decision.ok) return decision;
  return { ok: true, state: decision.events.reduce(evolve, state), events: decision.events };
}
