/** Form text to command values. */
import type { LocalText } from '../../shared/localText.ts';

/**
 * A duration as typed: "12" or "2.5" become minutes as a number, "2:30" stays text; the server's
 * schema checks either and names what is wrong.
 */
export function durationInput(text: string): number | string {
  const trimmed = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** An optional text field: left out when blank (the schema refuses empty strings). */
export function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A programme text after the moderator edits what the console shows of it (`pick(before, lang)`):
 * a plain text is replaced; in a text with several languages only the entry shown changes (the
 * console's language, else the first language it fell back to) and the others stay; a blank field
 * removes that entry, and the whole text once no entry is left.
 */
export function editedText(
  before: LocalText | undefined,
  typed: string,
  lang: string,
): LocalText | undefined {
  const value = optional(typed);
  if (before === undefined || typeof before === 'string') return value;
  const shown = Object.hasOwn(before, lang) ? lang : Object.keys(before)[0];
  const rest = Object.entries(before).filter(([code]) => code !== shown);
  const entries =
    value === undefined || shown === undefined
      ? rest
      : Object.entries({ ...before, [shown]: value });
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
