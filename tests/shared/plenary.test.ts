/**
 * The cooperation plenary of the 15th Assembly, driven start to end with the built-in programme:
 * every instant is a literal offset from 10:00 in The Hague, every figure is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { CommandOf } from '../../shared/commands.ts';
import { evolve } from '../../shared/machine.ts';
import { buildRecord, type SessionRecord, type TurnRecord } from '../../shared/record.ts';
import { computeSchedule } from '../../shared/schedule.ts';
import type { FloorRequest } from '../../shared/state.ts';
import { viewFor } from '../../shared/views.ts';
import { formatZonedTime, zonedToEpoch } from '../../shared/zonedTime.ts';
import { Driver, MINUTE, MODERATOR, T0, delegate, plenary } from './helpers.ts';

/** Moves the clock to `offset` ms after 10:00 (never back). */
function at(d: Driver, offset: number): Driver {
  const to = T0 + offset;
  expect(to).toBeGreaterThanOrEqual(d.now);
  d.now = to;
  return d;
}

const next = { type: 'speaker.next', start: true } as const;

/** When the panel ends and the open floor begins. */
const F = 5_760_750;

type Step = readonly [offset: number, run: (d: Driver) => void];

/**
 * The panel, from the planned start to the open floor. Mr Wilke's opening starts 2 min late; Ms
 * Bensouda overruns by 1:30.25; Mr Al-Sour's timer is paused 1:30; a "next" pressed by mistake
 * during Ms Coninsx is undone 5 s later; Mr von Hebel is recalled for 45 s; the summary overruns.
 */
const PANEL: readonly Step[] = [
  [
    -15 * MINUTE,
    (d) =>
      d.ok({
        type: 'session.update',
        changes: { plannedStart: '2016-11-17T10:00', timeZone: 'Europe/Amsterdam' },
      }),
  ],
  [120_000, (d) => d.ok({ type: 'session.start' }) && d.ok(next)], // Ambassador Wilke
  [340_000, (d) => d.ok(next)], // Mr IJzerman
  [600_500, (d) => d.ok(next)], // Ms Bensouda
  [1_350_750, (d) => d.ok(next)], // Mr Al-Sour
  [1_530_750, (d) => d.ok({ type: 'timer.pause' })],
  [1_620_750, (d) => d.ok({ type: 'timer.start' })],
  [2_100_750, (d) => d.ok(next)], // Ms Coninsx
  [
    2_640_750,
    (d) => {
      d.ok(next); // by mistake: Ms Bomberger
      expect(d.turn().itemId).toBe('bomberger');
    },
  ],
  [
    2_645_750,
    (d) => {
      d.ok({ type: 'undo' });
      expect(d.turn().itemId).toBe('coninsx');
    },
  ],
  [2_760_750, (d) => d.ok(next)], // Ms Bomberger
  [3_360_750, (d) => d.ok(next)], // Mr von Hebel
  [4_020_750, (d) => d.ok({ type: 'speaker.finish' })],
  [4_050_750, (d) => d.ok({ type: 'speaker.recall', start: true })],
  [4_095_750, (d) => d.ok({ type: 'speaker.finish' })],
  [4_110_750, (d) => d.ok(next)], // Mr Gassama
  [4_740_750, (d) => d.ok(next)], // Mr Bernard
  [5_400_750, (d) => d.ok(next)], // the moderator's summary
  [F, (d) => d.ok({ type: 'speaker.next' })], // into the open floor, nobody speaking
];

/**
 * Runs the panel with the built-in plenary, and `extra` steps in between (after the panel's own
 * step at the same instant).
 */
function runPanel(extra: readonly Step[] = []): Driver {
  const d = new Driver(plenary(), T0 - 30 * MINUTE);
  const steps = [...PANEL, ...extra].sort((x, y) => x[0] - y[0]); // stable: the panel's first
  for (const [offset, step] of steps) step(at(d, offset));
  return d;
}

/** The figures of a turn this test checks, instants as offsets from 10:00. */
function figures(t: TurnRecord) {
  return {
    item: t.itemId,
    from: (t.startedAt ?? 0) - T0,
    to: (t.endedAt ?? 0) - T0,
    planned: t.plannedMs,
    granted: t.grantedMs,
    spoken: t.spokenMs,
    paused: t.pausedMs,
    overrun: t.overrunMs,
  };
}

