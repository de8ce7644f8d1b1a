/** Type-ahead over the delegations: the shipped list and the session's additions. Pure. */
import type { Delegation } from '../../shared/delegations.ts';
import { foldName } from '../../shared/fold.ts';

/**
 * The delegations matching what was typed, compared as `foldName` folds them ("cote" finds "Côte
 * d’Ivoire", "etats" "États-Unis"), best first: the name in the page's language starting with it,
 * then a word of it, then the name in the other language or the id. At most `limit`.
 */
export function searchDelegations(
  all: readonly Delegation[],
  query: string,
  lang: 'en' | 'fr',
  limit = 8,
): Delegation[] {
  const q = foldName(query);
  if (q === '') return [];
  const ranked: { d: Delegation; rank: number; name: string }[] = [];
  for (const d of all) {
    const name = foldName(lang === 'fr' ? d.fr : d.en);
    const other = foldName(lang === 'fr' ? d.en : d.fr);
    let rank = -1;
    if (foldName(d.id) === q || name.startsWith(q)) rank = 0;
    else if (name.split(' ').some((w) => w.startsWith(q))) rank = 1;
    else if (name.includes(q)) rank = 2;
    else if (other.startsWith(q) || other.includes(q)) rank = 3;
    if (rank >= 0) ranked.push({ d, rank, name });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  return ranked.slice(0, limit).map((r) => r.d);
}

/** The delegation whose name (in either language) or id is exactly what was typed. */
export function exactDelegation(all: readonly Delegation[], text: string): Delegation | null {
  const q = foldName(text);
  if (q === '') return null;
  return (
    all.find((d) => foldName(d.id) === q || foldName(d.en) === q || foldName(d.fr) === q) ?? null
  );
}
