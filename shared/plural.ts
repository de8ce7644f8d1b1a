/**
 * Plural forms by a language's rules (CLDR, through `Intl.PluralRules`): English says "1
 * question", "0 questions"; French "0 question", "1 question", "2 questions". A catalogue gives a
 * sentence per category it needs (`questions.one`, `questions.other`); `other` is always there and
 * stands in for any category a language has but the catalogue does not (French "many", for
 * millions). Pure.
 */

const rules = new Map<string, Intl.PluralRules>();

/** The plural category of a count in a language: "one", "other", and so on. Pure. */
export function pluralCategory(count: number, lang: string): Intl.LDMLPluralRule {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang);
    rules.set(lang, r);
  }
  return r.select(count);
}

/**
 * The key of the sentence for a count: `${base}.${category}` when the catalogue has it, else
 * `${base}.other`. Pure.
 */
export function pluralKey(
  base: string,
  count: number,
  lang: string,
  has: (key: string) => boolean,
): string {
  const key = `${base}.${pluralCategory(count, lang)}`;
  return has(key) ? key : `${base}.other`;
}