type Row = [
  item: string,
  from: number,
  to: number,
  planned: number,
  spoken: number,
  paused: number,
  overrun: number,
];
const row = ([item, from, to, planned, spoken, paused, overrun]: Row) => ({
  item,
  from,
  to,
  planned,
  granted: planned,
  spoken,
  paused,
  overrun,
});

const PANEL_TURNS: Row[] = [
  ['opening', 120_000, 340_000, 240_000, 220_000, 0, 0],
  ['introduction', 340_000, 600_500, 240_000, 260_500, 0, 20_500],
  ['bensouda', 600_500, 1_350_750, 660_000, 750_250, 0, 90_250],
  ['al-sour', 1_350_750, 2_100_750, 660_000, 660_000, 90_000, 0],
  ['coninsx', 2_100_750, 2_760_750, 660_000, 660_000, 0, 0],
  ['bomberger', 2_760_750, 3_360_750, 660_000, 600_000, 0, 0],
  ['von-hebel', 3_360_750, 4_020_750, 660_000, 660_000, 0, 0],
  ['von-hebel', 4_050_750, 4_095_750, 660_000, 45_000, 0, 0],
  ['gassama', 4_110_750, 4_740_750, 660_000, 630_000, 0, 0],
  ['bernard', 4_740_750, 5_400_750, 660_000, 660_000, 0, 0],
  ['summary', 5_400_750, F, 300_000, 360_000, 0, 60_000],
];

