/**
 * The secretariat's record, derived from the state the log rebuilds: every turn with planned,
 * granted and spoken time, the requests and their outcomes, and totals per segment, category and
 * delegation. Corrections made after the meeting stand beside the original figures. Pure.
 */
import type { Category } from './categories.ts';
import { csvTable, type CsvDelimiter, type CsvValue } from './csv.ts';
import { pick, type LocalText } from './localText.ts';
import type { RequestKind, Speaker } from './programme.ts';
import type {
  DelegationRef,
  FloorRequest,
  RequestStatus,
  SessionState,
  Turn,
  TurnCorrection,
  TurnRestart,
} from './state.ts';
import { lookupDelegation } from './domains/kit.ts';
import { elapsedAt, spokenAt } from './timer.ts';
import { formatZonedDateTime } from './zonedTime.ts';

export interface TurnRecord {
  readonly turnId: string;
  readonly segmentId: string;
  readonly segmentTitle: LocalText;
  readonly itemId: string;
  readonly requestId: string | null;
  readonly kind: Turn['kind'];
  readonly speaker: Speaker;
  readonly delegation: DelegationRef | null;
  readonly onBehalfOf: DelegationRef | null;
  readonly category: Category | null;
  readonly plannedMs: number;
  readonly grantedMs: number;
  /** Everything the speaker spoke, before and after any restart of the clock. */
  readonly spokenMs: number;
  readonly calledAt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** Time between the first start and the end that was not speaking time. */
  readonly pausedMs: number;
  /** Spoken beyond the granted time since the clock last (re)started from the full time. */
  readonly overrunMs: number;
  /** Each time the moderator restarted the clock, and what had been spoken before. */
  readonly restarts: readonly TurnRestart[];
  readonly interrupts: string | null;
  readonly interruptedBy: readonly string[];
  readonly recallOf: string | null;
  /**
   * False for a speaker called whose timer never ran (and whom no correction gives a start): the
   * turn is recorded as called, not heard, and counts in no total.
   */
  readonly heard: boolean;
  /**
   * The figures after corrections (equal to the originals when there are none). `counts` is
   * false for a turn a correction took out, and for a turn not heard.
   */
  readonly corrected: {
    readonly startedAt: number | null;
    readonly endedAt: number | null;
    readonly spokenMs: number;
    readonly counts: boolean;
  };
  readonly corrections: readonly TurnCorrection[];
}

export interface RequestRecord {
  readonly requestId: string;
  readonly delegation: DelegationRef;
  readonly category: Category;
  readonly kind: RequestKind;
  readonly speakerName: string | null;
  readonly onBehalfOf: DelegationRef | null;
  readonly addressedTo: string | null;
  readonly status: RequestStatus;
  readonly requestedAt: number;
  readonly byModerator: boolean;
  readonly reason: string | null;
  readonly turnId: string | null;
  readonly spokenMs: number;
}

export interface SegmentRecord {
  readonly segmentId: string;
  readonly title: LocalText;
  readonly kind: 'panel' | 'floor';
  readonly budgetMs: number;
  /** The sum of the items' allotted time (a panel), or the budget (an open floor). */
  readonly plannedMs: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** From entering the segment to leaving it. */
  readonly actualMs: number | null;
  readonly spokenMs: number;
  readonly turns: number;
}

export interface Total {
  readonly turns: number;
  readonly spokenMs: number;
}

export interface SessionRecord {
  readonly session: {
    readonly id: string;
    readonly title: LocalText;
    readonly venue: LocalText | null;
    readonly timeZone: string;
  };
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly plannedMs: number;
  readonly actualMs: number | null;
  readonly spokenMs: number;
  readonly turns: readonly TurnRecord[];
  readonly requests: readonly RequestRecord[];
  readonly notHeard: readonly RequestRecord[];
  readonly segments: readonly SegmentRecord[];
  readonly byCategory: readonly (Total & { readonly category: Category | 'none' })[];
  /**
   * One line per delegation, longest speaking time first; a panellist's turns count for the
   * panellist's organisation, never for a State (see `countsFor`).
   */
  readonly byDelegation: readonly (Total & {
    readonly delegation: DelegationRef;
    readonly category: Category | null;
  })[];
}

