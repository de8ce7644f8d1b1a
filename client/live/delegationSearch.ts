/**
 * Type-ahead over the delegations Gavel ships and those the session added: matched in the page's
 * language first, then in the other, compared as `foldName` folds them ("cote d'ivoire" finds
 * "Côte d’Ivoire"). Pure.
 */
import type { Delegation } from '../../shared/delegations.ts';
import { foldName } from '../../shared/fold.ts';
import type { Lang } from '../lib/i18n.ts';

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
): Delegation[] {
  const q = foldName(query);
  if (q === '') return [];
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const ranked: { d: Delegation; rank: number }[] = [];
  for (const d of list) {
    const own = score(d[lang], q);
    const theirs = score(d[other], q);
    const byId = foldName(d.id) === q ? 0 : null;
    const candidates = [byId, own, theirs === null ? null : theirs + 3].filter(
      (x): x is number => x !== null,
    );
    if (candidates.length > 0) ranked.push({ d, rank: Math.min(...candidates) });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.d[lang].localeCompare(b.d[lang], lang));
  return ranked.slice(0, limit).map((r) => r.d);
}
