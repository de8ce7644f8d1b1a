/** Durations as people write them in programme files, and as Gavel shows them. */

const MS_PER_MINUTE = 60_000;

/**
 * Reads a duration written as minutes (a number, decimals allowed) or as `"m:ss"` (also
 * `"h:mm:ss"`). Returns milliseconds, or `null` when the text is not a duration. Pure.
 */
export function parseDuration(value: number | string): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? Math.round(value * MS_PER_MINUTE) : null;
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * MS_PER_MINUTE);
  const match = /^(?:(\d+):)?(\d+):([0-5]\d)$/.exec(text);
  if (!match) return null;
  const [, hours, minutes, seconds] = match;
  return ((Number(hours ?? 0) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

/**
 * Writes milliseconds the way a programme file takes them back: whole minutes as a number,
 * anything else as `"m:ss"` (rounded to the second). Pure.
 */
export function formatDurationForFile(ms: number): number | string {
  if (ms % MS_PER_MINUTE === 0) return ms / MS_PER_MINUTE;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * A clock figure for a countdown: `m:ss`, or `h:mm:ss` from an hour. Seconds are rounded up, so
 * `0:00` shows only when no time is left and the first millisecond of overtime already reads
 * `1` second. The sign is not written. Pure.
 */
export function formatClock(ms: number): string {
  const total = Math.ceil(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** A spoken or planned length for tables: `m:ss`, rounded to the nearest second. Pure. */
export function formatLength(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const sign = ms < 0 ? '−' : '';
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