describe('the panel half of the plenary', () => {
  it('leaves the turns that were spoken, paused, overrun and recalled, to the millisecond', () => {
    const d = runPanel();
    const record = buildRecord(d.state, d.now);
    expect(record.turns.map(figures)).toEqual(PANEL_TURNS.map(row));
    expect(record.turns.map((t) => t.kind)).toEqual([
      'remarks',
      'remarks',
      ...Array(8).fill('presentation'),
      'summary',
    ]);
    // The recall is a turn of its own; the first one stays in the record.
    const [vonHebel, recall] = record.turns.filter((t) => t.itemId === 'von-hebel');
    expect(recall?.recallOf).toBe(vonHebel?.turnId);
    // The undone "next" left no turn for Ms Bomberger at 10:44, and Ms Coninsx spoke through it.
    expect(record.turns.filter((t) => t.itemId === 'bomberger')).toHaveLength(1);
    // Every item spoke once, in the programme's order, and is done.
    expect(d.state.segments[0]?.items.map((i) => i.status)).toEqual(Array(10).fill('done'));
    expect(record.segments[0]).toMatchObject({
      segmentId: 'panel',
      startedAt: T0 + 120_000,
      endedAt: T0 + F,
      actualMs: F - 120_000,
      plannedMs: 90 * MINUTE,
      budgetMs: 90 * MINUTE,
      spokenMs: 5_505_750,
      turns: 11,
    });
    expect(d.state.currentSegmentId).toBe('floor');
    expect(d.state.currentTurnId).toBeNull();
    expect(record.turns.map((t) => t.category)).toEqual(Array(11).fill('panellist'));
    expect(d.events.reduce(evolve, d.initial)).toEqual(d.state);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* The whole plenary                                                                          */
/* ------------------------------------------------------------------------------------------ */

type Ask = Omit<CommandOf<'floor.request'>, 'type'>;
/** The 19 delegations that ask while Mr von Hebel speaks, in the order they ask. */
const EARLY: readonly Ask[] = [
  { delegation: 'nld', kind: 'statement' },
  { delegation: 'fra', kind: 'question', addressedTo: 'bensouda', speakerName: 'Mr Dupont' },
  { delegation: 'deu', kind: 'statement' },
  { delegation: 'chn', kind: 'statement' },
  { delegation: 'eu', kind: 'statement' },
  { delegation: 'amnesty', kind: 'statement' },
  { delegation: 'bel', kind: 'question', addressedTo: 'coninsx' },
  { delegation: 'gbr', kind: 'statement' },
  { delegation: 'usa', kind: 'statement' },
  { delegation: 'sen', kind: 'statement', onBehalfOf: 'au' },
  { delegation: 'jpn', kind: 'question', addressedTo: 'bensouda' },
  { delegation: 'hrw', kind: 'statement' },
  { delegation: 'arg', kind: 'statement' },
  { delegation: 'mex', kind: 'statement' },
  { delegation: 'icrc', kind: 'statement' }, // inscribed by the secretariat
  { delegation: 'cicc', kind: 'statement' },
  { delegation: 'ukr', kind: 'statement' },
  { delegation: 'Coalition of Atlantis NGOs', kind: 'statement' },
  { delegation: 'caf', kind: 'statement' },
];

const deviceOf = (delegation: string) => delegate(`phone-${delegation}`);

function requestOf(d: Driver, delegation: string, kind: string): FloorRequest {
  const r = d.state.floor.requests.find(
    (x) => (x.delegation.id ?? x.delegation.en) === delegation && x.kind === kind,
  );
  if (!r) throw new Error(`no ${kind} request of ${delegation}`);
  return r;
}

function queueOf(d: Driver): string[] {
  return d.state.floor.queue.map((id) => {
    const r = d.state.floor.requests.find((x) => x.id === id);
    return `${r?.panellist ?? r?.delegation.id ?? r?.delegation.en} ${r?.kind}`;
  });
}

/** The list of speakers during the panel: opened at 11:00, 19 asks, approvals at 11:01:40. */
function openTheList(d: Driver): void {
  d.ok({ type: 'floor.open' });
  EARLY.forEach((ask, i) => {
    at(d, 3_601_000 + i * 1000);
    if (ask.delegation === 'icrc') d.ok({ type: 'floor.request', ...ask });
    else d.ok({ type: 'floor.request', ...ask }, deviceOf(ask.delegation));
  });
  at(d, 3_650_000).ok(
    { type: 'floor.withdraw', requestId: requestOf(d, 'hrw', 'statement').id },
    deviceOf('hrw'),
  );
  at(d, 3_700_000);
  for (const r of d.state.floor.requests.filter((x) => x.status === 'requested')) {
    const name = r.delegation.id ?? r.delegation.en;
    if (name === 'usa') {
      d.ok({
        type: 'floor.decline',
        requestId: r.id,
        reason: 'Observer States speak once the States Parties are heard; time did not allow.',
      });
    } else if (r.delegation.id === null) {
      d.ok({ type: 'floor.approve', requestId: r.id, category: 'civil-society' });
    } else {
      d.ok({ type: 'floor.approve', requestId: r.id });
    }
  }
}

function schedule(d: Driver) {
  const s = computeSchedule(viewFor(d.state, MODERATOR), d.now);
  return {
    expectedEnd: s.expectedEndAt - T0,
    behind: s.behindMs,
    minutesBehind: s.behindMs === null ? null : Math.round(s.behindMs / 60_000),
    endsAt: formatZonedTime(s.expectedEndAt, 'Europe/Amsterdam'),
    segments: s.segments.map((g) => g.expectedEndAt - T0),
  };
}

describe('the whole plenary', () => {
  it('runs the panel, an open floor of 25 requests and the concluding remarks; the record is what was done', () => {
    const checks: Record<string, ReturnType<typeof schedule>> = {};
    const d = runPanel([
      [-15 * MINUTE, (x) => (checks.before = schedule(x))],
      [120_000, (x) => (checks.started = schedule(x))],
      [
        1_320_500,
        (x) => {
          // Ms Bensouda at 12:00 of her 11 minutes.
          checks.bensouda = schedule(x);
          const item = computeSchedule(viewFor(x.state, MODERATOR), x.now).segments[0]?.items[2];
          expect(item).toMatchObject({
            itemId: 'bensouda',
            plannedStartAt: T0 + 8 * MINUTE,
            plannedMs: 11 * MINUTE,
            actualStartAt: T0 + 600_500,
            spokenMs: 12 * MINUTE,
          });
        },
      ],
      [3_600_000, openTheList],
    ]);

    // The open floor. The list, by precedence: States Parties by inscription (questions among
    // them), then the observer State, the organisations, civil society.
    expect(queueOf(d)).toEqual([
      'nld statement',
      'fra question',
      'deu statement',
      'bel question',
      'gbr statement',
      'sen statement',
      'jpn question',
      'arg statement',
      'mex statement',
      'ukr statement',
      'caf statement',
      'chn statement',
      'eu statement',
      'icrc statement',
      'amnesty statement',
      'cicc statement',
      'Coalition of Atlantis NGOs statement',
    ]);
    // The Central African Republic, the situation country, is moved to the head of the list.
    at(d, F).ok({ type: 'floor.move', requestId: requestOf(d, 'caf', 'statement').id, toIndex: 0 });
    checks.floor = schedule(d);
    d.ok(next); // CAR
    at(d, F + 180_000).ok(next); // the Netherlands
    // A point of order from Kenya, one minute into the Netherlands' statement.
    at(d, F + 240_000).ok({ type: 'floor.request', delegation: 'ken', kind: 'point-of-order' });
    d.ok({ type: 'floor.give', requestId: requestOf(d, 'ken', 'point-of-order').id, start: true });
    at(d, F + 285_000).ok({ type: 'speaker.finish' });
    expect(d.turn().delegation?.id).toBe('nld');
    at(d, F + 290_000).ok({ type: 'timer.start' });
    at(d, F + 420_000).ok(next); // France asks Ms Bensouda
    at(d, F + 530_000).ok(next); // Germany
    at(d, F + 705_000).ok(next); // Belgium asks Ms Coninsx
    at(d, F + 830_000).ok(next); // the United Kingdom
    at(d, F + 1_010_000).ok(next); // Senegal, for the African Union
    at(d, F + 1_170_000).ok(next); // Japan asks Ms Bensouda
    // The round of questions ends: the panellists answer.
    at(d, F + 1_260_000).ok({ type: 'speaker.finish' });
    d.ok({ type: 'floor.request', delegation: 'bensouda', kind: 'answer' });
    d.ok({ type: 'floor.request', delegation: 'coninsx', kind: 'answer' });
    d.ok({ type: 'floor.request', delegation: 'chn', kind: 'reply' }, deviceOf('chn'));
    d.ok({ type: 'floor.request', delegation: 'kor', kind: 'statement' }, deviceOf('kor'));
    d.ok({ type: 'floor.approve', requestId: requestOf(d, 'chn', 'reply').id });
    expect(queueOf(d).slice(0, 3)).toEqual(['bensouda answer', 'coninsx answer', 'arg statement']);
    expect(queueOf(d).at(-1)).toBe('chn reply');
    at(d, F + 1_270_000).ok(next); // Ms Bensouda answers
    at(d, F + 1_470_000).ok(next); // Ms Coninsx answers
    at(d, F + 1_620_000).ok(next); // Argentina
    at(d, F + 1_800_000).ok(next); // Mexico
    at(d, F + 1_980_000).ok(next); // Ukraine
    at(d, F + 2_160_000).ok(next); // China
    at(d, F + 2_340_000).ok(next); // the European Union
    at(d, F + 2_520_000).ok(next); // the ICRC
    at(d, F + 2_700_000).ok(next); // Amnesty International
    at(d, F + 2_790_000);
    checks.listOpen = schedule(d);
    // Time runs short: the chair closes the list; the United Kingdom still asks for a reply.
    at(d, F + 2_800_000).ok({ type: 'floor.close' });
    d.refused(
      { type: 'floor.request', delegation: 'ita', kind: 'statement' },
      'not-allowed',
      deviceOf('ita'),
    );
    at(d, F + 2_810_000).ok(
      { type: 'floor.request', delegation: 'gbr', kind: 'reply' },
      deviceOf('gbr'),
    );
    d.ok({ type: 'floor.approve', requestId: requestOf(d, 'gbr', 'reply').id });
    at(d, F + 2_880_000).ok(next); // the Coalition for the ICC
    at(d, F + 2_900_000);
    checks.listClosed = schedule(d);
    at(d, F + 3_060_000).ok(next); // the coalition of NGOs
    at(d, F + 3_240_000).ok(next); // China's right of reply
    at(d, F + 3_360_000).ok(next); // the United Kingdom's right of reply
    const refused = d.refused({ type: 'speaker.next' }, 'not-allowed');
    expect(refused.message).toBe('The list of speakers is empty: end the segment to move on.');
    at(d, F + 3_450_000).ok({ type: 'segment.end' });
    at(d, F + 3_460_000).ok(next); // concluding remarks
    at(d, F + 3_730_000).ok({ type: 'session.end' });
    checks.ended = schedule(d);

    /* The schedule, as worked out by hand. Planned: 10:00 to 13:00 (180 min). */
    expect(zonedToEpoch('2016-11-17T10:00', 'Europe/Amsterdam')).toBe(T0);
    expect(checks.before).toMatchObject({
      expectedEnd: 180 * MINUTE,
      behind: 0,
      endsAt: '13:00',
      segments: [90 * MINUTE, 175 * MINUTE, 180 * MINUTE],
    });
    // Started 2 min late: everything 2 min later.
    expect(checks.started).toMatchObject({
      expectedEnd: 10_920_000,
      behind: 120_000,
      minutesBehind: 2,
      endsAt: '13:02',
      segments: [5_520_000, 10_620_000, 10_920_000],
    });
    // Ms Bensouda at 12:00: 71 min of the panel to come from 10:22:00.5.
    expect(checks.bensouda).toMatchObject({
      expectedEnd: 10_980_500,
      behind: 180_500,
      minutesBehind: 3,
      endsAt: '13:03',
      segments: [5_580_500, 10_680_500, 10_980_500],
    });
    // The floor opens at 11:36:00.75 for its 85 min (48 min of requests queued): 6 min behind.
    expect(checks.floor).toMatchObject({
      expectedEnd: F + 90 * MINUTE,
      behind: 360_750,
      minutesBehind: 6,
      endsAt: '13:06',
      segments: [F, F + 85 * MINUTE, F + 90 * MINUTE],
    });
    // With the list open, the floor still runs to its budget.
    expect(checks.listOpen).toMatchObject({ behind: 360_750, minutesBehind: 6 });
    // Closed: it ends with the last on the list: 2:40 of the Coalition for the ICC, the NGOs'
    // statement, two replies (3 min each), then 5 min of concluding remarks.
    expect(checks.listClosed).toMatchObject({
      expectedEnd: F + 3_900_000,
      behind: F + 3_900_000 - 180 * MINUTE,
      minutesBehind: -19,
      endsAt: '12:41',
      segments: [F, F + 3_600_000, F + 3_900_000],
    });
    // It ended at 12:38:10.75, 21:49.25 ahead of the plan.
    expect(checks.ended).toMatchObject({
      expectedEnd: F + 3_730_000,
      behind: -1_309_250,
      minutesBehind: -22,
      endsAt: '12:38',
      segments: [F, F + 3_450_000, F + 3_730_000],
    });

    /* The record. */
    const record = buildRecord(d.state, d.now);
    expect(buildRecord(d.state, d.now + 3_600_000)).toEqual(record); // ended: now does not matter
    checkRecord(record);
    expect(d.events.reduce(evolve, d.initial)).toEqual(d.state);
  });
});

type FloorRow = [
  who: string,
  kind: string,
  from: number,
  to: number,
  planned: number,
  spoken: number,
  paused: number,
  overrun: number,
  category: string,
];

const FLOOR_TURNS: FloorRow[] = [
  ['caf', 'statement', 0, 180_000, 180_000, 180_000, 0, 0, 'state-party'],
  ['nld', 'statement', 180_000, 420_000, 180_000, 190_000, 50_000, 10_000, 'state-party'],
  ['ken', 'point-of-order', 240_000, 285_000, 60_000, 45_000, 0, 0, 'state-party'],
  ['fra', 'question', 420_000, 530_000, 120_000, 110_000, 0, 0, 'state-party'],
  ['deu', 'statement', 530_000, 705_000, 180_000, 175_000, 0, 0, 'state-party'],
  ['bel', 'question', 705_000, 830_000, 120_000, 125_000, 0, 5_000, 'state-party'],
  ['gbr', 'statement', 830_000, 1_010_000, 180_000, 180_000, 0, 0, 'state-party'],
  ['sen', 'statement', 1_010_000, 1_170_000, 180_000, 160_000, 0, 0, 'state-party'],
  ['jpn', 'question', 1_170_000, 1_260_000, 120_000, 90_000, 0, 0, 'state-party'],
  // An answer is the panellist's organisation's (issue 15, item 6: it was a delegation named
  // after the panellist).
  ['icc-otp', 'answer', 1_270_000, 1_470_000, 180_000, 200_000, 0, 20_000, 'panellist'],
  ['eurojust', 'answer', 1_470_000, 1_620_000, 180_000, 150_000, 0, 0, 'panellist'],
  ['arg', 'statement', 1_620_000, 1_800_000, 180_000, 180_000, 0, 0, 'state-party'],
  ['mex', 'statement', 1_800_000, 1_980_000, 180_000, 180_000, 0, 0, 'state-party'],
  ['ukr', 'statement', 1_980_000, 2_160_000, 180_000, 180_000, 0, 0, 'state-party'],
  ['chn', 'statement', 2_160_000, 2_340_000, 180_000, 180_000, 0, 0, 'observer-state'],
  ['eu', 'statement', 2_340_000, 2_520_000, 180_000, 180_000, 0, 0, 'organisation'],
  ['icrc', 'statement', 2_520_000, 2_700_000, 180_000, 180_000, 0, 0, 'organisation'],
  ['amnesty', 'statement', 2_700_000, 2_880_000, 180_000, 180_000, 0, 0, 'civil-society'],
  ['cicc', 'statement', 2_880_000, 3_060_000, 180_000, 180_000, 0, 0, 'civil-society'],
  [
    'Coalition of Atlantis NGOs',
    'statement',
    3_060_000,
    3_240_000,
    180_000,
    180_000,
    0,
    0,
    'civil-society',
  ],
  ['chn', 'reply', 3_240_000, 3_360_000, 180_000, 120_000, 0, 0, 'observer-state'],
  ['gbr', 'reply', 3_360_000, 3_450_000, 180_000, 90_000, 0, 0, 'state-party'],
];

function checkRecord(record: SessionRecord): void {
  // Every turn, in the order the floor was given.
  const panel = record.turns.slice(0, 11);
  const floor = record.turns.slice(11, 33);
  const closing = record.turns.slice(33);
  expect(record.turns).toHaveLength(34);
  expect(panel.map(figures)).toEqual(PANEL_TURNS.map(row));
  expect(
    floor.map((t) => [
      t.delegation?.id ?? t.delegation?.en,
      t.kind,
      (t.startedAt ?? 0) - T0 - F,
      (t.endedAt ?? 0) - T0 - F,
      t.plannedMs,
      t.spokenMs,
      t.pausedMs,
      t.overrunMs,
      t.category,
    ]),
  ).toEqual(FLOOR_TURNS);
  for (const t of floor) expect(t.grantedMs).toBe(t.plannedMs);
  expect(closing.map(figures)).toEqual([
    {
      item: 'concluding',
      from: F + 3_460_000,
      to: F + 3_730_000,
      planned: 300_000,
      granted: 300_000,
      spoken: 270_000,
      paused: 0,
      overrun: 0,
    },
  ]);

  // Who interrupted whom, who spoke for whom, what a question was for.
  const nld = floor[1];
  const ken = floor[2];
  expect(nld?.interruptedBy).toEqual([ken?.turnId]);
  expect(ken?.interrupts).toBe(nld?.turnId);
  expect(floor[6]?.speaker.name).toBe('United Kingdom of Great Britain and Northern Ireland');
  expect(floor[7]?.onBehalfOf).toEqual({ id: 'au', en: 'African Union', fr: 'Union africaine' });
  expect(floor[3]?.speaker).toMatchObject({ name: 'Mr Dupont', organisation: 'France' });
  // Ms Bensouda answers as on the panel, for the Office of the Prosecutor.
  expect(floor[9]?.delegation).toEqual({
    id: 'icc-otp',
    en: 'Office of the Prosecutor',
    fr: 'Bureau du Procureur',
  });
  expect(floor[9]?.speaker).toMatchObject({
    honorific: { en: 'Ms', fr: 'Mme' },
    name: 'Fatou Bensouda',
    function: { en: 'Prosecutor', fr: 'Procureure' },
  });

  // The requests: 25, with what became of each.
  expect(record.requests).toHaveLength(25);
  const status = (who: string, kind = 'statement') =>
    record.requests.find((r) => (r.delegation.id ?? r.delegation.en) === who && r.kind === kind);
  expect(status('usa')).toMatchObject({
    status: 'declined',
    reason: 'Observer States speak once the States Parties are heard; time did not allow.',
    turnId: null,
    spokenMs: 0,
  });
  expect(status('hrw')).toMatchObject({ status: 'withdrawn', spokenMs: 0 });
  expect(status('kor')).toMatchObject({
    status: 'not-heard',
    reason: 'not approved before the list ended',
  });
  expect(status('icrc')).toMatchObject({ byModerator: true, status: 'done', spokenMs: 180_000 });
  expect(status('Coalition of Atlantis NGOs')).toMatchObject({ category: 'civil-society' });
  expect(status('nld')).toMatchObject({ status: 'done', spokenMs: 190_000 });
  expect(status('fra', 'question')).toMatchObject({ addressedTo: 'bensouda', spokenMs: 110_000 });
  expect(record.requests.filter((r) => r.status === 'done')).toHaveLength(22);
  expect(record.notHeard.map((r) => r.delegation.id)).toEqual(['kor']);

  // Per segment and for the session: planned against actual.
  expect(record.segments).toEqual([
    {
      segmentId: 'panel',
      title: { en: 'Interactive panel', fr: 'Groupe de discussion interactif' },
      kind: 'panel',
      budgetMs: 5_400_000,
      plannedMs: 5_400_000,
      startedAt: T0 + 120_000,
      endedAt: T0 + F,
      actualMs: 5_640_750,
      spokenMs: 5_505_750,
      turns: 11,
    },
    {
      segmentId: 'floor',
      title: {
        en: 'Interactive segment — open floor for States Parties',
        fr: 'Segment interactif — débat ouvert aux États Parties',
      },
      kind: 'floor',
      budgetMs: 5_100_000,
      plannedMs: 5_100_000,
      startedAt: T0 + F,
      endedAt: T0 + F + 3_450_000,
      actualMs: 3_450_000,
      spokenMs: 3_435_000,
      turns: 22,
    },
    {
      segmentId: 'closing',
      title: { en: 'Concluding remarks', fr: 'Observations finales' },
      kind: 'panel',
      budgetMs: 300_000,
      plannedMs: 300_000,
      startedAt: T0 + F + 3_450_000,
      endedAt: T0 + F + 3_730_000,
      actualMs: 280_000,
      spokenMs: 270_000,
      turns: 1,
    },
  ]);
  expect(record).toMatchObject({
    startedAt: T0 + 120_000,
    endedAt: T0 + F + 3_730_000,
    plannedMs: 10_800_000,
    actualMs: 9_370_750,
    spokenMs: 9_210_750,
  });

  // Speaking time per category and per delegation.
  expect(record.byCategory).toEqual([
    { category: 'panellist', turns: 14, spokenMs: 6_125_750 },
    { category: 'state-party', turns: 13, spokenMs: 1_885_000 },
    { category: 'observer-state', turns: 2, spokenMs: 300_000 },
    { category: 'organisation', turns: 2, spokenMs: 360_000 },
    { category: 'civil-society', turns: 3, spokenMs: 540_000 },
  ]);
  // One line per delegation (issue 15, item 6). A panellist counts for the organisation, never
  // for a State: Mr IJzerman (introduction, summary, concluding remarks) is not the Netherlands'
  // statement, nor Mr Al-Sour Libya's; the Prosecutor's presentation and answer are one line;
  // Ambassador Wilke, with no delegation, counts for the Assembly he speaks for. These were two
  // Netherlands lines, a Libya line, and lines named "bensouda" and "coninsx".
  const lines = record.byDelegation.map((r) => r.delegation.id ?? r.delegation.en);
  expect(new Set(lines).size).toBe(lines.length);
  const byDelegation = Object.fromEntries(
    record.byDelegation.map((r) => [r.delegation.id ?? r.delegation.en, [r.turns, r.spokenMs]]),
  );
  expect(byDelegation).toEqual({
    'icc-otp': [2, 750_250 + 200_000],
    'icc-registry': [2, 705_000],
    eurojust: [2, 660_000 + 150_000],
    'Assembly of States Parties': [1, 220_000],
    nld: [1, 190_000],
    fidh: [1, 660_000],
    ohchr: [1, 630_000],
    icmp: [1, 600_000],
    gbr: [2, 270_000],
    chn: [2, 300_000],
    caf: [1, 180_000],
    ken: [1, 45_000],
    fra: [1, 110_000],
    deu: [1, 175_000],
    bel: [1, 125_000],
    sen: [1, 160_000],
    jpn: [1, 90_000],
    arg: [1, 180_000],
    mex: [1, 180_000],
    ukr: [1, 180_000],
    eu: [1, 180_000],
    icrc: [1, 180_000],
    amnesty: [1, 180_000],
    cicc: [1, 180_000],
    'Coalition of Atlantis NGOs': [1, 180_000],
  });
  const spoken = record.byDelegation.map((r) => r.spokenMs);
  expect([...spoken].sort((a, b) => b - a)).toEqual(spoken);
}
