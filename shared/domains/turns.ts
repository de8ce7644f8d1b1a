/**
 * The moves several domains make: entering and leaving a segment, ending the turn that has the
 * floor, beginning one. `speaker.next`, `floor.give`, `segment.end` and `session.end` are built
 * from them. Pure.
 */
import type { Category } from '../categories.ts';
import type { Item, Speaker } from '../programme.ts';
import {
  currentSegment,
  currentTurn,
  type DelegationRef,
  type FloorRequest,
  type SessionState,
  type Turn,
} from '../state.ts';
import { lookupDelegation, refOf, type Draft } from './kit.ts';

export function enterSegment(d: Draft, segmentId: string | null): void {
  if (segmentId !== null) d.emit({ type: 'segmentEntered', segmentId });
}

/** Requests still open when a list of speakers ends: they stay in the record as not heard. */
export function openRequests(state: SessionState): string[] {
  return state.floor.requests
    .filter((r) => r.status === 'queued' || r.status === 'requested')
    .map((r) => r.id);
}

export function endCurrentTurn(d: Draft): void {
  const turn = currentTurn(d.state);
  if (turn) d.emit({ type: 'turnEnded', turnId: turn.id });
}

/** True when a floor segment follows the given one: a queued request then waits for it. */
function laterFloorSegment(state: SessionState, segmentId: string | null): boolean {
  const index = state.segments.findIndex((s) => s.id === segmentId);
  return state.segments.slice(index + 1).some((s) => s.kind === 'floor');
}

/**
 * Closes the list of speakers if it is open: when the session ends, and when the last open floor
 * is left (a later open floor keeps it open: its queued requests wait for it).
 */
export function closeList(d: Draft): void {
  if (d.state.floor.status === 'open') d.emit({ type: 'floorClosed' });
}

export function leaveSegment(d: Draft): void {
  const segment = currentSegment(d.state);
  if (!segment) return;
  const lastFloor = segment.kind === 'floor' && !laterFloorSegment(d.state, segment.id);
  if (lastFloor) closeList(d);
  d.emit({
    type: 'segmentEnded',
    segmentId: segment.id,
    notHeard: lastFloor ? openRequests(d.state) : [],
  });
}

function allItemIds(state: SessionState): Set<string> {
  return new Set(state.segments.flatMap((s) => s.items.map((i) => i.id)));
}

/** True when some item of the programme has this id. */
export function itemIdTaken(state: SessionState, id: string): boolean {
  return allItemIds(state).has(id);
}

/** An item id made from `base` that no item of the programme has yet (a file may use any id). */
export function freshItemId(state: SessionState, base: string): string {
  const ids = allItemIds(state);
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}.${n}`;
  return id;
}

/** The delegation a programme's speaker names: the listed one, else the text; null if none. */
export function speakerDelegation(state: SessionState, speaker: Speaker): DelegationRef | null {
  const known = speaker.delegation ? lookupDelegation(state, speaker.delegation) : undefined;
  if (known) return refOf(known);
  return speaker.delegation ? { id: null, en: speaker.delegation, fr: speaker.delegation } : null;
}

function panelCategory(
  state: SessionState,
  item: Item,
): { ref: DelegationRef | null; category: Category } {
  const known = item.speaker.delegation
    ? lookupDelegation(state, item.speaker.delegation)
    : undefined;
  const ref = speakerDelegation(state, item.speaker);
  const speaksForDelegation =
    item.kind === 'statement' || item.kind === 'question' || item.kind === 'reply';
  return { ref, category: speaksForDelegation ? (known?.category ?? 'other') : 'panellist' };
}

export interface TurnSpec {
  readonly segmentId: string;
  readonly item: Item;
  readonly request: FloorRequest | null;
  readonly start: boolean;
  readonly interrupts?: string;
  readonly recallOf?: string;
}

export function beginTurn(d: Draft, spec: TurnSpec, now: number): void {
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
