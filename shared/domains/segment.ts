/** Segments of the programme: ending the one running, changing one. Pure. */
import { z } from 'zod';
import type { E } from '../events.ts';
import { parseDuration } from '../duration.ts';
import {
  Duration,
  Id,
  requestTimesFromFile,
  RequestTimesFile,
  type RequestKind,
  localText,
  type LocalText,
} from '../programme.ts';
import { currentSegment, type SessionState } from '../state.ts';
import { cmd } from './fields.ts';
import {
  defineCommand,
  defineEvolvers,
  dequeue,
  invalid,
  mapRequest,
  mapSegment,
  MODERATOR,
  needNoPointOfOrder,
  needStarted,
  notAllowed,
  segmentNotFound,
} from './kit.ts';
import { endCurrentTurn, enterSegment, leaveSegment } from './turns.ts';

export type SegmentChanges = {
  readonly title?: LocalText;
  readonly budgetMs?: number;
  readonly timesMs?: Readonly<Record<RequestKind, number>>;
};

export type SegmentEvent =
  | E<'segmentEntered', { segmentId: string }>
  | E<'segmentEnded', { segmentId: string; notHeard: readonly string[] }>
  | E<'segmentUpdated', { segmentId: string; changes: SegmentChanges }>;

const SegmentUpdate = cmd('segment.update', {
  segmentId: Id,
  changes: z.strictObject({
    title: localText(200).optional(),
    budget: Duration.optional(),
    times: RequestTimesFile.optional(),
  }),
});

function pickTimes(
  times: NonNullable<z.output<typeof SegmentUpdate>['changes']['times']>,
): Partial<Record<RequestKind, number>> {
  const all = requestTimesFromFile(times);
  const out: Partial<Record<RequestKind, number>> = {};
  for (const kind of Object.keys(times) as RequestKind[]) out[kind] = all[kind];
  return out;
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

export const SEGMENT_COMMANDS = {
  'segment.end': defineCommand(cmd('segment.end', {}), {
    roles: MODERATOR,
    available: (s) =>
      needStarted(s) ??
      needNoPointOfOrder(s) ??
      (s.currentSegmentKind === null ? notAllowed('no-segment') : null),
    decide: (d) => {
      const segment = currentSegment(d.state);
      if (!segment) return notAllowed('no-segment');
      endCurrentTurn(d);
      leaveSegment(d);
      const index = d.state.segments.findIndex((s) => s.id === segment.id);
      const following = d.state.segments[index + 1];
      if (following) enterSegment(d, following.id);
      return null;
    },
  }),
  'segment.update': defineCommand(SegmentUpdate, {
    roles: MODERATOR,
    decide: (d, command) => {
      const segment = d.state.segments.find((s) => s.id === command.segmentId);
      if (!segment) return segmentNotFound(command.segmentId);
      const { title, budget, times } = command.changes;
      if (title === undefined && budget === undefined && times === undefined) {
        return invalid('no-changes');
      }
      if (times !== undefined && segment.kind !== 'floor') return invalid('times-panel-segment');
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
    },
  }),
};

export const SEGMENT_EVENTS = defineEvolvers<SegmentEvent['type']>({
  segmentEntered: (state, { segmentId, at }) => ({
    ...mapSegment(state, segmentId, (s) => ({
      ...s,
      status: 'active',
      startedAt: s.startedAt ?? at,
      endedAt: null,
    })),
    currentSegmentId: segmentId,
  }),
  segmentEnded: (state, { segmentId, notHeard, at }) => {
    let s = mapSegment(state, segmentId, (seg) => ({ ...seg, status: 'done', endedAt: at }));
    s = markNotHeard(s, notHeard);
    return s.currentSegmentId === segmentId ? { ...s, currentSegmentId: null } : s;
  },
  segmentUpdated: (state, { segmentId, changes }) =>
    mapSegment(state, segmentId, (s) => {
      const { timesMs, ...rest } = changes;
      const merged = { ...s, ...rest };
      return merged.kind === 'floor' && timesMs ? { ...merged, timesMs } : merged;
    }),
});
