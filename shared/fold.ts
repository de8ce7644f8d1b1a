/**
 * How names are compared wherever a delegation is looked up by what someone typed: the console's
 * and the live page's type-ahead, and a name typed instead of picked.
 */

/** Every apostrophe a keyboard types: ASCII, curly (an iPhone's ’ and ‘), modifier, accents. */
const APOSTROPHES = /['’‘ʼ´`]/g;

/**
 * A name folded for comparison: lower case, accents removed (NFD, then the marks dropped), every
 * apostrophe alike, and each run of spaces, apostrophes and punctuation one space, none at either
 * end. So "Côte d’Ivoire", "cote d'ivoire" and "COTE D IVOIRE" fold alike, and "États-Unis" is
 * "etats unis". Letters without a decomposition (ø, ß, œ) stay as they are. Pure.
 */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * An id made from a text (a segment's title, a speaker's or a delegation's name): folded as
 * `foldName` folds it, then to `a-z0-9-`, at most 48 characters, and made unique among `taken`
 * with `-2`, `-3`… (the id is added to `taken`); `fallback` when nothing of the text is left (a
 * name in another script). Pure but for `taken`.
 */
export function slug(text: string, taken: Set<string>, fallback: string): string {
  const base =
    foldName(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
