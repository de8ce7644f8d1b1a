/**
 * Options an AV crew puts in a display's address. `?lang=fr` fixes the language of a screen
 * whatever the browser's settings, since a stage or overlay machine is rarely set up by the people
 * who read it.
 */

/** The language `?lang=` names, if any: the page uses it when it has that language. */
export function langParam(search: string = location.search): string | null {
  return new URLSearchParams(search).get('lang');
}

/** A parameter's value, or null. */
export function param(name: string, search: string = location.search): string | null {
  return new URLSearchParams(search).get(name);
}