function turnRecord(state: SessionState, turn: Turn, now: number): TurnRecord {
  const end = turn.endedAt ?? now;
  const spokenMs = spokenAt(turn, end);
  const startedAt = turn.firstStartedAt;
  const pausedMs = startedAt === null ? 0 : Math.max(0, end - startedAt - spokenMs);
  let corrected = { startedAt, endedAt: turn.endedAt, spokenMs, counts: true };
  for (const c of turn.corrections) {
    const start = c.startedAt ?? corrected.startedAt;
    const end = c.endedAt ?? corrected.endedAt;
    // Moving the start or the end moves the speaking time by as much. A turn whose timer never
    // ran has no start to move: the span the correction gives is its speaking time.
    const delta =
      (corrected.startedAt !== null && start !== null ? corrected.startedAt - start : 0) +
      (corrected.endedAt !== null && end !== null ? end - corrected.endedAt : 0);
    const spoken =
      corrected.startedAt === null && start !== null && end !== null
        ? end - start
        : corrected.spokenMs + delta;
    corrected = {
      startedAt: start,
      endedAt: end,
      spokenMs: Math.max(0, spoken),
      counts: c.counts ?? corrected.counts,
    };
  }
  const heard = corrected.startedAt !== null;
  if (!heard) corrected = { ...corrected, counts: false };
  const segment = state.segments.find((s) => s.id === turn.segmentId);
  return {
    turnId: turn.id,
    segmentId: turn.segmentId,
    segmentTitle: segment?.title ?? turn.segmentId,
    itemId: turn.itemId,
    requestId: turn.requestId,
    kind: turn.kind,
    speaker: turn.speaker,
    delegation: turn.delegation,
    onBehalfOf: turn.onBehalfOf,
    category: turn.category,
    plannedMs: turn.plannedMs,
    grantedMs: turn.grantedMs,
    spokenMs,
    calledAt: turn.calledAt,
    startedAt,
    endedAt: turn.endedAt,
    pausedMs,
    // The countdown of the last restart is the one the speaker ran over.
    overrunMs: Math.max(0, elapsedAt(turn, end) - turn.grantedMs),
    restarts: turn.restarts ?? [],
    interrupts: turn.interrupts,
    interruptedBy: turn.interruptedBy,
    recallOf: turn.recallOf,
    heard,
    corrected,
    corrections: turn.corrections,
  };
}

function requestRecord(request: FloorRequest, turns: readonly TurnRecord[]): RequestRecord {
  return {
    requestId: request.id,
    delegation: request.delegation,
    category: request.category,
    kind: request.kind,
    speakerName: request.speakerName,
    onBehalfOf: request.onBehalfOf,
    addressedTo: request.addressedTo,
    status: request.status,
    requestedAt: request.requestedAt,
    byModerator: request.byModerator,
    reason: request.reason,
    turnId: request.turnId,
    spokenMs: turns
      .filter((t) => t.requestId === request.id && t.corrected.counts)
      .reduce((sum, t) => sum + t.corrected.spokenMs, 0),
  };
}

const STATES: ReadonlySet<Category> = new Set(['state-party', 'observer-state']);

/**
 * The delegation a turn's time counts for, and that delegation's category (the listed one, else
 * the turn's): the one it spoke for. A panellist's turn (remarks, presentation, summary, answer)
 * counts for the panellist's organisation (its listed delegation, else the organisation's name),
 * never for a State: a panel moderator from a State is not that State's statement. Null: none.
 */
function countsFor(
  state: SessionState,
  t: TurnRecord,
): { ref: DelegationRef; category: Category | null } | null {
  const named = t.speaker.organisation;
  const ref =
    t.delegation ??
    (t.category === 'panellist' && named
      ? { id: null, en: pick(named, 'en'), fr: pick(named, 'fr') }
      : null);
  if (!ref) return null;
  const listed = ref.id === null ? undefined : lookupDelegation(state, ref.id);
  if (t.category === 'panellist' && listed && STATES.has(listed.category)) return null;
  return { ref, category: listed?.category ?? t.category };
}

