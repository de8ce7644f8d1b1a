/**
 * Small formatting helpers every view uses. Numbers and times follow the page's language (a
 * decimal comma in French), in Western digits in every language so that the figures on the phone
 * read like the countdown on the stage.
 */
import { formatClock } from '../../shared/duration.ts';
import { pick } from '../../shared/localText.ts';
import type { Speaker } from '../../shared/programme.ts';
import { useLang, type Lang } from './i18n.ts';

/** The `Intl` locale of a page language: its rules, Western digits. */
export const intlLocale = (lang: Lang): string => `${lang}-u-nu-latn`;
const current = (): Lang => useLang.getState().lang;

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

/** Minutes for programme lists, to a tenth: `12′`, `0.5′` (`0,5′` in French). */
export function minutes(ms: number, lang: Lang = current()): string {
  const m = new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 1 });
  return `${m.format(ms / 60_000)}′`;
}

/** `HH:MM` in the meeting's time zone, on the 24-hour clock, as the page's language writes it. */
export function clockTime(epochMs: number, timeZone: string, lang: Lang = current()): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(epochMs);
}

/** Ahead or behind, in signed whole minutes: `+7` behind, `−3` ahead, `0` on time. */
export function signedMinutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m === 0) return '0';
  return m > 0 ? `+${m}` : `−${-m}`;
}
