/**
 * Who may speak at the Assembly, in the order of precedence the chair follows on the list of
 * speakers: States Parties first, then observer States, organisations, civil society, and last
 * the Court, the panellists and anyone not yet categorised.
 */
export const CATEGORIES = [
  'state-party',
  'observer-state',
  'organisation',
  'civil-society',
  'court',
  'panellist',
  'other',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** Rank of a category in the list of speakers: lower speaks earlier. Pure. */
export function categoryRank(category: Category): number {
  return CATEGORIES.indexOf(category);
}
