/**
 * The server's clock. Every instant Gavel stores is epoch ms of this clock, so a running timer is
 * only as steady as it: the wall clock is read once, at start, and monotonic time is added to it,
 * so a step of the machine's clock (NTP, a technician changing the time zone) moves no timer.
 */
import { performance } from 'node:perf_hooks';

/** Something that tells the server's time, in epoch ms. */
export interface Clock {
  now(): number;
}

/** A clock tests (and `GAVEL_TEST_CLOCK`) can move forward. */
export interface AdjustableClock extends Clock {
  /** Moves the clock forward by `ms` (0 or more). */
  advance(ms: number): void;
}

/**
 * The production clock: the wall clock read once, plus monotonic time since. `wallAtStart` and
 * `monotonic` are parameters only so that tests can check the arithmetic.
 */
export function systemClock(
  wallAtStart: number = Date.now(),
  monotonic: () => number = () => performance.now(),
): Clock {
  const base = monotonic();
  return { now: () => Math.round(wallAtStart + (monotonic() - base)) };
}

/** A clock that stands still until told to move: tests read every instant exactly. */
export class FakeClock implements AdjustableClock {
  private at: number;
  constructor(start: number = Date.UTC(2016, 10, 16, 9, 0, 0)) {
    this.at = start;
  }
  now(): number {
    return this.at;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('A clock only moves forward.');
    this.at += ms;
  }
}

/**
 * Another clock plus an offset that only grows: `GAVEL_TEST_CLOCK=1` runs on the real clock and
 * lets a test jump it forward, so displays keep counting between jumps.
 */
export function offsetClock(base: Clock, offsetMs = 0): AdjustableClock {
  let offset = offsetMs;
  return {
    now: () => base.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('A clock only moves forward.');
      offset += ms;
    },
  };
}

/** True when the clock can be moved by tests. */
export function isAdjustable(clock: Clock): clock is AdjustableClock {
  return typeof (clock as Partial<AdjustableClock>).advance === 'function';
}
