/**
 * Options an AV crew puts in a display's address. `?lang=fr` fixes the language of a screen
 * whatever the browser's settings, since a stage or overlay machine is rarely set up by the people
 * who read it.
 */
import { LANGS, setLang, type Lang } from '../lib/i18n.ts';

/** Applies `?lang=` when it names a language Gavel has. */
export function applyLangParam(search: string = location.search): void {
  const wanted = new URLSearchParams(search).get('lang')?.toLowerCase();
  const known = LANGS.find((l) => l.code === wanted);
  if (known) setLang(known.code as Lang);
}

/** A parameter's value, or null. */
export function param(name: string, search: string = location.search): string | null {
  return new URLSearchParams(search).get(name);
}