/**
 * The record of a session. `now` matters only for a turn still running (its time so far); for a
 * meeting that has ended the record is the same whatever `now` is. Pure.
 */
export function buildRecord(state: SessionState, now: number): SessionRecord {
  const turns = state.turns.map((t) => turnRecord(state, t, now));
  const counted = turns.filter((t) => t.corrected.counts);
  const requests = state.floor.requests.map((r) => requestRecord(r, turns));
  const segments: SegmentRecord[] = state.segments.map((s) => {
    const own = counted.filter((t) => t.segmentId === s.id);
    const end = s.endedAt ?? (s.status === 'active' ? now : null);
    return {
      segmentId: s.id,
      title: s.title,
      kind: s.kind,
      budgetMs: s.budgetMs,
      plannedMs:
        s.kind === 'panel'
          ? s.items
              .filter((i) => i.requestId === undefined)
              .reduce((sum, i) => sum + i.allottedMs, 0)
          : s.budgetMs,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      actualMs: s.startedAt === null || end === null ? null : end - s.startedAt,
      spokenMs: own.reduce((sum, t) => sum + t.corrected.spokenMs, 0),
      turns: own.length,
    };
  });
  const byCategory = new Map<Category | 'none', Total>();
  const byDelegation = new Map<
    string,
    Total & { delegation: DelegationRef; category: Category | null }
  >();
  for (const t of counted) {
    const key = t.category ?? 'none';
    const c = byCategory.get(key) ?? { turns: 0, spokenMs: 0 };
    byCategory.set(key, { turns: c.turns + 1, spokenMs: c.spokenMs + t.corrected.spokenMs });
    const owner = countsFor(state, t);
    if (owner) {
      // One line per delegation, whatever the kinds of its turns.
      const id = owner.ref.id ?? `text:${owner.ref.en.toLowerCase()}`;
      const d = byDelegation.get(id) ?? {
        delegation: owner.ref,
        category: owner.category,
        turns: 0,
        spokenMs: 0,
      };
      byDelegation.set(id, {
        ...d,
        turns: d.turns + 1,
        spokenMs: d.spokenMs + t.corrected.spokenMs,
      });
    }
  }
  const end = state.endedAt ?? (state.startedAt === null ? null : now);
  return {
    session: {
      id: state.id,
      title: state.meta.title,
      venue: state.meta.venue ?? null,
      timeZone: state.meta.timeZone,
    },
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    plannedMs: state.segments.reduce((sum, s) => sum + s.budgetMs, 0),
    actualMs: state.startedAt === null || end === null ? null : end - state.startedAt,
    spokenMs: counted.reduce((sum, t) => sum + t.corrected.spokenMs, 0),
    turns,
    requests,
    notHeard: requests.filter((r) => r.status === 'not-heard'),
    segments,
    byCategory: [...byCategory].map(([category, total]) => ({ category, ...total })),
    byDelegation: [...byDelegation.values()].sort((a, b) => b.spokenMs - a.spokenMs),
  };
}

/** The record's tables, each one CSV file. */
export const RECORD_TABLES = ['turns', 'requests', 'segments'] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/** A delegation's name in the record's language: French for `fr`, else English. */
const refName = (ref: DelegationRef | null | undefined, lang: string) =>
  ref && (lang === 'fr' ? ref.fr : ref.en);

/**
 * Who spoke in a turn, in `lang`: the honorific and name, or, for a delegation that took the
 * floor without naming its speaker, the delegation's name in that language (its turn's item was
 * named in English: "Afrique du Sud", not "South Africa", in French). `delegation` is the
 * delegation a named speaker of the floor spoke for, null otherwise. Pure.
 */
export function turnSpeaker(
  turn: Pick<TurnRecord, 'speaker' | 'delegation' | 'requestId'>,
  lang: string,
): { name: string; delegation: string | null } {
  const { speaker, delegation } = turn;
  const fromFloor = turn.requestId !== null && delegation !== null;
  if (fromFloor && speaker.name === delegation.en && speaker.honorific === undefined) {
    return { name: refName(delegation, lang) ?? speaker.name, delegation: null };
  }
  return {
    name: [pick(speaker.honorific, lang), speaker.name].filter(Boolean).join(' '),
    delegation: fromFloor ? (refName(delegation, lang) ?? null) : null,
  };
}

