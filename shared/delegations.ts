/**
 * Who may take the floor at the Assembly of States Parties to the Rome Statute of the
 * International Criminal Court: the States Parties, the observer States that usually attend, and
 * the organisations, civil society and organs of the Court that are usually given the floor.
 * Shipped data only, kept as data in `programmes/delegations.json` (its shape is checked by
 * `delegationList.ts`, when the server starts and in the tests); a programme file may add its
 * own delegations.
 */

import type { Category } from './categories.ts';
// Named imports, so that a page's bundle carries only the list and not the note beside it.
import {
  asOf,
  delegations,
  sourceNote,
  version,
} from './programmes/delegations.json' with { type: 'json' };

/** A delegation that may be put on the list of speakers, with its names in English and French. */
export interface Delegation {
  /** Stable id: lowercase ISO 3166-1 alpha-3 code for States, a short readable slug otherwise. */
  readonly id: string;
  /** English name, as used by the United Nations for States. */
  readonly en: string;
  /** French name, as used by the United Nations for States. */
  readonly fr: string;
  readonly category: Category;
  /** True when the delegation speaks on behalf of a group (a union of States, a coalition). */
  readonly group?: boolean;
}

/** Version of the shape and content of the list; raise it when entries change. */
export const DELEGATIONS_VERSION: number = version;

/** ISO date as of which the list of States Parties is stated. */
export const DELEGATIONS_AS_OF: string = asOf;

/** What the list reflects, in plain English, for the about page and exported files. */
export const DELEGATIONS_SOURCE_NOTE: string = sourceNote;

/**
 * Every delegation Gavel ships, sorted by category (in the order of `CATEGORIES`) and then by
 * English name. The JSON's categories are plain text to the compiler: the check in
 * `delegationList.ts` is what holds them to `Category`.
 */
export const DELEGATIONS = delegations as readonly Delegation[];

const BY_ID: ReadonlyMap<string, Delegation> = new Map(DELEGATIONS.map((d) => [d.id, d]));

/** The shipped delegation with this id, or `undefined` when there is none. Pure. */
export function findDelegation(id: string): Delegation | undefined {
  return BY_ID.get(id);
}

/** The name of a delegation in the given language. Pure. */
export function delegationName(d: Delegation, lang: 'en' | 'fr'): string {
  return lang === 'fr' ? d.fr : d.en;
}
