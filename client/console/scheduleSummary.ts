/**
 * The top bar's schedule line: planned against expected end of the current segment and of the
 * session. Without a planned start the baseline is the actual start (budgets counted from when the
 * segment or session really began), which is what a chair asks once the meeting runs. Pure.
 */
import type { LocalText } from '../../shared/localText.ts';
import { computeSchedule } from '../../shared/schedule.ts';
import type { SessionView } from '../../shared/views.ts';

export interface EndEstimate {
  readonly plannedEndAt: number | null;
  readonly expectedEndAt: number;
  /** Expected minus planned: positive when running behind. Null without a baseline. */
  readonly deltaMs: number | null;
  readonly baseline: 'planned' | 'actual' | 'none';
}

export interface ScheduleSummary {
  readonly segment: (EndEstimate & { readonly title: LocalText }) | null;
  readonly session: EndEstimate;
}

function estimate(
  planned: number | null,
  actualBaseline: number | null,
  expectedEndAt: number,
): EndEstimate {
  const baseline = planned !== null ? 'planned' : actualBaseline !== null ? 'actual' : 'none';
  const plannedEndAt = planned ?? actualBaseline;
  return {
    plannedEndAt,
    expectedEndAt,
    deltaMs: plannedEndAt === null ? null : expectedEndAt - plannedEndAt,
    baseline,
  };
}

export function summarizeSchedule(view: SessionView, now: number): ScheduleSummary {
  const schedule = computeSchedule(view, now);
  const budgets = view.segments.reduce((sum, s) => sum + s.budgetMs, 0);
  const session = estimate(
    schedule.plannedEndAt,
    view.startedAt === null ? null : view.startedAt + budgets,
    schedule.expectedEndAt,
  );
  const segmentId =
    view.current.segmentId ?? (view.startedAt === null ? (view.segments[0]?.id ?? null) : null);
  const segment = view.segments.find((s) => s.id === segmentId);
  const segmentSchedule = schedule.segments.find((s) => s.segmentId === segmentId);
  if (!segment || !segmentSchedule || view.status === 'ended') return { segment: null, session };
  return {
    session,
    segment: {
      title: segment.title,
      ...estimate(
        segmentSchedule.plannedEndAt,
        segmentSchedule.actualStartAt === null
          ? null
          : segmentSchedule.actualStartAt + segment.budgetMs,
        segmentSchedule.expectedEndAt,
      ),
    },
  };
}

export interface FloorTime {
  /** What the queued turns (and the one speaking) need, if each takes its full time. */
  readonly neededMs: number;
  /** What is left of the segment's budget. */
  readonly leftMs: number;
}

/** Minutes the list of speakers needs against what is left of its segment. Pure. */
export function floorTime(view: SessionView, segmentId: string, now: number): FloorTime | null {
  const segment = view.segments.find((s) => s.id === segmentId);
  const schedule = computeSchedule(view, now).segments.find((s) => s.segmentId === segmentId);
  if (!segment || !schedule) return null;
  const leftMs =
    segment.status === 'done'
      ? 0
      : segment.status === 'active' && segment.startedAt !== null
        ? Math.max(0, segment.startedAt + segment.budgetMs - now)
        : segment.budgetMs;
  return { neededMs: schedule.remainingWorkMs, leftMs };
}
