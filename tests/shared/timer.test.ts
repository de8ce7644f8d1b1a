import { describe, expect, it } from 'vitest';
import { formatClock, formatLength } from '../../shared/duration.ts';
import { nowSummary } from '../../shared/now.ts';
import {
  elapsedAt,
  nextPhaseChangeAt,
  phaseAt,
  phaseFor,
  progressAt,
  remainingAt,
  spokenAt,
  type Phase,
  type TimerFields,
} from '../../shared/timer.ts';
import { viewFor } from '../../shared/views.ts';
import { Driver, MINUTE, MODERATOR, SECOND, T0 } from './helpers.ts';

/** A session whose first speaker (Ana, 10 min: warning 2 min, danger 1 min) is running from T0. */
function running(): Driver {
  const d = new Driver();
  d.ok({ type: 'session.start' });
  d.ok({ type: 'speaker.next' });
  d.ok({ type: 'timer.start' });
  return d;
}

/** What the stage shows at `now`: the clock with its sign, and the phase. */
function shown(d: Driver, now: number): { clock: string; phase: Phase | null } {
  const summary = nowSummary(viewFor(d.state, MODERATOR), now);
  return { clock: summary.timeLeft ?? '', phase: summary.phase };
}

describe('a running timer at every boundary', () => {
  const TEN = 10 * MINUTE;
  it.each([
    // time since the start → time left, phase, clock
    [0, TEN, 'normal', '10:00'],
    [1, TEN - 1, 'normal', '10:00'],
    [8 * MINUTE - 1, 2 * MINUTE + 1, 'normal', '2:01'],
    [8 * MINUTE, 2 * MINUTE, 'warning', '2:00'],
    [8 * MINUTE + 1, 2 * MINUTE - 1, 'warning', '2:00'],
    [9 * MINUTE - 1, MINUTE + 1, 'warning', '1:01'],
    [9 * MINUTE, MINUTE, 'danger', '1:00'],
    [TEN - 1, 1, 'danger', '0:01'],
    [TEN, 0, 'danger', '0:00'],
    [TEN + 1, -1, 'overtime', '+0:01'],
    [TEN + SECOND, -SECOND, 'overtime', '+0:01'],
    [TEN + SECOND + 1, -SECOND - 1, 'overtime', '+0:02'],
    [TEN + 65 * SECOND, -65 * SECOND, 'overtime', '+1:05'],
    [TEN + 70 * MINUTE, -70 * MINUTE, 'overtime', '+1:10:00'],
  ] as const)('%i ms in: %i ms left, %s, %s', (spent, left, phase, clock) => {
    const d = running();
    const turn = d.turn();
    expect(turn.startedAt).toBe(T0);
    const now = T0 + spent;
    expect(elapsedAt(turn, now)).toBe(spent);
    expect(remainingAt(turn, now)).toBe(left);
    expect(phaseAt(turn, now)).toBe(phase);
    expect(shown(d, now)).toEqual({ clock, phase });
  });

  it.each([
    [0, T0 + 8 * MINUTE],
    [8 * MINUTE - 1, T0 + 8 * MINUTE],
    [8 * MINUTE, T0 + 9 * MINUTE],
    [9 * MINUTE, T0 + 10 * MINUTE + 1],
    [10 * MINUTE, T0 + 10 * MINUTE + 1],
    [10 * MINUTE + 1, null],
  ] as const)('at %i ms in, the phase next changes at %s', (spent, at) => {
    const d = running();
    expect(nextPhaseChangeAt(d.turn(), T0 + spent)).toBe(at);
  });

  it('never counts time before the start (a display whose clock runs behind)', () => {
    const turn = running().turn();
    expect(elapsedAt(turn, T0 - 5 * SECOND)).toBe(0);
    expect(remainingAt(turn, T0 - 5 * SECOND)).toBe(10 * MINUTE);
  });

  it('shows progress from 0 to 1, and 1 in overtime', () => {
    const turn = running().turn();
    expect(progressAt(turn, T0)).toBe(0);
    expect(progressAt(turn, T0 + 5 * MINUTE)).toBe(0.5);
    expect(progressAt(turn, T0 + 10 * MINUTE)).toBe(1);
    expect(progressAt(turn, T0 + 12 * MINUTE)).toBe(1);
    expect(progressAt({ ...turn, grantedMs: 0 }, T0)).toBe(1);
  });
});

