/** Lookups in the moderator's view that several panels share. Pure. */
import type { Speaker } from '../../shared/programme.ts';
import type { DelegationRef } from '../../shared/state.ts';
import type { ItemView, SegmentView, SessionView, TurnView } from '../../shared/views.ts';

export interface FoundItem {
  readonly item: ItemView;
  readonly segment: SegmentView;
  readonly index: number;
}

/** An item and its segment anywhere in the programme. */
export function findViewItem(view: SessionView, itemId: string): FoundItem | null {
  for (const segment of view.segments) {
    const index = segment.items.findIndex((i) => i.id === itemId);
    const item = segment.items[index];
    if (item) return { item, segment, index };
  }
  return null;
}

/** The speaker of a turn: turns carry their item's id, not the speaker (updates stay small). */
export function turnSpeaker(view: SessionView, turn: TurnView): Speaker | null {
  return findViewItem(view, turn.itemId)?.item.speaker ?? null;
}

export function findTurn(view: SessionView, turnId: string | null): TurnView | null {
  return turnId === null ? null : (view.turns.find((t) => t.id === turnId) ?? null);
}

export function currentSegment(view: SessionView): SegmentView | null {
  return view.segments.find((s) => s.id === view.current.segmentId) ?? null;
}

/**
 * The open floor the list of speakers is for: the current segment when it is one, else the next
 * one to come (the list is often opened during the panel before it).
 */
export function floorSegment(view: SessionView): SegmentView | null {
  const index = view.segments.findIndex((s) => s.id === view.current.segmentId);
  const from = index === -1 ? (view.startedAt === null ? 0 : view.segments.length) : index;
  return view.segments.slice(from).find((s) => s.kind === 'floor') ?? null;
}

/** The first upcoming item of the current panel segment: what "skip next" skips. */
export function nextUpcomingItem(view: SessionView): ItemView | null {
  const index = view.segments.findIndex((s) => s.id === view.current.segmentId);
  const from = index === -1 ? (view.startedAt === null ? 0 : view.segments.length) : index;
  for (const segment of view.segments.slice(from)) {
    if (segment.kind !== 'panel') continue;
    const item = segment.items.find((i) => i.status === 'upcoming');
    if (item) return item;
  }
  return null;
}

/**
 * The name to show for an item: a floor turn made from a request without a speaker's name is
 * named by its delegation, in the console's language (the item itself carries the English name).
 */
export function itemName(
  view: SessionView,
  item: ItemView,
  speakerLabel: (speaker: Speaker) => string,
  delegationLabel: (ref: DelegationRef) => string,
): string {
  const request = item.requestId
    ? view.floor.requests.find((r) => r.id === item.requestId)
    : undefined;
  return request && request.speakerName === null
    ? delegationLabel(request.delegation)
    : speakerLabel(item.speaker);
}
