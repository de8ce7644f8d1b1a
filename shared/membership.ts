/**
 * Who was a State Party to the Rome Statute on a given day, from the spans the list of
 * delegations records (`parties` in `programmes/delegations.json`), and the category a State
 * takes on that day: a State Party, else an observer State. Days are ISO dates (YYYY-MM-DD),
 * which compare as text. Pure.
 */
import type { Category } from './categories.ts';
import type { Delegation } from './delegations.ts';
import type { Programme, ProgrammeProblem } from './programme.ts';

/**
 * One span of a State's membership: from the day the Statute entered into force for it, until
 * the day its withdrawal took effect (no longer a party on that day); no `until` while it is one.
 */
export interface PartySpan {
  readonly from: string;
  readonly until?: string;
}

/** The spans of each State that is or was a party, by delegation id. */
export type Parties = Readonly<Record<string, readonly PartySpan[]>>;

/** True for the categories of a State: a State Party or an observer State. Pure. */
export function isStateCategory(category: Category): boolean {
  return category === 'state-party' || category === 'observer-state';
}

/** True when one of the spans covers the day. Pure. */
export function isPartyOn(spans: readonly PartySpan[] | undefined, day: string): boolean {
  return (spans ?? []).some((s) => s.from <= day && (s.until === undefined || day < s.until));
}

/** The ids of the States Parties on the day, sorted. Pure. */
export function statesPartiesOn(parties: Parties, day: string): string[] {
  return Object.keys(parties)
    .filter((id) => isPartyOn(parties[id], day))
    .sort();
}

/**
 * A delegation's category at a meeting that ranks by `statesParties` (the ids of its day's
 * States Parties): a listed State is a State Party when it is among them, else an observer State;
 * anyone else keeps the category listed. Without such a list (a session created before Gavel
 * knew the dates), the listed category stands. Pure.
 */
export function categoryAmong(
  id: string,
  listed: Category,
  statesParties: readonly string[] | null,
): Category {
  if (statesParties === null || !isStateCategory(listed)) return listed;
  return statesParties.includes(id) ? 'state-party' : 'observer-state';
}

/** Delegations with their categories among `statesParties` (`categoryAmong`), in order. Pure. */
export function amongStatesParties<D extends { readonly id: string; readonly category: Category }>(
  list: readonly D[],
  statesParties: readonly string[] | null,
): D[] {
  return list.map((d) => {
    const category = categoryAmong(d.id, d.category, statesParties);
    return category === d.category ? d : { ...d, category };
  });
}

/** True when two entries differ in anything but their category (names, group, any new field). */
function differs(a: Delegation, b: Delegation): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('category');
  const field = (d: Delegation, key: string) => (d as unknown as Record<string, unknown>)[key];
  return [...keys].some((key) => field(a, key) !== field(b, key));
}

/**
 * What a list in effect (the secretariat's replacement) adds to or changes in the `shipped` list,
 * which the state machine and the pages know: its new delegations, and those whose names or
 * category differ, each State with its category among `statesParties`. A session carries them as
 * its own, so they are known by id and suggested by name. Empty for the shipped list. Pure.
 */
export function changesToShipped(
  list: readonly Delegation[],
  shipped: readonly Delegation[],
  statesParties: readonly string[] | null,
): Delegation[] {
  const byId = new Map(shipped.map((d) => [d.id, d]));
  return list
    .filter((d) => {
      const known = byId.get(d.id);
      if (!known) return true;
      const category = isStateCategory(d.category) !== isStateCategory(known.category);
      return (
        differs(d, known) ||
        category ||
        (!isStateCategory(d.category) && d.category !== known.category)
      );
    })
    .map((d) => {
      const category = categoryAmong(d.id, d.category, statesParties);
      return category === d.category ? d : { ...d, category };
    });
}

/**
 * The day whose States Parties rank a meeting's delegations: the day of its planned start, else
 * the first of its dates, else `today` (the day the session is created). Pure.
 */
export function meetingDay(
  meta: { readonly plannedStart: string | null; readonly dates?: { readonly from: string } },
  today: string,
): string {
  return meta.plannedStart?.slice(0, 10) ?? meta.dates?.from ?? today;
}

/** What is wrong with a programme's own list of States Parties: an id that is no State of `list`. */
export function statesPartiesProblems(
  programme: Programme,
  list: { readonly delegations: readonly Delegation[] },
): ProgrammeProblem[] {
  const states = new Set(
    list.delegations.filter((d) => isStateCategory(d.category)).map((d) => d.id),
  );
  return (programme.statesParties ?? []).flatMap((id, i) =>
    states.has(id)
      ? []
      : [
          {
            path: `statesParties[${i}]`,
            message: `"${id}" is not a State of the list of delegations`,
          },
        ],
  );
}

/**
 * A programme with the States Parties that rank its meeting: its own list, each id a State of
 * `list`, or else those of its day (`meetingDay`) by the list's spans. A programme whose own list
 * names anything but a listed State is refused, each problem at its path. Pure.
 */
export function withStatesParties(
  programme: Programme,
  list: { readonly delegations: readonly Delegation[]; readonly parties: Parties },
  today: string,
): { ok: true; programme: Programme } | { ok: false; problems: ProgrammeProblem[] } {
  if (programme.statesParties === undefined) {
    const statesParties = statesPartiesOn(list.parties, meetingDay(programme, today));
    return { ok: true, programme: { ...programme, statesParties } };
  }
  const problems = statesPartiesProblems(programme, list);
  return problems.length === 0 ? { ok: true, programme } : { ok: false, problems };
}
