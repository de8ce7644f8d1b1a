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
    expect(DELEGATIONS_VERSION).toBe(2);
    expect(DELEGATIONS_AS_OF).toBe('2026-11-01');
    expect(DELEGATIONS_SOURCE_NOTE).toMatch(/^States Parties to the Rome Statute with, for each/);
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
  const spans = (file: Record<string, unknown>) =>
    file.parties as Record<string, { from: string; until?: string }[] | undefined>;

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
    ['no spans of membership', copy((f) => delete f.parties), /^parties$/],
    [
      'a State Party with no span',
      copy((f) => delete spans(f).fra),
      /delegations\[\d+\]\.category/,
    ],
    [
      'an observer State whose span makes it a party',
      copy((f) => (spans(f).chn = [{ from: '2002-07-01' }])),
      /delegations\[\d+\]\.category/,
    ],
    [
      'spans for an organisation',
      copy((f) => (spans(f).eu = [{ from: '2002-07-01' }])),
      /parties\.eu/,
    ],
    [
      'spans for an unknown id',
      copy((f) => (spans(f).atl = [{ from: '2002-07-01' }])),
      /parties\.atl/,
    ],
    [
      'a span that ends before it begins',
      copy((f) => (spans(f).bdi = [{ from: '2004-12-01', until: '2004-11-30' }])),
      /parties\.bdi\[0\]/,
    ],
    [
      'spans that overlap',
      copy((f) => spans(f).bdi?.push({ from: '2017-01-01' })),
      /parties\.bdi\[1\]\.from/,
    ],
  ])('is refused for %s', (_, file, path) => {
    const problems = delegationListProblems(file);
    expect(problems.map((p) => p.path).join(' ')).toMatch(path);
  });

  it('says what to do about a State whose category its spans contradict', () => {
    const file = copy((f) => delete spans(f).fra);
    expect(delegationListProblems(file)).toEqual([
      {
        path: `delegations[${DELEGATIONS.findIndex((d) => d.id === 'fra')}].category`,
        message:
          '"fra" is listed as state-party, but no span of it in "parties" covers 2026-11-01: add or correct its span, or list it as observer-state',
      },
    ]);
  });
});
