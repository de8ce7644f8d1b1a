/**
 * The timer of the turn that has the floor: start, pause, more or less time, set, reset (a restart
 * of the countdown that keeps what was spoken). Pure.
 */
import type { E } from '../events.ts';
import { currentTurn } from '../state.ts';
import { elapsedAt } from '../timer.ts';
import { cmd, MAX_DURATION_MS, Ms } from './fields.ts';
import {
  defineCommand,
  defineEvolvers,
  mapTurn,
  MODERATOR,
  needLive,
  needTurn,
  notAllowed,
  pauseTurn,
} from './kit.ts';

export type TimerEvent =
  | E<'timerStarted', { turnId: string }>
  | E<'timerPaused', { turnId: string }>
  | E<'timerAdjusted', { turnId: string; deltaMs: number }>
  | E<'timerSet', { turnId: string; grantedMs: number }>
  | E<'timerReset', { turnId: string }>;

export const TIMER_COMMANDS = {
  'timer.start': defineCommand(cmd('timer.start', {}), {
    roles: MODERATOR,
    available: (s) =>
      needLive(s) ??
      (s.hasCurrentTurn ? null : notAllowed('no-turn')) ??
      (s.timerRunning ? notAllowed('timer-running') : null),
    decide: (d) => {
      const turn = currentTurn(d.state);
      if (turn) d.emit({ type: 'timerStarted', turnId: turn.id });
      return null;
    },
  }),
  'timer.pause': defineCommand(cmd('timer.pause', {}), {
    roles: MODERATOR,
    available: (s) => needTurn(s) ?? (s.timerRunning ? null : notAllowed('timer-stopped')),
    decide: (d) => {
      const turn = currentTurn(d.state);
      if (turn) d.emit({ type: 'timerPaused', turnId: turn.id });
      return null;
    },
  }),
  'timer.adjust': defineCommand(
    cmd('timer.adjust', {
      deltaMs: Ms.refine((v) => v !== 0 && Math.abs(v) <= 3_600_000, {
        message: 'must be a change of 1 ms to 1 hour, up or down',
      }),
    }),
    {
      roles: MODERATOR,
      available: needTurn,
      decide: (d, command) => {
        const turn = currentTurn(d.state);
        if (!turn) return null;
        if (turn.grantedMs + command.deltaMs < 0) return notAllowed('too-little-time');
        d.emit({ type: 'timerAdjusted', turnId: turn.id, deltaMs: command.deltaMs });
        return null;
      },
    },
  ),
  'timer.set': defineCommand(
    cmd('timer.set', {
      remainingMs: Ms.min(0, { message: 'must not be negative' }).max(MAX_DURATION_MS, {
        message: 'must be at most 24 hours',
      }),
    }),
    {
      roles: MODERATOR,
      available: needTurn,
      decide: (d, command, ctx) => {
        const turn = currentTurn(d.state);
        if (turn) {
          d.emit({
            type: 'timerSet',
            turnId: turn.id,
            grantedMs: elapsedAt(turn, ctx.now) + command.remainingMs,
          });
        }
        return null;
      },
    },
  ),
  'timer.reset': defineCommand(cmd('timer.reset', {}), {
    roles: MODERATOR,
    available: needTurn,
    decide: (d) => {
      const turn = currentTurn(d.state);
      if (turn) d.emit({ type: 'timerReset', turnId: turn.id });
      return null;
    },
  }),
};

export const TIMER_EVENTS = defineEvolvers<TimerEvent['type']>({
  timerStarted: (state, { turnId, at }) =>
    mapTurn(state, turnId, (t) => ({
      ...t,
      startedAt: at,
      firstStartedAt: t.firstStartedAt ?? at,
    })),
  timerPaused: (state, { turnId, at }) => mapTurn(state, turnId, (t) => pauseTurn(t, at)),
  timerAdjusted: (state, { turnId, deltaMs }) =>
    mapTurn(state, turnId, (t) => ({ ...t, grantedMs: t.grantedMs + deltaMs })),
  timerSet: (state, { turnId, grantedMs }) => mapTurn(state, turnId, (t) => ({ ...t, grantedMs })),
  // The countdown starts again from the planned time, paused; what was said before is kept as a
  // restart, so the record still counts it as spoken and not as paused.
  timerReset: (state, { turnId, at }) =>
    mapTurn(state, turnId, (t) => ({
      ...t,
      grantedMs: t.plannedMs,
      elapsedMs: 0,
      startedAt: null,
      restarts: [...(t.restarts ?? []), { at, spokenMs: elapsedAt(t, at) }],
    })),
});