describe('a paused timer', () => {
  it('does not count paused time, and resumes where it stopped', () => {
    const d = running();
    d.tick(3 * MINUTE).ok({ type: 'timer.pause' });
    const paused = d.turn();
    expect(paused).toMatchObject({ elapsedMs: 3 * MINUTE, startedAt: null });
    expect(remainingAt(paused, d.now + 60 * MINUTE)).toBe(7 * MINUTE);
    expect(phaseAt(paused, d.now + 60 * MINUTE)).toBe('normal');
    expect(nextPhaseChangeAt(paused, d.now)).toBeNull();
    expect(shown(d, d.now + 60 * MINUTE)).toEqual({ clock: '7:00', phase: 'normal' });

    d.tick(2 * MINUTE).ok({ type: 'timer.start' });
    const resumed = d.turn();
    expect(resumed).toMatchObject({ elapsedMs: 3 * MINUTE, startedAt: T0 + 5 * MINUTE });
    expect(resumed.firstStartedAt).toBe(T0);
    // 5 min more of speaking: 8 min spoken, the warning threshold exactly.
    expect(remainingAt(resumed, d.now + 5 * MINUTE)).toBe(2 * MINUTE);
    expect(phaseAt(resumed, d.now + 5 * MINUTE)).toBe('warning');
    expect(phaseAt(resumed, d.now + 5 * MINUTE - 1)).toBe('normal');
    expect(nextPhaseChangeAt(resumed, d.now)).toBe(d.now + 5 * MINUTE);
  });

  it('holds at zero and in overtime while paused', () => {
    const d = running();
    d.tick(10 * MINUTE).ok({ type: 'timer.pause' });
    expect(shown(d, d.now + MINUTE)).toEqual({ clock: '0:00', phase: 'danger' });
    d.ok({ type: 'timer.start' });
    d.tick(1).ok({ type: 'timer.pause' });
    expect(shown(d, d.now + MINUTE)).toEqual({ clock: '+0:01', phase: 'overtime' });
    expect(d.turn().elapsedMs).toBe(10 * MINUTE + 1);
  });

  it('pauses at the instant of the pause, to the millisecond', () => {
    const d = running();
    d.tick(1234).ok({ type: 'timer.pause' });
    d.tick(999).ok({ type: 'timer.start' });
    d.tick(4321).ok({ type: 'timer.pause' });
    expect(d.turn().elapsedMs).toBe(1234 + 4321);
  });
});

