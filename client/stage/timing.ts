/**
 * How long the stage's attention signals last. Each is worked out from server time, not from when
 * the page saw it, so a display that joins late or reconnects does not flash again for nothing.
 */

/** Overtime flashes this long after zero, then stays still so it does not distract the room. */
export const OVERTIME_FLASH_MS = 6_000;
/** The moderator's "flash the stage". */
export const STAGE_FLASH_MS = 3_000;
/** A flashing message flashes this long after it was shown, then stays highlighted. */
export const MESSAGE_FLASH_MS = 10_000;

/** True while something that started at `at` is within `durationMs` of `now`. Pure. */
export function within(at: number | null | undefined, durationMs: number, now: number): boolean {
  return at !== null && at !== undefined && now >= at && now - at < durationMs;
}
