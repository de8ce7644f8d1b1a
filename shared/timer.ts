/**
 * Timer math, shared by the server and every display. A timer is data: granted time, time
 * elapsed before the last start, and the server time of that start (null while paused). Nothing
 * here reads a clock: `now` is always passed in, as epoch ms of the server's clock.
 */

export const PHASES = ['normal', 'warning', 'danger', 'overtime'] as const;
export type Phase = (typeof PHASES)[number];

/** The fields of a turn that the timer math reads. */
export interface TimerFields {
  readonly grantedMs: number;
  readonly elapsedMs: number;
  readonly startedAt: number | null;
  readonly warningMs: number;
  readonly dangerMs: number;
}

/** Speaking time so far at `now`, in ms: paused time never counts. Pure. */
export function elapsedAt(timer: TimerFields, now: number): number {
  return timer.elapsedMs + (timer.startedAt === null ? 0 : Math.max(0, now - timer.startedAt));
}

/**
 * Everything a turn's speaker has spoken at `now`, in ms: the time before each restart of the
 * clock plus the time since the last one. Never less than `elapsedAt`. Pure.
 */
export function spokenAt(
  turn: TimerFields & { readonly restarts?: readonly { readonly spokenMs: number }[] },
  now: number,
): number {
  const before = (turn.restarts ?? []).reduce((sum, r) => sum + r.spokenMs, 0);
  return before + elapsedAt(turn, now);
}

/** Time left at `now`, in ms; negative in overtime. Pure. */
export function remainingAt(timer: TimerFields, now: number): number {
  return timer.grantedMs - elapsedAt(timer, now);
}

/**
 * The phase for a given time left: `normal` above the warning threshold, `warning` from it
 * (inclusive), `danger` from the danger threshold (inclusive) down to zero, `overtime` from
 * 1 ms past zero. Pure.
 */
export function phaseFor(remainingMs: number, warningMs: number, dangerMs: number): Phase {
  if (remainingMs < 0) return 'overtime';
  if (remainingMs <= dangerMs) return 'danger';
  if (remainingMs <= warningMs) return 'warning';
  return 'normal';
}

/** The phase of a timer at `now`. Pure. */
export function phaseAt(timer: TimerFields, now: number): Phase {
  return phaseFor(remainingAt(timer, now), timer.warningMs, timer.dangerMs);
}

/**
 * When, in server time, a running timer next changes phase; null when paused or already in
 * overtime. Displays use it to know when to repaint colours without polling. Pure.
 */
export function nextPhaseChangeAt(timer: TimerFields, now: number): number | null {
  if (timer.startedAt === null) return null;
  const remaining = remainingAt(timer, now);
  const boundaries = [timer.warningMs, timer.dangerMs, -1].filter((b) => b < remaining);
  const next = boundaries[0];
  return next === undefined ? null : now + (remaining - next);
}

/** The share of the granted time spoken at `now`, from 0 to 1 (1 in overtime). Pure. */
export function progressAt(timer: TimerFields, now: number): number {
  if (timer.grantedMs <= 0) return 1;
  return Math.min(1, Math.max(0, elapsedAt(timer, now) / timer.grantedMs));
}
