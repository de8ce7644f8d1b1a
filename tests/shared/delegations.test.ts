/**
 * The shipped list of delegations is data (`shared/programmes/delegations.json`): checked against
 * its schema, each id once, sorted by category; the module that loads it gives the same list and
 * facts as the array it replaced; a broken copy is named problem by problem.
 */
import { describe, expect, it } from 'vitest';
import { delegationListProblems } from '../../shared/delegationList.ts';
import {
  DELEGATIONS,
  DELEGATIONS_AS_OF,
  DELEGATIONS_SOURCE_NOTE,
  DELEGATIONS_VERSION,
  findDelegation,
} from '../../shared/delegations.ts';
import shipped from '../../shared/programmes/delegations.json' with { type: 'json' };

describe('the shipped list of delegations', () => {
  it('passes its schema', () => {
    expect(delegationListProblems(shipped)).toEqual([]);
  });

  it('is what the module exports', () => {
    expect(DELEGATIONS_VERSION).toBe(1);
    expect(DELEGATIONS_AS_OF).toBe('2026-11-01');
    expect(DELEGATIONS_SOURCE_NOTE).toMatch(/^Lists the 124 States Parties/);
    expect(DELEGATIONS).toHaveLength(194);
    expect(DELEGATIONS.filter((d) => d.category === 'state-party')).toHaveLength(124);
    expect(findDelegation('civ')).toEqual({
      id: 'civ',
      en: "Côte d'Ivoire",
      fr: "Côte d'Ivoire",
      category: 'state-party',
    });
    expect(findDelegation('eu')?.group).toBe(true);
  });
});

describe('a broken copy', () => {
  const copy = (change: (file: Record<string, unknown>) => void): unknown => {
    const file = structuredClone(shipped) as unknown as Record<string, unknown>;
    change(file);
    return file;
  };
  const entries = (file: Record<string, unknown>) => file.delegations as Record<string, unknown>[];

  it.each([
    [
      'an id given twice',
      copy((f) => entries(f).push({ ...entries(f)[0] })),
      /delegations\[194\]\.id/,
    ],
    [
      'a category Gavel does not know',
      copy((f) => Object.assign(entries(f)[0] ?? {}, { category: 'state' })),
      /delegations\[0\]\.category/,
    ],
    [
      'a state party after the Court',
      copy((f) => entries(f).push({ id: 'zzz', en: 'Z', fr: 'Z', category: 'state-party' })),
      /delegations\[194\]\.category/,
    ],
    ['a date that is not one', copy((f) => (f.asOf = '1 November 2026')), /asOf/],
    ['no version', copy((f) => delete f.version), /version/],
    ['a key nobody reads', copy((f) => Object.assign(entries(f)[1] ?? {}, { iso: 'ALB' })), /iso/],
  ])('is refused for %s', (_, file, path) => {
    const problems = delegationListProblems(file);
    expect(problems.map((p) => p.path).join(' ')).toMatch(path);
  });
});
