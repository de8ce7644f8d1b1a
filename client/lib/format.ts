/** Small formatting helpers every view uses. */
import { formatClock } from '../../shared/duration.ts';
import { pick } from '../../shared/localText.ts';
import type { Speaker } from '../../shared/programme.ts';
import { formatZonedTime } from '../../shared/zonedTime.ts';

/** "Ms Fatou Bensouda", the honorific in the page's language `lang` ("Mme Fatou Bensouda"). */
export function speakerName(speaker: Speaker, lang: string): string {
  return [pick(speaker.honorific, lang), speaker.name].filter(Boolean).join(' ');
}

/** "Prosecutor, International Criminal Court", in the page's language `lang`. */
export function speakerRole(speaker: Speaker, lang: string): string {
  return [pick(speaker.function, lang), pick(speaker.organisation, lang)]
    .filter(Boolean)
    .join(', ');
}

/** A countdown figure: `7:42`, or `+1:05` in overtime. */
export function countdown(remainingMs: number): string {
  return remainingMs < 0 ? `+${formatClock(remainingMs)}` : formatClock(remainingMs);
}

/** Whole minutes for programme lists: `12′`. */
export function minutes(ms: number): string {
  const m = ms / 60_000;
  return `${Number.isInteger(m) ? m : m.toFixed(1)}′`;
}

/** `HH:MM` in the meeting's time zone. */
export function clockTime(epochMs: number, timeZone: string): string {
  return formatZonedTime(epochMs, timeZone);
}

/** Ahead or behind, in signed whole minutes: `+7` behind, `−3` ahead, `0` on time. */
export function signedMinutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m === 0) return '0';
  return m > 0 ? `+${m}` : `−${-m}`;
}
