/**
 * Local date-times in a meeting's time zone, and back. Uses the runtime's time zone data through
 * Intl; pure for a given instant (nothing here reads the clock).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a time zone. Pure. */
export function zonedParts(
  epochMs: number,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormatter(timeZone).formatToParts(epochMs)) {
    if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
  }
  return out;
}

/** The time zone's offset from UTC at an instant, in ms (Amsterdam in winter: +3,600,000). Pure. */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * The instant of a local date-time (`2016-11-17T10:00`) in a time zone, as epoch ms; null when
 * the text is not such a date-time. In a gap of a clock change, the later reading. Pure.
 */
export function zonedToEpoch(local: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const asUtc = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
  );
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  const second = asUtc - zoneOffsetMs(first, timeZone);
  return second;
}

/** `HH:MM` of an instant in a time zone. Pure. */
export function formatZonedTime(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/**
 * `YYYY-MM-DD HH:MM:SS` of an instant in a time zone (`2016-11-16 10:05:30`): the local
 * date-time a spreadsheet reads as a date, where an ISO text with `T…Z` stays text. Whole
 * seconds (milliseconds are dropped, not rounded). Pure.
 */
export function formatZonedDateTime(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The date of an instant in a time zone, in words, so that no reader takes the day for the
 * month: `2 December 2026` in English (day first, as the UN and the ICC write it, never the
 * American `December 2`), `2 décembre 2026` in French. `lang` is a language code (`en`, `fr`).
 * Pure for a given runtime's locale data.
 */
export function formatZonedDate(epochMs: number, timeZone: string, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : lang;
  const key = `${locale}|${timeZone}`;
  let f = dateFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    dateFormatters.set(key, f);
  }
  return f.format(epochMs);
}
