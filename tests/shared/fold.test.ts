/**
 * One way of folding a name for every delegation search: case, accents, every apostrophe a
 * keyboard types and runs of punctuation count for nothing. The console's and the live page's
 * type-ahead (pure modules) find Côte d’Ivoire however its apostrophe was typed, in the shipped
 * list (a straight one) and in a session's additions (a curly one).
 */
import { describe, expect, it } from 'vitest';
import * as consoleSearch from '../../client/console/delegationSearch.ts';
import * as liveSearch from '../../client/live/delegationSearch.ts';
import { DELEGATIONS, type Delegation } from '../../shared/delegations.ts';
import { foldName, slug } from '../../shared/fold.ts';

describe('foldName', () => {
  it.each([
    ['Côte d’Ivoire', 'cote d ivoire'],
    ["Côte d'Ivoire", 'cote d ivoire'],
    ['Côte d‘Ivoire', 'cote d ivoire'],
    ['Côte dʼIvoire', 'cote d ivoire'],
    ['Côte d´Ivoire', 'cote d ivoire'],
    ['Côte d`Ivoire', 'cote d ivoire'],
    ['cote d’ivoire', 'cote d ivoire'],
    ['COTE D IVOIRE', 'cote d ivoire'],
    ['États-Unis d’Amérique', 'etats unis d amerique'],
    ['  Parliamentarians for Global Action (PGA) ', 'parliamentarians for global action pga'],
    ['Bosnia  and\tHerzegovina', 'bosnia and herzegovina'],
    ['Türkiye', 'turkiye'],
    ['São Tomé and Príncipe', 'sao tome and principe'],
    ['Danmark ø', 'danmark ø'],
    ['', ''],
    ['’', ''],
  ])('folds %j to %j', (text, folded) => {
    expect(foldName(text)).toBe(folded);
  });

  it('folds a folded name to itself', () => {
    for (const d of DELEGATIONS) {
      for (const name of [d.en, d.fr]) expect(foldName(foldName(name))).toBe(foldName(name));
    }
  });
});

const curly: Delegation = {
  id: 'civ-x',
  en: 'Côte d’Ivoire',
  fr: 'Côte d’Ivoire',
  category: 'other',
};
const TYPED = ['cote d’ivoire', "cote d'ivoire", 'Côte d‘Ivoire', 'cote d'] as const;

describe.each([
  ['the shipped list', DELEGATIONS, 'civ'],
  ["a session's addition with a curly apostrophe", [curly], 'civ-x'],
] as const)('Côte d’Ivoire in %s', (_, list, id) => {
  it.each(TYPED)('is found by the live page typed %j', (typed) => {
    for (const lang of ['en', 'fr'] as const) {
      expect(liveSearch.searchDelegations(list, typed, lang)[0]?.id).toBe(id);
    }
  });

  it.each(TYPED)('is found by the console typed %j', (typed) => {
    for (const lang of ['en', 'fr'] as const) {
      expect(consoleSearch.searchDelegations(list, typed, lang)[0]?.id).toBe(id);
    }
  });

  it.each(TYPED.slice(0, 3))('is the console’s exact match typed %j', (typed) => {
    expect(consoleSearch.exactDelegation(list, typed)?.id).toBe(id);
  });
});

describe('the searches otherwise', () => {
  it('find a delegation by its id, as typed', () => {
    expect(liveSearch.searchDelegations(DELEGATIONS, 'icc-otp', 'en')[0]?.id).toBe('icc-otp');
    expect(consoleSearch.searchDelegations(DELEGATIONS, 'icc-otp', 'en')[0]?.id).toBe('icc-otp');
    expect(consoleSearch.exactDelegation(DELEGATIONS, 'FRA')?.id).toBe('fra');
  });

  it('find a word inside a name, hyphenated or not', () => {
    for (const typed of ['etats unis', 'États-Unis', 'etats-unis']) {
      expect(liveSearch.searchDelegations(DELEGATIONS, typed, 'fr')[0]?.id).toBe('usa');
      expect(consoleSearch.searchDelegations(DELEGATIONS, typed, 'fr')[0]?.id).toBe('usa');
    }
  });

  it('find nothing for an empty query or one of punctuation only', () => {
    for (const typed of ['', '  ', '’', '-']) {
      expect(liveSearch.searchDelegations(DELEGATIONS, typed, 'en')).toEqual([]);
      expect(consoleSearch.searchDelegations(DELEGATIONS, typed, 'en')).toEqual([]);
      expect(consoleSearch.exactDelegation(DELEGATIONS, typed)).toBeNull();
    }
  });
});

describe('slug', () => {
  it('makes an id of a name, unique among those taken, and notes it as taken', () => {
    const taken = new Set(['fra', 'cote-d-ivoire']);
    expect(slug('Côte d’Ivoire', taken, 'x')).toBe('cote-d-ivoire-2');
    expect(slug('Côte d’Ivoire', taken, 'x')).toBe('cote-d-ivoire-3');
    expect(slug('FRA', taken, 'x')).toBe('fra-2');
    expect(slug('Victims’ Rights Working Group', taken, 'x')).toBe('victims-rights-working-group');
    expect(slug('مجموعة', taken, 'delegation')).toBe('delegation');
    expect(slug('مجموعة', taken, 'delegation')).toBe('delegation-2');
    expect(taken.has('fra-2')).toBe(true);
  });
});
