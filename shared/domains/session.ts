/** The session: starting, suspending, resuming and ending the meeting, and its settings. Pure. */
import { z } from 'zod';
import type { E } from '../events.ts';
import { localText, LocalDateTimeOrNull, TimeZone, type LocalText } from '../programme.ts';
import { currentSegment, currentTurn } from '../state.ts';
import { cmd } from './fields.ts';
import {
  defineCommand,
  defineEvolvers,
  invalid,
  MODERATOR,
  needLive,
  needStarted,
  notAllowed,
  type Draft,
  type Outcome,
} from './kit.ts';
import { closeList, endCurrentTurn, enterSegment, openRequests } from './turns.ts';

export type SessionChanges = {
  readonly title?: LocalText;
  readonly venue?: LocalText | null;
  readonly plannedStart?: string | null;
  readonly timeZone?: string;
};

export type SessionEvent =
  | E<'sessionStarted'>
  | E<'sessionSuspended'>
  | E<'sessionResumed'>
  | E<'sessionEnded'>
  | E<'sessionUpdated', { changes: SessionChanges }>;

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
  closeList(d);
  d.emit({ type: 'sessionEnded' });
  return null;
}

export const SESSION_COMMANDS = {
  'session.start': defineCommand(cmd('session.start', {}), {
    roles: MODERATOR,
    available: (s) => (s.status === 'scheduled' ? null : notAllowed('already-started')),
    decide: (d) => {
      d.emit({ type: 'sessionStarted' });
      enterSegment(d, d.state.segments[0]?.id ?? null);
      return null;
    },
  }),
  'session.suspend': defineCommand(cmd('session.suspend', {}), {
    roles: MODERATOR,
    available: needLive,
    decide: (d) => {
      const turn = currentTurn(d.state);
      if (turn?.startedAt != null) d.emit({ type: 'timerPaused', turnId: turn.id });
      d.emit({ type: 'sessionSuspended' });
      return null;
    },
  }),
  'session.resume': defineCommand(cmd('session.resume', {}), {
    roles: MODERATOR,
    available: (s) => (s.status === 'suspended' ? null : notAllowed('not-suspended')),
    decide: (d) => {
      d.emit({ type: 'sessionResumed' });
      return null;
    },
  }),
  'session.end': defineCommand(cmd('session.end', {}), {
    roles: MODERATOR,
    available: needStarted,
    decide: endSession,
  }),
  'session.update': defineCommand(
    cmd('session.update', {
      changes: z.strictObject({
        title: localText(200).optional(),
        venue: localText(200).nullable().optional(),
        plannedStart: LocalDateTimeOrNull.optional(),
        timeZone: TimeZone.optional(),
      }),
    }),
    {
      roles: MODERATOR,
      decide: (d, command) => {
        if (Object.keys(command.changes).length === 0) return invalid('no-changes');
        d.emit({ type: 'sessionUpdated', changes: command.changes });
        return null;
      },
    },
  ),
};

export const SESSION_EVENTS = defineEvolvers<SessionEvent['type']>({
  sessionStarted: (state, { at }) => ({
    ...state,
    status: 'live',
    startedAt: state.startedAt ?? at,
  }),
  sessionSuspended: (state) => ({ ...state, status: 'suspended' }),
  sessionResumed: (state) => ({ ...state, status: 'live' }),
  sessionEnded: (state, { at }) => ({
    ...state,
    status: 'ended',
    endedAt: at,
    currentSegmentId: null,
  }),
  sessionUpdated: (state, event) => {
    const { venue, ...rest } = event.changes;
    const meta = { ...state.meta, ...rest };
    if (venue === null) delete (meta as { venue?: string }).venue;
    else if (venue !== undefined) Object.assign(meta, { venue });
    return { ...state, meta };
  },
});
