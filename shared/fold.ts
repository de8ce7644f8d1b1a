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
