/**
 * The schedule, derived: planned start and end of each segment and item, what actually happened,
 * and the expected end of each segment and of the session if every speaker still to come takes
 * their full time. Works on any role's view. Pure: `now` is passed in.
 */
import { remainingAt, spokenAt } from './timer.ts';
import type { SegmentView, SessionView, TurnView } from './views.ts';
import { zonedToEpoch } from './zonedTime.ts';

export interface ItemSchedule {
  readonly itemId: string;
  readonly plannedStartAt: number | null;
  readonly plannedMs: number;
  /** When the speaker first started (or was called, if never started); null while upcoming. */
  readonly actualStartAt: number | null;
  /** Speaking time over all the item's turns (recalls included), paused time excluded. */
  readonly spokenMs: number;
}

export interface SegmentSchedule {
  readonly segmentId: string;
  readonly budgetMs: number;
  readonly plannedStartAt: number | null;
  readonly plannedEndAt: number | null;
  readonly actualStartAt: number | null;
  readonly actualEndAt: number | null;
  readonly expectedEndAt: number;
  /** Time the speakers still to come need: the current turn's time left and those queued or upcoming. */
  readonly remainingWorkMs: number;
  readonly items: readonly ItemSchedule[];
}

export interface Schedule {
  readonly plannedStartAt: number | null;
  readonly plannedEndAt: number | null;
  readonly expectedEndAt: number;
  /** Expected end against planned end: positive when the meeting runs behind. Null without a planned start. */
  readonly behindMs: number | null;
  readonly segments: readonly SegmentSchedule[];
}

function spokenOf(turns: readonly TurnView[], itemId: string, now: number): number {
  let total = 0;
  for (const t of turns) {
    if (t.itemId !== itemId) continue;
    total += spokenAt(t, t.endedAt ?? now);
  }
  return total;
}

/** Time the rest of a segment needs from now, if everyone takes their full time. */
function remainingWork(view: SessionView, segment: SegmentView, now: number): number {
  const turn = view.turns.find((t) => t.id === view.current.turnId);
  const interrupted = view.turns.find((t) => t.id === view.current.interruptedTurnId);
  let work = 0;
  if (turn && turn.segmentId === segment.id) work += Math.max(0, remainingAt(turn, now));
  if (interrupted && interrupted.segmentId === segment.id)
    work += Math.max(0, remainingAt(interrupted, now));
  if (segment.kind === 'floor') {
    for (const entry of view.floor.queue) work += segment.timesMs[entry.kind];
  } else {
    for (const item of segment.items) if (item.status === 'upcoming') work += item.allottedMs;
  }
  return work;
}

/** The schedule of a session at `now`. Pure. */
export function computeSchedule(view: SessionView, now: number): Schedule {
  const plannedStartAt =
    view.meta.plannedStart === null
      ? null
      : zonedToEpoch(view.meta.plannedStart, view.meta.timeZone);
  let plannedCursor = plannedStartAt;
  let expectedCursor = view.startedAt === null ? Math.max(now, plannedStartAt ?? now) : now;
  const segments: SegmentSchedule[] = [];
  for (const segment of view.segments) {
    const plannedStart = plannedCursor;
    let itemCursor = plannedStart;
    const items = segment.items.map((item) => {
      const turns = view.turns.filter((t) => t.itemId === item.id);
      const first = turns[0];
      const schedule: ItemSchedule = {
        itemId: item.id,
        plannedStartAt: itemCursor,
        plannedMs: item.allottedMs,
        actualStartAt: first ? (first.firstStartedAt ?? first.calledAt) : null,
        spokenMs: spokenOf(view.turns, item.id, now),
      };
      if (itemCursor !== null) itemCursor += item.allottedMs;
      return schedule;
    });
    const work = segment.status === 'done' ? 0 : remainingWork(view, segment, now);
    let expectedEndAt: number;
    if (segment.status === 'done') {
      expectedEndAt = segment.endedAt ?? now;
    } else if (segment.status === 'active') {
      const byWork = now + work;
      // An open floor runs to its budget unless its list is longer; once the chair has closed
      // the list, it ends with the last speaker on it.
      expectedEndAt =
        segment.kind === 'floor' && view.floor.status !== 'closed'
          ? Math.max(byWork, (segment.startedAt ?? now) + segment.budgetMs)
          : byWork;
    } else {
      // A panel takes the time of its speakers still to come (none, if all were skipped); only a
      // panel with no speakers at all is counted at its budget.
      const hasItems =
        segment.kind === 'panel' && segment.items.some((i) => i.requestId === undefined);
      expectedEndAt =
        expectedCursor +
        (segment.kind === 'floor'
          ? Math.max(segment.budgetMs, work)
          : hasItems
            ? work
            : segment.budgetMs);
    }
    expectedCursor = expectedEndAt;
    segments.push({
      segmentId: segment.id,
      budgetMs: segment.budgetMs,
      plannedStartAt: plannedStart,
      plannedEndAt: plannedStart === null ? null : plannedStart + segment.budgetMs,
      actualStartAt: segment.startedAt,
      actualEndAt: segment.status === 'done' ? segment.endedAt : null,
      expectedEndAt,
      remainingWorkMs: work,
      items,
    });
    if (plannedCursor !== null) plannedCursor += segment.budgetMs;
  }
  const expectedEndAt = view.status === 'ended' ? (view.endedAt ?? now) : expectedCursor;
  return {
    plannedStartAt,
    plannedEndAt: plannedCursor,
    expectedEndAt,
    behindMs: plannedCursor === null ? null : expectedEndAt - plannedCursor,
    segments,
  };
}
