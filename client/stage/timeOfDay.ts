/** The time of day for `?clock`, with seconds, in the meeting's time zone. */
import { zonedParts } from '../../shared/zonedTime.ts';

/** `14:32:05`. Pure. */
export function timeOfDay(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}
