/**
 * The state machine: `decide(state, command, ctx)` says which events a command causes, or why it
 * is refused; `evolve(state, event)` applies one event; `execute` is decide then evolve. Pure: the
 * time is `ctx.now`, the actor is `ctx.actor`; nothing here reads a clock or does I/O.
 */
import { categoryRank, type Category } from './categories.ts';
import type { Command, CommandOf, ItemChanges, ItemInput } from './commands.ts';
import { DELEGATIONS, findDelegation, type Delegation } from './delegations.ts';
import { availability, type EnablementInput } from './enablement.ts';
import { fail, type GavelError } from './errors.ts';
import { refuse } from './refusals.ts';
import type { EventBody, GavelEvent } from './events.ts';
import {
  DEFAULT_REQUEST_TIMES_MS,
  itemFromFile,
  requestTimesFromFile,
  resolveThresholds,
  type Item,
  type RequestKind,
} from './programme.ts';
import { mayCommand, PERMISSIONS, type Actor } from './roles.ts';
import {
  currentSegment,
  currentTurn,
  findItem,
  findRequest,
  findTurn,
  type DelegationRef,
  type FloorRequest,
  type LiveItem,
  type LiveSegment,
  type SessionState,
  type Turn,
} from './state.ts';
import { parseDuration } from './duration.ts';
import { elapsedAt } from './timer.ts';

export interface Context {
  /** Server time, epoch ms. */
  readonly now: number;
  readonly actor: Actor;
}

export type Decision =
  | { readonly ok: true; readonly events: readonly GavelEvent[] }
  | { readonly ok: false; readonly error: GavelError };

export type Execution =
  | { readonly ok: true; readonly state: SessionState; readonly events: readonly GavelEvent[] }
  | { readonly ok: false; readonly error: GavelError };

/** How many moderator commands `undo` can reach back. */
export const UNDO_DEPTH = 50;
/** A device may ask for the floor once per this many ms. */
export const REQUEST_INTERVAL_MS = 10_000;
/** A device may hold at most this many open requests. */
export const MAX_OPEN_REQUESTS_PER_DEVICE = 3;
/** Rights of reply per delegation per session. */
export const MAX_REPLIES_PER_DELEGATION = 2;

const OPEN_REQUEST: ReadonlySet<string> = new Set(['requested', 'queued', 'speaking']);

/* ------------------------------------------------------------------------------------------ */
/* Reading the state                                                                          */
/* ------------------------------------------------------------------------------------------ */

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

/** The most recent ended turn that a recall can repeat (points of order are not recalled). */
export function lastFinishedTurn(state: SessionState): Turn | null {
  let best: Turn | null = null;
  for (const turn of state.turns) {
    if (turn.endedAt === null || turn.kind === 'point-of-order') continue;
    if (best === null || (best.endedAt ?? 0) <= turn.endedAt) best = turn;
  }
  return best;
}

/** Every delegation a session knows: the shipped list and the session's additions. */
export function lookupDelegation(state: SessionState, id: string): Delegation | undefined {
  return state.extraDelegations.find((d) => d.id === id) ?? findDelegation(id);
}

function refOf(d: Delegation): DelegationRef {
  return { id: d.id, en: d.en, fr: d.fr };
}

const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .trim()
    .toLowerCase();

/**
 * A delegation typed by name ("France", "Côte d'Ivoire", "Allemagne") is the listed one, so it
 * gets its category and counts as itself for the one-open-request rule.
 */
function findByName(state: SessionState, name: string): Delegation | undefined {
  const wanted = folded(name);
  const match = (d: Delegation) => folded(d.en) === wanted || folded(d.fr) === wanted;
  return state.extraDelegations.find(match) ?? DELEGATIONS.find(match);
}

/** A delegation id from the lists, or free text: then its id is null and its category `other`. */
function resolveDelegation(
  state: SessionState,
  input: string,
): { ref: DelegationRef; category: Category } {
  const known =
    lookupDelegation(state, input) ??
    lookupDelegation(state, input.toLowerCase()) ??
    findByName(state, input);
  if (known) return { ref: refOf(known), category: known.category };
  return { ref: { id: null, en: input, fr: input }, category: 'other' };
}

/** The precedence of a queued request: points of order, answers, statements and questions by category, replies. */
function precedence(r: FloorRequest): readonly [number, number, number] {
  switch (r.kind) {
    case 'point-of-order':
      return [0, 0, r.seq];
    case 'answer':
      return [1, 0, r.seq];
    case 'statement':
    case 'question':
      return [2, categoryRank(r.category), r.seq];
    case 'reply':
      return [3, 0, r.seq];
    default: {
      r.kind satisfies never;
      return [9, 0, r.seq];
    }
  }
}