describe('adjusting the time', () => {
  it('while paused: changes the granted time, not the time spoken', () => {
    const d = running();
    d.tick(9 * MINUTE).ok({ type: 'timer.pause' });
    expect(phaseAt(d.turn(), d.now)).toBe('danger');
    d.ok({ type: 'timer.adjust', deltaMs: 30 * SECOND });
    let turn = d.turn();
    expect(turn).toMatchObject({ plannedMs: 10 * MINUTE, grantedMs: 10 * MINUTE + 30 * SECOND });
    expect(turn.elapsedMs).toBe(9 * MINUTE);
    expect(remainingAt(turn, d.now)).toBe(90 * SECOND);
    expect(phaseAt(turn, d.now)).toBe('warning');
    d.ok({ type: 'timer.adjust', deltaMs: -2 * MINUTE });
    turn = d.turn();
    expect(remainingAt(turn, d.now)).toBe(-30 * SECOND);
    expect(phaseAt(turn, d.now)).toBe('overtime');
    expect(shown(d, d.now)).toEqual({ clock: '+0:30', phase: 'overtime' });
  });

  it('while running: moves every boundary by as much', () => {
    const d = running();
    d.tick(5 * MINUTE).ok({ type: 'timer.adjust', deltaMs: 30 * SECOND });
    const turn = d.turn();
    expect(turn.startedAt).toBe(T0); // the timer keeps running from its start
    expect(turn.grantedMs).toBe(10 * MINUTE + 30 * SECOND);
    expect(phaseAt(turn, T0 + 8 * MINUTE + 30 * SECOND - 1)).toBe('normal');
    expect(phaseAt(turn, T0 + 8 * MINUTE + 30 * SECOND)).toBe('warning');
    expect(phaseAt(turn, T0 + 9 * MINUTE + 30 * SECOND)).toBe('danger');
    expect(phaseAt(turn, T0 + 10 * MINUTE + 30 * SECOND)).toBe('danger');
    expect(phaseAt(turn, T0 + 10 * MINUTE + 30 * SECOND + 1)).toBe('overtime');
    d.ok({ type: 'timer.adjust', deltaMs: -90 * SECOND });
    expect(remainingAt(d.turn(), d.now)).toBe(4 * MINUTE);
    expect(phaseAt(d.turn(), T0 + 9 * MINUTE)).toBe('danger');
    expect(phaseAt(d.turn(), T0 + 9 * MINUTE + 1)).toBe('overtime');
  });

  it('timer.set gives exactly the time left asked for, running or paused', () => {
    const d = running();
    d.tick(4 * MINUTE).ok({ type: 'timer.set', remainingMs: 90 * SECOND });
    let turn = d.turn();
    expect(turn.grantedMs).toBe(4 * MINUTE + 90 * SECOND);
    expect(remainingAt(turn, d.now)).toBe(90 * SECOND);
    expect(phaseAt(turn, d.now)).toBe('warning');
    expect(remainingAt(turn, d.now + 90 * SECOND)).toBe(0);
    expect(phaseAt(turn, d.now + 90 * SECOND + 1)).toBe('overtime');
    d.tick(MINUTE).ok({ type: 'timer.pause' });
    d.tick(MINUTE).ok({ type: 'timer.set', remainingMs: 0 });
    turn = d.turn();
    expect(remainingAt(turn, d.now + MINUTE)).toBe(0);
    expect(phaseAt(turn, d.now)).toBe('danger');
    expect(turn.elapsedMs).toBe(5 * MINUTE);
  });

  it('timer.reset restarts the countdown from the planned time, paused, and keeps what was spoken', () => {
    const d = running();
    d.tick(3 * MINUTE).ok({ type: 'timer.adjust', deltaMs: MINUTE });
    d.tick(MINUTE).ok({ type: 'timer.reset' });
    const turn = d.turn();
    expect(turn).toMatchObject({
      plannedMs: 10 * MINUTE,
      grantedMs: 10 * MINUTE,
      elapsedMs: 0,
      startedAt: null,
      restarts: [{ at: T0 + 4 * MINUTE, spokenMs: 4 * MINUTE }],
    });
    expect(shown(d, d.now + MINUTE)).toEqual({ clock: '10:00', phase: 'normal' });
    // The four minutes before the restart are still spoken; the paused minute after it is not.
    expect(spokenAt(turn, d.now + MINUTE)).toBe(4 * MINUTE);
    d.tick(SECOND).ok({ type: 'timer.start' });
    expect(remainingAt(d.turn(), d.now + 8 * MINUTE)).toBe(2 * MINUTE);
    expect(spokenAt(d.turn(), d.now + 8 * MINUTE)).toBe(12 * MINUTE);
  });

  it('timer.reset of a paused turn keeps the time spoken before the pause, not the pause', () => {
    const d = running();
    d.tick(2 * MINUTE).ok({ type: 'timer.pause' });
    d.tick(5 * MINUTE).ok({ type: 'timer.reset' });
    expect(d.turn().restarts).toEqual([{ at: T0 + 7 * MINUTE, spokenMs: 2 * MINUTE }]);
    expect(spokenAt(d.turn(), d.now)).toBe(2 * MINUTE);
  });

  it('each restart adds its speech: two restarts keep both times spoken before them', () => {
    const d = running();
    d.tick(MINUTE).ok({ type: 'timer.reset' });
    d.ok({ type: 'timer.start' });
    d.tick(30 * SECOND).ok({ type: 'timer.reset' });
    d.ok({ type: 'timer.start' });
    d.tick(20 * SECOND);
    expect(d.turn().restarts?.map((r) => r.spokenMs)).toEqual([MINUTE, 30 * SECOND]);
    expect(spokenAt(d.turn(), d.now)).toBe(MINUTE + 50 * SECOND);
    expect(remainingAt(d.turn(), d.now)).toBe(10 * MINUTE - 20 * SECOND);
  });
});

