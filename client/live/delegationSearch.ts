/**
 * Type-ahead over the delegations Gavel ships and those the session added: matched in the page's
 * language first, then in English (French for an English page), compared as `foldName` folds them ("cote d'ivoire" finds
 * "Côte d’Ivoire"). Pure.
 */
import type { Delegation } from '../../shared/delegations.ts';
import { foldName } from '../../shared/fold.ts';
import type { Lang } from '../lib/i18n.ts';

/**
 * A shipped delegation's name in `lang`: English and French are the list's, the other languages'
 * come in `names` by id (English when a name is missing). Pure.
 */
export function delegationName(
  d: Delegation,
  lang: Lang,
  names: Readonly<Record<string, string>> = {},
): string {
  if (lang === 'en' || lang === 'fr') return d[lang];
  return names[d.id] ?? d.en;
}

function score(label: string, q: string): number | null {
  const l = foldName(label);
  if (l.startsWith(q)) return 0;
  if (l.split(' ').some((word) => word.startsWith(q))) return 1;
  if (l.includes(q)) return 2;
  return null;
}

/** The best matches for what was typed, at most `limit`; none for an empty query. */
export function searchDelegations(
  list: readonly Delegation[],
  query: string,
  lang: Lang,
  limit = 8,
  names: Readonly<Record<string, string>> = {},
): Delegation[] {
  const q = foldName(query);
  if (q === '') return [];
  const own = (d: Delegation) => delegationName(d, lang, names);
  const other = (d: Delegation) => (lang === 'en' ? d.fr : d.en);
  const ranked: { d: Delegation; rank: number }[] = [];
  for (const d of list) {
    const mine = score(own(d), q);
    const theirs = score(other(d), q);
    const byId = foldName(d.id) === q ? 0 : null;
    const candidates = [byId, mine, theirs === null ? null : theirs + 3].filter(
      (x): x is number => x !== null,
    );
    if (candidates.length > 0) ranked.push({ d, rank: Math.min(...candidates) });
  }
  ranked.sort((a, b) => a.rank - b.rank || own(a.d).localeCompare(own(b.d), lang));
  return ranked.slice(0, limit).map((r) => r.d);
}
