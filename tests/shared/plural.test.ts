import { describe, expect, it } from 'vitest';
import { pluralCategory, pluralKey } from '../../shared/plural.ts';

describe('plural forms', () => {
  it('follows each language’s rules: English 0 is plural, French 0 and 1 are singular', () => {
    expect([0, 1, 2, 5].map((n) => pluralCategory(n, 'en'))).toEqual([
      'other',
      'one',
      'other',
      'other',
    ]);
    expect([0, 1, 2, 5].map((n) => pluralCategory(n, 'fr'))).toEqual([
      'one',
      'one',
      'other',
      'other',
    ]);
  });

  it('picks the sentence for the category, or "other" when the catalogue has no such form', () => {
    const catalogue = new Set(['questions.one', 'questions.other']);
    const has = (key: string) => catalogue.has(key);
    expect(pluralKey('questions', 1, 'en', has)).toBe('questions.one');
    expect(pluralKey('questions', 0, 'en', has)).toBe('questions.other');
    expect(pluralKey('questions', 0, 'fr', has)).toBe('questions.one');
    // French has a "many" form for millions; a catalogue without it says "other".
    expect(pluralKey('questions', 1_000_000, 'fr', has)).toBe('questions.other');
  });
});