describe('clamped thresholds', () => {
  const timer = (grantedMs: number, warningMs: number, dangerMs: number): TimerFields => ({
    grantedMs,
    elapsedMs: 0,
    startedAt: 0,
    warningMs,
    dangerMs,
  });

  it('a warning clamped to the allotted time is in force from the first millisecond', () => {
    // A point of order: 1 min, warning at 1 min left (clamped to the allotted time), danger at 30 s.
    const t = timer(MINUTE, MINUTE, 30 * SECOND);
    expect(phaseAt(t, 0)).toBe('warning');
    expect(phaseAt(t, 30 * SECOND - 1)).toBe('warning');
    expect(phaseAt(t, 30 * SECOND)).toBe('danger');
    expect(phaseAt(t, MINUTE)).toBe('danger');
    expect(phaseAt(t, MINUTE + 1)).toBe('overtime');
    expect(nextPhaseChangeAt(t, 0)).toBe(30 * SECOND);
  });

  it('equal thresholds skip the warning phase; zero thresholds skip both', () => {
    const equal = timer(3 * MINUTE, 3 * MINUTE, 3 * MINUTE);
    expect(phaseAt(equal, 0)).toBe('danger');
    expect(nextPhaseChangeAt(equal, 0)).toBe(3 * MINUTE + 1);
    const none = timer(3 * MINUTE, 0, 0);
    expect(phaseAt(none, 3 * MINUTE - 1)).toBe('normal');
    expect(phaseAt(none, 3 * MINUTE)).toBe('danger');
    expect(phaseAt(none, 3 * MINUTE + 1)).toBe('overtime');
    expect(nextPhaseChangeAt(none, 0)).toBe(3 * MINUTE);
  });

  it.each([
    [121, 'normal'],
    [120, 'warning'],
    [61, 'warning'],
    [60, 'danger'],
    [1, 'danger'],
    [0, 'danger'],
    [-1, 'overtime'],
  ] as const)('phaseFor(%i s left, 2 min, 1 min) is %s', (seconds, phase) => {
    expect(phaseFor(seconds * SECOND, 2 * MINUTE, MINUTE)).toBe(phase);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [1, '0:01'],
    [999, '0:01'],
    [1000, '0:01'],
    [1001, '0:02'],
    [59_999, '1:00'],
    [60_000, '1:00'],
    [60_001, '1:01'],
    [10 * MINUTE, '10:00'],
    [59 * MINUTE + 59 * SECOND, '59:59'],
    [60 * MINUTE, '1:00:00'],
    [60 * MINUTE + 1, '1:00:01'],
    [10 * 3_600_000 + 5 * MINUTE + 7 * SECOND, '10:05:07'],
    [-1, '0:01'],
    [-65 * SECOND, '1:05'],
  ] as const)('%i ms reads %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });

  it.each([
    [0, '0:00'],
    [499, '0:00'],
    [500, '0:01'],
    [11 * MINUTE + 48 * SECOND, '11:48'],
    [-90 * SECOND, '−1:30'],
  ] as const)('formatLength(%i) reads %s', (ms, text) => {
    expect(formatLength(ms)).toBe(text);
  });
});