function before(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/**
 * Places a newly queued request: before the first request not moved by hand that it precedes,
 * else at the end. Requests the moderator moved keep their places. Pure.
 */
function insertByPrecedence(
  queue: readonly string[],
  requests: readonly FloorRequest[],
  request: FloorRequest,
): string[] {
  const key = precedence(request);
  const out = queue.filter((id) => id !== request.id);
  const at = out.findIndex((id) => {
    const other = requests.find((r) => r.id === id);
    return other !== undefined && !other.moved && before(key, precedence(other));
  });
  if (at === -1) out.push(request.id);
  else out.splice(at, 0, request.id);
  return out;
}

/** The floor segment a request given now belongs to: the current one, else the next one. */
function floorSegmentFor(state: SessionState): LiveSegment | null {
  const current = currentSegment(state);
  if (current?.kind === 'floor') return current;
  const from = current ? state.segments.indexOf(current) : 0;
  return state.segments.slice(from).find((s) => s.kind === 'floor') ?? null;
}

/** True when a floor segment follows the given one: a queued request then waits for it. */
function laterFloorSegment(state: SessionState, segmentId: string | null): boolean {
  const index = state.segments.findIndex((s) => s.id === segmentId);
  return state.segments.slice(index + 1).some((s) => s.kind === 'floor');
}

/* ------------------------------------------------------------------------------------------ */
/* evolve                                                                                     */
/* ------------------------------------------------------------------------------------------ */

function mapTurn(state: SessionState, turnId: string, f: (t: Turn) => Turn): SessionState {
  return { ...state, turns: state.turns.map((t) => (t.id === turnId ? f(t) : t)) };
}

function mapItem(state: SessionState, itemId: string, f: (i: LiveItem) => LiveItem): SessionState {
  return {
    ...state,
    segments: state.segments.map((s) =>
      s.items.some((i) => i.id === itemId)
        ? { ...s, items: s.items.map((i) => (i.id === itemId ? f(i) : i)) }
        : s,
    ),
  };
}

function mapSegment(
  state: SessionState,
  segmentId: string,
  f: (s: LiveSegment) => LiveSegment,
): SessionState {
  return { ...state, segments: state.segments.map((s) => (s.id === segmentId ? f(s) : s)) };
}

function mapRequest(
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

function dequeue(state: SessionState, requestId: string): SessionState {
  return {
    ...state,
    floor: { ...state.floor, queue: state.floor.queue.filter((id) => id !== requestId) },
  };
}

function enqueue(state: SessionState, requestId: string): SessionState {
  const request = findRequest(state, requestId);
  if (!request) return state;
  return {
    ...state,
    floor: {
      ...state.floor,
      queue: insertByPrecedence(state.floor.queue, state.floor.requests, request),
    },
  };
}

function pauseTurn(turn: Turn, at: number): Turn {
  if (turn.startedAt === null) return turn;
  return { ...turn, elapsedMs: elapsedAt(turn, at), startedAt: null };
}

/** Applies one event. Pure and total: replay of a log is a fold of it. */
export function evolve(state: SessionState, event: GavelEvent): SessionState {
  const next = apply(state, event);
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

function apply(state: SessionState, event: GavelEvent): SessionState {
  const at = event.at;
  switch (event.type) {
    case 'sessionStarted':
      return { ...state, status: 'live', startedAt: state.startedAt ?? at };
    case 'sessionSuspended':
      return { ...state, status: 'suspended' };
    case 'sessionResumed':
      return { ...state, status: 'live' };
    case 'sessionEnded': {
      return { ...state, status: 'ended', endedAt: at, currentSegmentId: null };
    }
    case 'sessionUpdated': {
      const { venue, ...rest } = event.changes;
      const meta = { ...state.meta, ...rest };
      if (venue === null) delete (meta as { venue?: string }).venue;
      else if (venue !== undefined) Object.assign(meta, { venue });
      return { ...state, meta };
    }
    case 'segmentEntered':
      return {
        ...mapSegment(state, event.segmentId, (s) => ({
          ...s,
          status: 'active',
          startedAt: s.startedAt ?? at,
          endedAt: null,
        })),
        currentSegmentId: event.segmentId,
      };
    case 'segmentEnded': {
      let s = mapSegment(state, event.segmentId, (seg) => ({
        ...seg,
        status: 'done',
        endedAt: at,
      }));
      s = markNotHeard(s, event.notHeard);
      return s.currentSegmentId === event.segmentId ? { ...s, currentSegmentId: null } : s;
    }
    case 'segmentUpdated':
      return mapSegment(state, event.segmentId, (s) => {
        const { timesMs, ...rest } = event.changes;
        const merged = { ...s, ...rest };
        return merged.kind === 'floor' && timesMs ? { ...merged, timesMs } : merged;
      });
    case 'turnBegan': {
      const { turn } = event;
      let s: SessionState = {
        ...state,
        turns: [...state.turns, turn],
        currentTurnId: turn.id,
        seq: state.seq + 1,
      };
      s = mapItem(s, turn.itemId, (i) => ({ ...i, status: 'speaking' }));
      if (turn.requestId !== null)
        s = mapRequest(s, turn.requestId, (r) => ({ ...r, status: 'speaking' }));
      return s;
    }
    case 'turnEnded': {
      const turn = findTurn(state, event.turnId);
      if (!turn) return state;
      let s = mapTurn(state, turn.id, (t) => ({ ...pauseTurn(t, at), endedAt: at }));
      s = mapItem(s, turn.itemId, (i) => ({ ...i, status: 'done' }));
      if (turn.requestId !== null)
        s = mapRequest(s, turn.requestId, (r) => ({ ...r, status: 'done' }));
      return s.currentTurnId === turn.id ? { ...s, currentTurnId: null } : s;
    }
    case 'turnInterrupted':
      return {
        ...mapTurn(state, event.turnId, (t) => ({
          ...pauseTurn(t, at),
          interruptedBy: [...t.interruptedBy, event.byTurnId],
        })),
        interruptedTurnId: event.turnId,
      };
    case 'turnResumed':
      return { ...state, currentTurnId: event.turnId, interruptedTurnId: null };
    case 'timerStarted':
      return mapTurn(state, event.turnId, (t) => ({
        ...t,
        startedAt: at,
        firstStartedAt: t.firstStartedAt ?? at,
      }));
    case 'timerPaused':
      return mapTurn(state, event.turnId, (t) => pauseTurn(t, at));
    case 'timerAdjusted':
      return mapTurn(state, event.turnId, (t) => ({
        ...t,
        grantedMs: t.grantedMs + event.deltaMs,
      }));
    case 'timerSet':
      return mapTurn(state, event.turnId, (t) => ({ ...t, grantedMs: event.grantedMs }));
    case 'timerReset':
      return mapTurn(state, event.turnId, (t) => ({
        ...t,
        grantedMs: t.plannedMs,
        elapsedMs: 0,
        startedAt: null,
      }));
    case 'itemSkipped':
      return mapItem(state, event.itemId, (i) => ({ ...i, status: 'skipped' }));
    case 'itemAdded':
      return {
        ...mapSegment(state, event.segmentId, (s) => {
          const items = [...s.items];
          items.splice(event.index, 0, event.item);
          return { ...s, items };
        }),
        seq: state.seq + 1,
      };
    case 'itemUpdated':
      return mapItem(state, event.item.id, (i) => ({ ...event.item, status: i.status }));
    case 'itemMoved': {
      const found = findItem(state, event.itemId);
      if (!found) return state;
      const without = mapSegment(state, found.segment.id, (s) => ({
        ...s,
        items: s.items.filter((i) => i.id !== event.itemId),
      }));
      return mapSegment(without, event.segmentId, (s) => {
        const items = [...s.items];
        items.splice(event.toIndex, 0, found.item);
        return { ...s, items };
      });
    }
    case 'itemRemoved':
      return {
        ...state,
        segments: state.segments.map((s) => ({
          ...s,
          items: s.items.filter((i) => i.id !== event.itemId),
        })),
      };
    case 'messageShown':
      return { ...state, message: event.message };
    case 'messageCleared':
      return { ...state, message: null };
    case 'stageBlanked':
      return { ...state, stage: { ...state.stage, blank: event.on } };
    case 'stageFlashed':
      return { ...state, stage: { ...state.stage, flashAt: at } };
    case 'floorOpened':
      return { ...state, floor: { ...state.floor, status: 'open', floorCode: event.floorCode } };
    case 'floorClosed':
      return { ...state, floor: { ...state.floor, status: 'closed' } };
    case 'floorRequested': {
      const s: SessionState = {
        ...state,
        floor: { ...state.floor, requests: [...state.floor.requests, event.request] },
        seq: state.seq + 1,
      };
      return event.request.status === 'queued' ? enqueue(s, event.request.id) : s;
    }
    case 'floorWithdrawn':
      return dequeue(
        mapRequest(state, event.requestId, (r) => ({ ...r, status: 'withdrawn' })),
        event.requestId,
      );
    case 'floorApproved':
      return enqueue(
        mapRequest(state, event.requestId, (r) => ({
          ...r,
          status: 'queued',
          category: event.category,
        })),
        event.requestId,
      );
    case 'floorDeclined':
      return dequeue(
        mapRequest(state, event.requestId, (r) => ({
          ...r,
          status: 'declined',
          reason: event.reason,
        })),
        event.requestId,
      );
    case 'floorMoved': {
      const queue = state.floor.queue.filter((id) => id !== event.requestId);
      queue.splice(event.toIndex, 0, event.requestId);
      const moved = mapRequest(state, event.requestId, (r) => ({ ...r, moved: true }));
      return { ...moved, floor: { ...moved.floor, queue } };
    }
    case 'floorGiven':
      return dequeue(
        mapRequest(state, event.requestId, (r) => ({
          ...r,
          status: r.status === 'requested' ? 'queued' : r.status,
          turnId: event.turnId,
          segmentId: event.segmentId,
        })),
        event.requestId,
      );
    case 'delegationAdded':
      return { ...state, extraDelegations: [...state.extraDelegations, event.delegation] };
    case 'recordCorrected': {
      const { turnId, type: _type, v: _v, at: correctedAt, external: _external, ...fields } = event;
      return mapTurn(state, turnId, (t) => ({
        ...t,
        corrections: [...t.corrections, { at: correctedAt, ...fields }],
      }));
    }
    case 'checkpointed': {
      const entry = {
        commandType: event.commandType,
        at,
        version: event.v,
        before: { ...state, undo: [] },
        since: [],
      };
      return { ...state, undo: [...state.undo, entry].slice(-UNDO_DEPTH) };
    }
    case 'undone': {
      const top = state.undo[state.undo.length - 1];
      if (!top) return state;
      let restored: SessionState = { ...top.before, undo: state.undo.slice(0, -1) };
      for (const later of top.since as GavelEvent[]) restored = evolve(restored, later);
      return { ...restored, seq: Math.max(state.seq, restored.seq), version: event.v };
    }
    default: {
      event satisfies never;
      return state;
    }
  }
}

function markNotHeard(state: SessionState, ids: readonly string[]): SessionState {
  let s = state;
  for (const id of ids) {
    s = dequeue(
      mapRequest(s, id, (r) => ({
        ...r,
        status: 'not-heard',
        reason:
          r.status === 'requested'
            ? 'not approved before the list ended'
            : 'not reached before the list ended',
      })),
      id,
    );
  }
  return s;
}

/* ------------------------------------------------------------------------------------------ */
/* decide                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** Accumulates the events of one command, keeping the state they lead to in step. */
class Draft {
  readonly events: GavelEvent[] = [];
  constructor(
    public state: SessionState,
    readonly now: number,
    private readonly external: boolean,
  ) {}
  emit(body: EventBody): void {
    const event = {
      ...body,
      at: this.now,
      v: this.state.version + (this.events.length === 0 ? 1 : 0),
      ...(this.external ? { external: true as const } : {}),
    } as GavelEvent;
    this.events.push(event);
    this.state = evolve(this.state, event);
  }
}

const notAllowed = (message: string) => fail('not-allowed', message);
const notFound = (what: string) => fail('not-found', `${what} is not in this session.`);

type Outcome = GavelError | null;

/**
 * Decides a command: the events it causes, or the refusal. Checks, in order: the role may send
 * it, `expectedVersion`, the state allows it, then what it carries. Pure.
 */
export function decide(state: SessionState, command: Command, ctx: Context): Decision {
  if (!mayCommand(ctx.actor.role, command.type)) {
    const who = PERMISSIONS[command.type].includes('delegate')
      ? "a delegate's device or the moderator"
      : 'the moderator';
    return {
      ok: false,
      error: fail(
        'forbidden',
        `A ${ctx.actor.role} may not send ${command.type}: it needs ${who}.`,
      ),
    };
  }
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

  const moderator = ctx.actor.role === 'moderator';
  const d = new Draft(state, ctx.now, !moderator);
  if (moderator && command.type !== 'undo')
    d.emit({ type: 'checkpointed', commandType: command.type });
  const error = run(d, command, ctx);
  if (error) return { ok: false, error };
  return { ok: true, events: d.events };
}

/** Decides then evolves. Pure. */
export function execute(state: SessionState, command: Command, ctx: Context): Execution {
  const decision = decide(state, command, ctx);
  if (!decision.ok) return decision;
  return { ok: true, state: decision.events.reduce(evolve, state), events: decision.events };
}

function run(d: Draft, command: Command, ctx: Context): Outcome {
  switch (command.type) {
    case 'session.start':
      d.emit({ type: 'sessionStarted' });
      enterSegment(d, d.state.segments[0]?.id ?? null);
      return null;
    case 'session.suspend': {
      const turn = currentTurn(d.state);
      if (turn?.startedAt != null) d.emit({ type: 'timerPaused', turnId: turn.id });
      d.emit({ type: 'sessionSuspended' });
      return null;
    }
    case 'session.resume':
      d.emit({ type: 'sessionResumed' });
      return null;
    case 'session.end':
      return endSession(d);
    case 'session.update':
      if (Object.keys(command.changes).length === 0)
        return fail('invalid', 'changes: name at least one field to change.');
      d.emit({ type: 'sessionUpdated', changes: command.changes });
      return null;
    case 'speaker.next':
      return next(d, command);
    case 'speaker.call':
      return call(d, command);
    case 'speaker.finish':
      return finish(d);
    case 'speaker.skip': {
      const found = findItem(d.state, command.itemId);
      if (!found) return notFound(`Item "${command.itemId}"`);
      if (found.item.status !== 'upcoming') {
        return notAllowed(
          `"${found.item.speaker.name}" is ${found.item.status}: only an upcoming speaker can be skipped.`,
        );
      }
      d.emit({ type: 'itemSkipped', itemId: command.itemId });
      return null;
    }
    case 'speaker.recall':
      return recall(d, command);
    case 'segment.end':
      return endSegment(d);
    case 'segment.update':
      return updateSegment(d, command);
    case 'timer.start': {
      const turn = currentTurn(d.state);
      if (turn) d.emit({ type: 'timerStarted', turnId: turn.id });
      return null;
    }
    case 'timer.pause': {
      const turn = currentTurn(d.state);
      if (turn) d.emit({ type: 'timerPaused', turnId: turn.id });
      return null;
    }
    case 'timer.adjust': {
      const turn = currentTurn(d.state);
      if (!turn) return null;
      if (turn.grantedMs + command.deltaMs < 0) {
        return refuse('not-allowed', 'too-little-time');
      }
      d.emit({ type: 'timerAdjusted', turnId: turn.id, deltaMs: command.deltaMs });
      return null;
    }
    case 'timer.set': {
      const turn = currentTurn(d.state);
      if (turn) {
        d.emit({
          type: 'timerSet',
          turnId: turn.id,
          grantedMs: elapsedAt(turn, ctx.now) + command.remainingMs,
        });
      }
      return null;
    }
    case 'timer.reset': {
      const turn = currentTurn(d.state);
      if (turn) d.emit({ type: 'timerReset', turnId: turn.id });
      return null;
    }
    case 'message.show':
      d.emit({
        type: 'messageShown',
        message: {
          text: command.text,
          flash: command.flash ?? false,
          fullscreen: command.fullscreen ?? false,
          shownAt: ctx.now,
        },
      });
      return null;
    case 'message.clear':
      if (d.state.message === null) return notAllowed('There is no message on the stage to clear.');
      d.emit({ type: 'messageCleared' });
      return null;
    case 'stage.blank':
      if (d.state.stage.blank === command.on) {
        return notAllowed(command.on ? 'The stage is already blank.' : 'The stage is not blank.');
      }
      d.emit({ type: 'stageBlanked', on: command.on });
      return null;
    case 'stage.flash':
      d.emit({ type: 'stageFlashed' });
      return null;
    case 'item.add':
      return addItem(d, command);
    case 'item.update':
      return updateItem(d, command);
    case 'item.move':
      return moveItem(d, command);
    case 'item.remove': {
      const found = findItem(d.state, command.itemId);
      if (!found) return notFound(`Item "${command.itemId}"`);
      if (found.item.status === 'speaking')
        return notAllowed('The speaker who has the floor cannot be removed.');
      if (d.state.turns.some((t) => t.itemId === command.itemId)) {
        return notAllowed(
          `"${found.item.speaker.name}" has already spoken and stays in the record: skip instead.`,
        );
      }
      d.emit({ type: 'itemRemoved', itemId: command.itemId });
      return null;
    }
    case 'floor.open':
      if (d.state.floor.status === 'open' && command.floorCode === undefined) {
        return notAllowed('The list of speakers is already open.');
      }
      d.emit({
        type: 'floorOpened',
        floorCode: command.floorCode === undefined ? d.state.floor.floorCode : command.floorCode,
      });
      return null;
    case 'floor.close':
      d.emit({ type: 'floorClosed' });
      return null;
    case 'floor.request':
      return request(d, command, ctx);
    case 'floor.withdraw': {
      const found = findRequest(d.state, command.requestId);
      if (!found) return notFound(`Request "${command.requestId}"`);
      if (
        ctx.actor.role !== 'moderator' &&
        (found.deviceKey === null || found.deviceKey !== ctx.actor.deviceKey)
      ) {
        return fail(
          'forbidden',
          'Only the device that asked for the floor can withdraw its request.',
        );
      }
      if (found.status !== 'requested' && found.status !== 'queued') {
        return notAllowed(
          `This request is ${found.status}: only a waiting request can be withdrawn.`,
        );
      }
      d.emit({ type: 'floorWithdrawn', requestId: found.id });
      return null;
    }
    case 'floor.approve': {
      const found = findRequest(d.state, command.requestId);
      if (!found) return notFound(`Request "${command.requestId}"`);
      if (found.status !== 'requested')
        return notAllowed(`This request is ${found.status}: only a new request can be approved.`);
      d.emit({
        type: 'floorApproved',
        requestId: found.id,
        category: command.category ?? found.category,
      });
      return null;
    }
    case 'floor.decline': {
      const found = findRequest(d.state, command.requestId);
      if (!found) return notFound(`Request "${command.requestId}"`);
      if (found.status !== 'requested' && found.status !== 'queued') {
        return notAllowed(
          `This request is ${found.status}: only a waiting request can be declined.`,
        );
      }
      d.emit({ type: 'floorDeclined', requestId: found.id, reason: command.reason ?? null });
      return null;
    }
    case 'floor.move': {
      const found = findRequest(d.state, command.requestId);
      if (!found) return notFound(`Request "${command.requestId}"`);
      if (found.status !== 'queued')
        return notAllowed(`This request is ${found.status}: only a queued request can be moved.`);
      const last = d.state.floor.queue.length - 1;
      if (command.toIndex > last)
        return fail('invalid', `toIndex: must be from 0 to ${last}, the places in the queue.`);
      d.emit({ type: 'floorMoved', requestId: found.id, toIndex: command.toIndex });
      return null;
    }
    case 'floor.give':
      return give(d, command.requestId, command.start ?? false, ctx);
    case 'delegation.add': {
      if (lookupDelegation(d.state, command.id))
        return notAllowed(`The delegation id "${command.id}" is already taken.`);
      d.emit({
        type: 'delegationAdded',
        delegation: {
          id: command.id,
          en: command.en,
          fr: command.fr ?? command.en,
          category: command.category,
        },
      });
      return null;
    }
    case 'record.correct': {
      const turn = findTurn(d.state, command.turnId);
      if (!turn) return notFound(`Turn "${command.turnId}"`);
      if (turn.endedAt === null)
        return notAllowed('This turn is still running: correct it once it has ended.');
      // Checked against the figures as earlier corrections left them.
      const latest = (field: 'startedAt' | 'endedAt') =>
        turn.corrections.reduce<number | undefined>((v, c) => c[field] ?? v, undefined);
      const startedAt =
        command.startedAt ?? latest('startedAt') ?? turn.firstStartedAt ?? turn.calledAt;
      const endedAt = command.endedAt ?? latest('endedAt') ?? turn.endedAt;
      if (endedAt < startedAt) return fail('invalid', 'endedAt: must not be before startedAt.');
      const { type: _t, expectedVersion: _v, ...fields } = command;
      d.emit({ type: 'recordCorrected', ...fields });
      return null;
    }
    case 'undo': {
      const top = d.state.undo[d.state.undo.length - 1];
      if (!top) return notAllowed('There is nothing to undo.');
      d.emit({ type: 'undone', commandType: top.commandType });
      return null;
    }
    default: {
      command satisfies never;
      return fail('invalid', 'Unknown command.');
    }
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Speakers and segments                                                                      */
/* ------------------------------------------------------------------------------------------ */

function enterSegment(d: Draft, segmentId: string | null): void {
  if (segmentId !== null) d.emit({ type: 'segmentEntered', segmentId });
}

/** Requests still open when a list of speakers ends: they stay in the record as not heard. */
function openRequests(state: SessionState): string[] {
  return state.floor.requests
    .filter((r) => r.status === 'queued' || r.status === 'requested')
    .map((r) => r.id);
}

function endCurrentTurn(d: Draft): void {
  const turn = currentTurn(d.state);
  if (turn) d.emit({ type: 'turnEnded', turnId: turn.id });
}

function leaveSegment(d: Draft): void {
  const segment = currentSegment(d.state);
  if (!segment) return;
  const notHeard =
    segment.kind === 'floor' && !laterFloorSegment(d.state, segment.id)
      ? openRequests(d.state)
      : [];
  d.emit({ type: 'segmentEnded', segmentId: segment.id, notHeard });
}

function endSession(d: Draft): Outcome {
  const interrupted = d.state.interruptedTurnId;
  endCurrentTurn(d);
  if (interrupted !== null) {
    d.emit({ type: 'turnResumed', turnId: interrupted });
    endCurrentTurn(d);
  }
  const segment = currentSegment(d.state);
  if (segment)
    d.emit({ type: 'segmentEnded', segmentId: segment.id, notHeard: openRequests(d.state) });
  else if (openRequests(d.state).length > 0) {
    // No segment is running but requests wait: the list ends with the session.
    const last = [...d.state.segments].reverse().find((s) => s.kind === 'floor');
    if (last) d.emit({ type: 'segmentEnded', segmentId: last.id, notHeard: openRequests(d.state) });
  }
  d.emit({ type: 'sessionEnded' });
  return null;
}

function panelCategory(
  state: SessionState,
  item: Item,
): { ref: DelegationRef | null; category: Category } {
  const known = item.speaker.delegation
    ? lookupDelegation(state, item.speaker.delegation)
    : undefined;
  const ref = known
    ? refOf(known)
    : item.speaker.delegation
      ? { id: null, en: item.speaker.delegation, fr: item.speaker.delegation }
      : null;
  const speaksForDelegation =
    item.kind === 'statement' || item.kind === 'question' || item.kind === 'reply';
  return { ref, category: speaksForDelegation ? (known?.category ?? 'other') : 'panellist' };
}

interface TurnSpec {
  readonly segmentId: string;
  readonly item: Item;
  readonly request: FloorRequest | null;
  readonly start: boolean;
  readonly interrupts?: string;
  readonly recallOf?: string;
}

function beginTurn(d: Draft, spec: TurnSpec, now: number): void {
  const { item, request } = spec;
  const panel = panelCategory(d.state, item);
  const turn: Turn = {
    id: `t${d.state.seq + 1}`,
    segmentId: spec.segmentId,
    itemId: item.id,
    requestId: request?.id ?? null,
    kind: item.kind,
    speaker: item.speaker,
    delegation: request ? request.delegation : panel.ref,
    onBehalfOf: request?.onBehalfOf ?? null,
    category: request ? request.category : panel.category,
    plannedMs: item.allottedMs,
    grantedMs: item.allottedMs,
    elapsedMs: 0,
    startedAt: null,
    warningMs: item.warningMs,
    dangerMs: item.dangerMs,
    calledAt: now,
    firstStartedAt: null,
    endedAt: null,
    interrupts: spec.interrupts ?? null,
    interruptedBy: [],
    recallOf: spec.recallOf ?? null,
    corrections: [],
  };
  d.emit({ type: 'turnBegan', turn });
  if (spec.start) d.emit({ type: 'timerStarted', turnId: turn.id });
}

function next(d: Draft, command: CommandOf<'speaker.next'>): Outcome {
  const now = d.now;
  const start = command.start ?? false;
  const segment = currentSegment(d.state);
  if (!segment) return refuse('not-allowed', 'programme-over');
  if (segment.kind === 'floor') {
    const head = d.state.floor.queue[0];
    if (head === undefined) return refuse('not-allowed', 'list-empty');
    return give(d, head, start, { now, actor: { role: 'moderator' } }, true);
  }
  const upcoming = segment.items.find((i) => i.status === 'upcoming');
  if (upcoming) {
    endCurrentTurn(d);
    beginTurn(d, { segmentId: segment.id, item: upcoming, request: null, start }, now);
    return null;
  }
  const index = d.state.segments.indexOf(segment);
  const following = d.state.segments[index + 1];
  if (!following) {
    return refuse('not-allowed', 'no-speaker-after');
  }
  endCurrentTurn(d);
  leaveSegment(d);
  enterSegment(d, following.id);
  const first =
    following.kind === 'panel' ? following.items.find((i) => i.status === 'upcoming') : undefined;
  if (first) beginTurn(d, { segmentId: following.id, item: first, request: null, start }, now);
  return null;
}

function call(d: Draft, command: CommandOf<'speaker.call'>): Outcome {
  const now = d.now;
  const found = findItem(d.state, command.itemId);
  if (!found) return notFound(`Item "${command.itemId}"`);
  if (found.segment.kind === 'floor') {
    return notAllowed(
      'Speakers of the open floor are given the floor from the list of speakers, or recalled.',
    );
  }
  if (found.item.status === 'speaking')
    return notAllowed(`${found.item.speaker.name} already has the floor.`);
  endCurrentTurn(d);
  if (d.state.currentSegmentId !== found.segment.id) {
    leaveSegment(d);
    enterSegment(d, found.segment.id);
  }
  beginTurn(
    d,
    { segmentId: found.segment.id, item: found.item, request: null, start: command.start ?? false },
    now,
  );
  return null;
}

function finish(d: Draft): Outcome {
  const interrupted = d.state.interruptedTurnId;
  endCurrentTurn(d);
  if (interrupted !== null) d.emit({ type: 'turnResumed', turnId: interrupted });
  return null;
}

function recall(d: Draft, command: CommandOf<'speaker.recall'>): Outcome {
  const now = d.now;
  const last = lastFinishedTurn(d.state);
  if (!last) return notAllowed('Nobody has finished speaking yet: there is no one to recall.');
  if (last.segmentId !== d.state.currentSegmentId) {
    return notAllowed(
      'The last speaker spoke in an earlier segment: call them again from the programme instead.',
    );
  }
  const found = findItem(d.state, last.itemId);
  if (!found) return notAllowed('The last speaker is no longer in the programme.');
  const request = last.requestId === null ? null : findRequest(d.state, last.requestId);
  beginTurn(
    d,
    {
      segmentId: last.segmentId,
      item: found.item,
      request,
      start: command.start ?? false,
      recallOf: last.id,
    },
    now,
  );
  return null;
}

function endSegment(d: Draft): Outcome {
  const segment = currentSegment(d.state);
  if (!segment) return notAllowed('No segment is running.');
  endCurrentTurn(d);
  leaveSegment(d);
  const following = d.state.segments[d.state.segments.findIndex((s) => s.id === segment.id) + 1];
  if (following) enterSegment(d, following.id);
  return null;
}

function updateSegment(d: Draft, command: CommandOf<'segment.update'>): Outcome {
  const segment = d.state.segments.find((s) => s.id === command.segmentId);
  if (!segment) return notFound(`Segment "${command.segmentId}"`);
  const { title, budget, times } = command.changes;
  if (title === undefined && budget === undefined && times === undefined) {
    return fail('invalid', 'changes: name at least one field to change.');
  }
  if (times !== undefined && segment.kind !== 'floor') {
    return fail(
      'invalid',
      'changes.times: only an open-floor segment has times per kind of request.',
    );
  }
  d.emit({
    type: 'segmentUpdated',
    segmentId: segment.id,
    changes: {
      ...(title === undefined ? {} : { title }),
      ...(budget === undefined ? {} : { budgetMs: parseDuration(budget) ?? segment.budgetMs }),
      ...(times === undefined || segment.kind !== 'floor'
        ? {}
        : { timesMs: { ...segment.timesMs, ...pickTimes(times) } }),
    },
  });
  return null;
}

function pickTimes(
  times: NonNullable<CommandOf<'segment.update'>['changes']['times']>,
): Partial<Record<RequestKind, number>> {
  const all = requestTimesFromFile(times);
  const out: Partial<Record<RequestKind, number>> = {};
  for (const kind of Object.keys(times) as RequestKind[]) out[kind] = all[kind];
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* The programme while live                                                                   */
/* ------------------------------------------------------------------------------------------ */

function allItemIds(state: SessionState): Set<string> {
  return new Set(state.segments.flatMap((s) => s.items.map((i) => i.id)));
}

/** An item id made from `base` that no item of the programme has yet (a file may use any id). */
function freshItemId(state: SessionState, base: string): string {
  const ids = allItemIds(state);
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}.${n}`;
  return id;
}

function addItem(d: Draft, command: CommandOf<'item.add'>): Outcome {
  const segment = d.state.segments.find((s) => s.id === command.segmentId);
  if (!segment) return notFound(`Segment "${command.segmentId}"`);
  if (segment.kind !== 'panel') {
    return notAllowed(
      'Items of an open floor come from the list of speakers: inscribe a delegation instead.',
    );
  }
  const ids = allItemIds(d.state);
  if (command.item.id !== undefined && ids.has(command.item.id)) {
    return notAllowed(`The item id "${command.item.id}" is already taken.`);
  }
  let index = segment.items.length;
  if (command.beforeItemId !== undefined) {
    index = segment.items.findIndex((i) => i.id === command.beforeItemId);
    if (index === -1) return notFound(`Item "${command.beforeItemId}" in segment "${segment.id}"`);
  }
  const check = checkThresholds(command.item);
  if (check) return check;
  const id = command.item.id ?? freshItemId(d.state, `item-${d.state.seq + 1}`);
  const item: LiveItem = { ...itemFromFile({ ...command.item, id }), status: 'upcoming' };
  d.emit({ type: 'itemAdded', segmentId: segment.id, item, index });
  return null;
}

function checkThresholds(item: {
  warning?: number | string | null;
  danger?: number | string | null;
}): Outcome {
  const warning = item.warning == null ? null : parseDuration(item.warning);
  const danger = item.danger == null ? null : parseDuration(item.danger);
  if (warning !== null && danger !== null && danger > warning) {
    return fail(
      'invalid',
      'danger: must not be more than the warning time (danger comes after warning).',
    );
  }
  return null;
}

/** The item as a file would write it, to apply changes on. */
function itemAsInput(item: Item): ItemInput {
  return {
    id: item.id,
    kind: item.kind === 'point-of-order' ? 'statement' : item.kind,
    speaker: item.speaker,
    ...(item.topic === undefined ? {} : { topic: item.topic }),
    minutes: item.allottedMs / 60_000,
    warning: item.warningMs / 60_000,
    danger: item.dangerMs / 60_000,
    ...(item.note === undefined ? {} : { note: item.note }),
  };
}

function updateItem(d: Draft, command: CommandOf<'item.update'>): Outcome {
  const found = findItem(d.state, command.itemId);
  if (!found) return notFound(`Item "${command.itemId}"`);
  if (found.segment.kind !== 'panel')
    return notAllowed('Items of an open floor follow their request: they cannot be edited.');
  const changes: ItemChanges = command.changes;
  if (Object.keys(changes).length === 0)
    return fail('invalid', 'changes: name at least one field to change.');
  const current = itemAsInput(found.item);
  const minutesChanged = changes.minutes !== undefined;
  const merged: ItemInput = { ...current };
  for (const [key, value] of Object.entries(changes) as [keyof ItemChanges, unknown][]) {
    if (value === null) delete (merged as Record<string, unknown>)[key];
    else (merged as Record<string, unknown>)[key] = value;
  }
  // A new length brings new default thresholds unless they are given too.
  if (minutesChanged && changes.warning === undefined) delete merged.warning;
  if (minutesChanged && changes.danger === undefined) delete merged.danger;
  const check = checkThresholds(merged);
  if (check) return check;
  const item = itemFromFile({ ...merged, id: found.item.id });
  d.emit({ type: 'itemUpdated', item: { ...item, status: found.item.status } });
  return null;
}

function moveItem(d: Draft, command: CommandOf<'item.move'>): Outcome {
  const found = findItem(d.state, command.itemId);
  if (!found) return notFound(`Item "${command.itemId}"`);
  if (found.segment.kind !== 'panel')
    return notAllowed('Items of an open floor keep the order they were heard in.');
  const targetId = command.segmentId ?? found.segment.id;
  const target = d.state.segments.find((s) => s.id === targetId);
  if (!target) return notFound(`Segment "${targetId}"`);
  if (target.kind !== 'panel') return notAllowed('An item can only move into a panel segment.');
  if (found.item.status === 'speaking' && target.id !== found.segment.id) {
    return notAllowed('The speaker who has the floor stays in the current segment.');
  }
  const last = target.id === found.segment.id ? target.items.length - 1 : target.items.length;
  if (command.toIndex > last) return fail('invalid', `toIndex: must be from 0 to ${last}.`);
  if (target.id === found.segment.id && command.toIndex === found.index) {
    return notAllowed('The item is already at that place.');
  }
  d.emit({
    type: 'itemMoved',
    itemId: found.item.id,
    segmentId: target.id,
    toIndex: command.toIndex,
  });
  return null;
}

/* ------------------------------------------------------------------------------------------ */
/* The list of speakers                                                                       */
/* ------------------------------------------------------------------------------------------ */

function request(d: Draft, command: CommandOf<'floor.request'>, ctx: Context): Outcome {
  const state = d.state;
  const moderator = ctx.actor.role === 'moderator';
  const { kind } = command;
  const list = state.floor.status;

  if (!moderator) {
    if (kind === 'point-of-order' || kind === 'answer') {
      return fail(
        'forbidden',
        'Points of order and answers are inscribed by the secretariat: raise your nameplate.',
      );
    }
    if (command.category !== undefined) {
      return fail('forbidden', 'The secretariat sets the category of a delegation: leave it out.');
    }
    if (!ctx.actor.deviceKey)
      return fail('unauthorized', 'A request for the floor needs the device key of this browser.');
    if (list === 'not-open') return refuse('not-allowed', 'list-not-open-yet');
    if (list === 'closed' && kind !== 'reply') {
      return refuse('not-allowed', 'list-closed');
    }
    if (
      state.floor.floorCode !== null &&
      command.floorCode?.trim().toUpperCase() !== state.floor.floorCode.toUpperCase()
    ) {
      return refuse('forbidden', command.floorCode ? 'floor-code-wrong' : 'floor-code-needed');
    }
    const mine = state.floor.requests.filter((r) => r.deviceKey === ctx.actor.deviceKey);
    const latest = mine.reduce((max, r) => Math.max(max, r.requestedAt), -Infinity);
    if (ctx.now - latest < REQUEST_INTERVAL_MS) {
      const wait = REQUEST_INTERVAL_MS - (ctx.now - latest);
      return refuse('rate-limited', 'one-per-10s', { seconds: Math.ceil(wait / 1000) }, wait);
    }
    if (mine.filter((r) => OPEN_REQUEST.has(r.status)).length >= MAX_OPEN_REQUESTS_PER_DEVICE) {
      return refuse('not-allowed', 'three-open');
    }
  } else if (list === 'closed' && (kind === 'statement' || kind === 'question')) {
    return notAllowed(
      'The list of speakers is closed: reopen it to inscribe another statement or question.',
    );
  }
  if (kind === 'point-of-order' && state.status !== 'live') {
    return notAllowed('A point of order can only be raised while the meeting is live.');
  }

  let delegation: DelegationRef;
  let category: Category;
  if (kind === 'answer') {
    const panellist = findItem(state, command.delegation);
    if (!panellist || panellist.segment.kind !== 'panel') {
      return fail(
        'invalid',
        'delegation: for an answer, give the item id of the panellist who answers.',
      );
    }
    delegation = {
      id: panellist.item.id,
      en: panellist.item.speaker.name,
      fr: panellist.item.speaker.name,
    };
    category = 'panellist';
  } else {
    const resolved = resolveDelegation(state, command.delegation);
    delegation = resolved.ref;
    category = moderator && command.category !== undefined ? command.category : resolved.category;
  }

  let addressedTo: string | null = null;
  if (kind === 'question') {
    if (command.addressedTo === undefined)
      return fail('invalid', 'addressedTo: a question names the panellist it is for.');
    const panellist = findItem(state, command.addressedTo);
    if (!panellist || panellist.segment.kind !== 'panel') {
      return fail(
        'invalid',
        `addressedTo: "${command.addressedTo}" is not a panellist of this programme.`,
      );
    }
    addressedTo = panellist.item.id;
  } else if (command.addressedTo !== undefined) {
    return fail('invalid', 'addressedTo: only a question is addressed to a panellist.');
  }

  const key = delegation.id ?? delegation.en.toLowerCase();
  const sameKind = state.floor.requests.filter(
    (r) => r.kind === kind && (r.delegation.id ?? r.delegation.en.toLowerCase()) === key,
  );
  if (sameKind.some((r) => OPEN_REQUEST.has(r.status))) {
    return notAllowed(`${delegation.en} already has a ${kind} request open.`);
  }
  if (kind === 'reply') {
    const used = sameKind.filter((r) => r.status !== 'declined' && r.status !== 'withdrawn').length;
    if (used >= MAX_REPLIES_PER_DELEGATION) {
      return notAllowed(
        `${delegation.en} has already had its two rights of reply in this session.`,
      );
    }
  }

  const onBehalfOf =
    command.onBehalfOf === undefined ? null : resolveDelegation(state, command.onBehalfOf).ref;
  const seq = state.seq + 1;
  d.emit({
    type: 'floorRequested',
    request: {
      id: `r${seq}`,
      seq,
      delegation,
      category,
      kind,
      speakerName: command.speakerName ?? null,
      onBehalfOf,
      addressedTo,
      status: moderator ? 'queued' : 'requested',
      requestedAt: ctx.now,
      byModerator: moderator,
      deviceKey: moderator ? null : (ctx.actor.deviceKey ?? null),
      reason: null,
      moved: false,
      turnId: null,
      segmentId: null,
    },
  });
  return null;
}

function requestItem(state: SessionState, request: FloorRequest, segment: LiveSegment): LiveItem {
  const times =
    segment.kind === 'floor'
      ? segment.timesMs
      : (floorSegmentFor(state) as { timesMs?: Record<RequestKind, number> } | null)?.timesMs;
  const allottedMs = (times ?? DEFAULT_REQUEST_TIMES_MS)[request.kind];
  const addressed = request.addressedTo === null ? null : findItem(state, request.addressedTo);
  const name = request.speakerName ?? request.delegation.en;
  return {
    id: freshItemId(state, `${request.id}-${state.seq + 1}`),
    kind: request.kind,
    speaker: {
      name,
      ...(request.speakerName !== null ? { organisation: request.delegation.en } : {}),
      ...(request.delegation.id !== null ? { delegation: request.delegation.id } : {}),
    },
    ...(addressed
      ? { topic: `Question to ${addressed.item.speaker.name}`, addressedTo: addressed.item.id }
      : {}),
    allottedMs,
    ...resolveThresholds(allottedMs),
    requestId: request.id,
    status: 'upcoming',
  };
}

function give(d: Draft, requestId: string, start: boolean, ctx: Context, viaNext = false): Outcome {
  const found = findRequest(d.state, requestId);
  if (!found) return notFound(`Request "${requestId}"`);
  if (found.status !== 'queued' && found.status !== 'requested') {
    return notAllowed(
      `This request is ${found.status}: only a waiting request can be given the floor.`,
    );
  }
  const now = ctx.now;
  const interrupting = found.kind === 'point-of-order' && !viaNext;
  const segment = currentSegment(d.state);
  if (interrupting) {
    if (d.state.interruptedTurnId !== null)
      return notAllowed('A point of order is already being heard.');
    if (!segment)
      return notAllowed('No segment is running: a point of order interrupts a segment.');
    const interrupted = currentTurn(d.state);
    const item = requestItem(d.state, found, segment);
    const afterIndex = interrupted
      ? segment.items.findIndex((i) => i.id === interrupted.itemId) + 1
      : segment.items.length;
    d.emit({
      type: 'itemAdded',
      segmentId: segment.id,
      item,
      index: afterIndex > 0 ? afterIndex : segment.items.length,
    });
    const turnId = `t${d.state.seq + 1}`;
    if (interrupted) d.emit({ type: 'turnInterrupted', turnId: interrupted.id, byTurnId: turnId });
    d.emit({ type: 'floorGiven', requestId: found.id, turnId, segmentId: segment.id });
    beginTurn(
      d,
      {
        segmentId: segment.id,
        item,
        request: findRequest(d.state, found.id),
        start,
        ...(interrupted ? { interrupts: interrupted.id } : {}),
      },
      now,
    );
    return null;
  }
  if (d.state.interruptedTurnId !== null) {
    return notAllowed(
      'A point of order is being heard: finish it (F) and the interrupted speaker resumes.',
    );
  }
  if (!segment || segment.kind !== 'floor') {
    return notAllowed(
      'The floor is given to the list of speakers in an open-floor segment: move to it first.',
    );
  }
  endCurrentTurn(d);
  const item = requestItem(d.state, found, segment);
  d.emit({ type: 'itemAdded', segmentId: segment.id, item, index: segment.items.length });
  const turnId = `t${d.state.seq + 1}`;
  d.emit({ type: 'floorGiven', requestId: found.id, turnId, segmentId: segment.id });
  beginTurn(
    d,
    { segmentId: segment.id, item, request: findRequest(d.state, found.id), start },
    now,
  );
  return null;
}