/**
 * One table of the record as CSV: whole seconds, a header row, instants as local date-times in
 * the session's time zone (`2016-11-16 10:05:30`, which Excel reads as a date), each such
 * column naming the zone in its header (`started_at (Europe/Amsterdam)`). The columns are
 * documented in docs/record.md. Text that a spreadsheet would read as a formula is guarded (see
 * `csvCell`). Comma-separated unless `delimiter` says `;` (a French Excel). Titles, honorifics
 * and delegations are in `lang` (a base code such as `fr`), each falling back to the programme's
 * first language. Pure.
 */
export function recordCsv(
  record: SessionRecord,
  table: RecordTable,
  delimiter: CsvDelimiter = ',',
  lang = 'en',
): string {
  const zone = record.session.timeZone;
  const local = (at: number | null) => (at === null ? null : formatZonedDateTime(at, zone));
  const instant = (column: string) => `${column} (${zone})`;
  let header: string[];
  let rows: CsvValue[][];
  switch (table) {
    case 'turns':
      header = [
        'turn',
        'segment',
        'item',
        'request',
        'kind',
        'speaker',
        'delegation',
        'on_behalf_of',
        'category',
        'planned_s',
        'granted_s',
        'spoken_s',
        'paused_s',
        'overrun_s',
        instant('started_at'),
        instant('ended_at'),
        'interrupted_by',
        'recall_of',
        'corrected_spoken_s',
        instant('corrected_started_at'),
        instant('corrected_ended_at'),
        'counts',
        'correction_notes',
        instant('restarted_at'),
      ];
      rows = record.turns.map((t) => [
        t.turnId,
        pick(t.segmentTitle, lang),
        t.itemId,
        t.requestId,
        t.kind,
        turnSpeaker(t, lang).name,
        refName(t.delegation, lang),
        refName(t.onBehalfOf, lang),
        t.category,
        seconds(t.plannedMs),
        seconds(t.grantedMs),
        seconds(t.spokenMs),
        seconds(t.pausedMs),
        seconds(t.overrunMs),
        local(t.startedAt),
        local(t.endedAt),
        t.interruptedBy.join(' '),
        t.recallOf,
        seconds(t.corrected.spokenMs),
        local(t.corrected.startedAt),
        local(t.corrected.endedAt),
        t.corrected.counts ? 'yes' : 'no',
        t.corrections.map((c) => c.note).join(' | '),
        t.restarts.map((r) => local(r.at)).join(' | '),
      ]);
      break;
    case 'requests':
      header = [
        'request',
        'delegation',
        'category',
        'kind',
        'speaker',
        'on_behalf_of',
        'addressed_to',
        'status',
        instant('requested_at'),
        'by_moderator',
        'reason',
        'turn',
        'spoken_s',
      ];
      rows = record.requests.map((r) => [
        r.requestId,
        refName(r.delegation, lang),
        r.category,
        r.kind,
        r.speakerName,
        refName(r.onBehalfOf, lang),
        r.addressedTo,
        r.status,
        local(r.requestedAt),
        r.byModerator ? 'yes' : 'no',
        r.reason,
        r.turnId,
        seconds(r.spokenMs),
      ]);
      break;
    case 'segments':
      header = [
        'segment',
        'title',
        'kind',
        'budget_s',
        'planned_s',
        instant('started_at'),
        instant('ended_at'),
        'actual_s',
        'spoken_s',
        'turns',
      ];
      rows = record.segments.map((s) => [
        s.segmentId,
        pick(s.title, lang),
        s.kind,
        seconds(s.budgetMs),
        seconds(s.plannedMs),
        local(s.startedAt),
        local(s.endedAt),
        seconds(s.actualMs),
        seconds(s.spokenMs),
        s.turns,
      ]);
      break;
    default: {
      table satisfies never;
      return '';
    }
  }
  return csvTable([header, ...rows], delimiter);
}
