/**
 * A text people read, in one language or several: a plain string (in the programme's first
 * language), or a map from a language's base code (`en`, `fr`, `ar`) to its text. Kept apart from
 * the programme's zod schema so that a page picks a language without loading zod. Pure.
 */

/** A plain string, or at least one `{ language: text }` entry, the programme's first language first. */
export type LocalText = string | Readonly<Record<string, string>>;

/**
 * The text of `text` in `lang` (a base code such as `fr`, or a tag such as `fr-CH`, read as its
 * base), else in the map's first language, which is the programme's first. A plain string is
 * returned as it is, whatever `lang`; `undefined` stays `undefined`. Pure.
 */
export function pick(text: LocalText, lang: string): string;
export function pick(text: LocalText | undefined, lang: string): string | undefined;
export function pick(text: LocalText | undefined, lang: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  // Own keys only: `?lang=constructor` must not find Object's.
  const own = (code = '') => (Object.hasOwn(text, code) ? text[code] : undefined);
  return own(lang) ?? own(lang.split('-')[0]) ?? Object.values(text)[0] ?? '';
}
