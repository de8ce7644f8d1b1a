/**
 * Who was a State Party on the day: the spans of `delegations.json` give 124 States Parties at the
 * 2016 plenary and today's list on its date; a meeting ranks its list of speakers and counts its
 * record by the States Parties of its day, a State that was not one speaking as an observer State.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelegationList } from '../../shared/delegationList.ts';
import { DELEGATIONS, DELEGATIONS_AS_OF } from '../../shared/delegations.ts';
import { lookupDelegation } from '../../shared/machine.ts';
import {
  amongStatesParties,
  categoryAmong,
  changesToShipped,
  isPartyOn,
  meetingDay,
  statesPartiesOn,
  withStatesParties,
} from '../../shared/membership.ts';
import { parseProgramme, type Programme } from '../../shared/programme.ts';
import { buildRecord } from '../../shared/record.ts';
import { initialState } from '../../shared/state.ts';
import { viewFor } from '../../shared/views.ts';
import shipped from '../../shared/programmes/delegations.json' with { type: 'json' };
import {
  delegate,
  Driver,
  MINUTE,
  plenary,
  plenaryJson,
  smallProgramme,
  STAGE,
  VIEWER,
} from './helpers.ts';

const LIST = DelegationList.parse(shipped);
const PARTIES = LIST.parties;

describe('the States Parties on a day', () => {
  it('were 124 at the plenary of 16 November 2016, Burundi and the Philippines among them', () => {
    const day = statesPartiesOn(PARTIES, '2016-11-16');
    expect(day).toHaveLength(124);
    expect(day).toEqual(expect.arrayContaining(['bdi', 'phl', 'hun', 'slv', 'pse', 'zaf', 'gmb']));
    for (const id of ['ukr', 'arm', 'kir']) expect(day).not.toContain(id);
  });

  it('are 124 on the date the list is stated as of, the ones it lists as States Parties', () => {
    const day = statesPartiesOn(PARTIES, DELEGATIONS_AS_OF);
    const listed = DELEGATIONS.filter((d) => d.category === 'state-party').map((d) => d.id);
    expect(day).toHaveLength(124);
    expect(day).toEqual([...listed].sort());
    expect(day).toEqual(expect.arrayContaining(['ukr', 'arm', 'kir']));
    for (const id of ['hun', 'bdi', 'phl']) expect(day).not.toContain(id);
  });

  it.each([
    ['the Statute entered into force, 1 July 2002', '2002-07-01', 66],
    ['the end of 2016', '2016-12-31', 124],
    ['the day Burundi left, 27 October 2017', '2017-10-27', 123],
    ['the day the Philippines left, 17 March 2019', '2019-03-17', 122],
    ['Kiribati, 1 February 2020', '2020-02-01', 123],
    ['Armenia, 1 February 2024', '2024-02-01', 124],
    ['Ukraine, 1 January 2025', '2025-01-01', 125],
    ['the day Hungary left, 2 June 2026', '2026-06-02', 124],
  ])('count %s', (_, day, count) => {
    expect(statesPartiesOn(PARTIES, day)).toHaveLength(count);
  });

  it('change on the day the Statute enters into force, and on the day a withdrawal takes effect', () => {
    expect(isPartyOn(PARTIES.slv, '2016-05-31')).toBe(false);
    expect(isPartyOn(PARTIES.slv, '2016-06-01')).toBe(true);
    expect(isPartyOn(PARTIES.bdi, '2017-10-26')).toBe(true);
    expect(isPartyOn(PARTIES.bdi, '2017-10-27')).toBe(false);
    expect(isPartyOn(PARTIES.hun, '2026-06-01')).toBe(true);
    expect(isPartyOn(PARTIES.hun, '2026-06-02')).toBe(false);
    expect(isPartyOn(PARTIES.usa, '2016-11-16')).toBe(false);
  });
});

describe("a meeting's day", () => {
  const meta = { plannedStart: null, dates: { from: '2016-11-16' } };
  it.each([
    ['its planned start', { ...meta, plannedStart: '2016-11-17T10:00' }, '2016-11-17'],
    ['else the first of its dates', meta, '2016-11-16'],
    ['else the day the session is created', { plannedStart: null }, '2026-12-03'],
  ])('is %s', (_, given, day) => {
    expect(meetingDay(given, '2026-12-03')).toBe(day);
  });
});

describe('the category of a delegation among the States Parties of a day', () => {
  const y2016 = statesPartiesOn(PARTIES, '2016-11-16');
  it.each([
    [
      'Burundi, listed as an observer State, in 2016',
      'bdi',
      'observer-state',
      y2016,
      'state-party',
    ],
    ['Ukraine, listed as a State Party, in 2016', 'ukr', 'state-party', y2016, 'observer-state'],
    ['France in 2016', 'fra', 'state-party', y2016, 'state-party'],
    ['an organisation, whatever the day', 'eu', 'organisation', y2016, 'organisation'],
    ['Burundi in a session from before the dates', 'bdi', 'observer-state', null, 'observer-state'],
  ] as const)('%s', (_, id, listed, parties, category) => {
    expect(categoryAmong(id, listed, parties)).toBe(category);
  });
});

describe('a programme and its States Parties', () => {
  it('the built-in plenary ranks by those of 16 November 2016, whatever day it is created', () => {
    const result = withStatesParties(plenary(), LIST, '2030-01-01');
    expect(result.ok && result.programme.statesParties).toEqual(
      statesPartiesOn(PARTIES, '2016-11-16'),
    );
  });

  it('keeps its own list of States Parties', () => {
    const own: Programme = { ...smallProgramme(), statesParties: ['fra', 'bdi'] };
    expect(withStatesParties(own, LIST, '2030-01-01')).toEqual({ ok: true, programme: own });
  });

  it('is refused when it gives an id of its own list twice', () => {
    const result = parseProgramme({ ...plenaryJson(), statesParties: ['fra', 'bdi', 'fra'] });
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'statesParties[2]', message: '"fra" is given twice' }],
    });
  });

  it('is refused when its own list names anything but a State of the list', () => {
    const own: Programme = { ...smallProgramme(), statesParties: ['fra', 'eu', 'atlantis'] };
    expect(withStatesParties(own, LIST, '2030-01-01')).toEqual({
      ok: false,
      problems: [
        { path: 'statesParties[1]', message: '"eu" is not a State of the list of delegations' },
        {
          path: 'statesParties[2]',
          message: '"atlantis" is not a State of the list of delegations',
        },
      ],
    });
  });
});

/** A session of the small programme on `day`, live in its open floor, the list open. */
function openFloorOn(day: string | null): Driver {
  const programme = smallProgramme();
  const d = new Driver(
    day === null ? programme : { ...programme, statesParties: statesPartiesOn(PARTIES, day) },
  );
  d.ok({ type: 'session.start' });
  d.ok({ type: 'segment.end' });
  d.ok({ type: 'floor.open' });
  return d;
}

function queueOf(d: Driver): string[] {
  return d.state.floor.queue.map((id) => {
    const r = d.state.floor.requests.find((x) => x.id === id);
    return `${r?.delegation.id}:${r?.category}`;
  });
}

describe('precedence on the day', () => {
  const inscribe = (d: Driver) => {
    for (const delegation of ['Burundi', 'ukr', 'phl', 'fra']) {
      d.ok({ type: 'floor.request', delegation, kind: 'statement' });
    }
  };

  it('puts Burundi and the Philippines with the States Parties, Ukraine after them, in 2016', () => {
    const d = openFloorOn('2016-11-16');
    inscribe(d);
    expect(queueOf(d)).toEqual([
      'bdi:state-party',
      'phl:state-party',
      'fra:state-party',
      'ukr:observer-state',
    ]);
  });

  it('puts Ukraine with the States Parties, Burundi and the Philippines after them, in 2026', () => {
    const d = openFloorOn('2026-11-16');
    inscribe(d);
    expect(queueOf(d)).toEqual([
      'ukr:state-party',
      'fra:state-party',
      'bdi:observer-state',
      'phl:observer-state',
    ]);
  });

  it('follows the listed categories in a session from before the dates', () => {
    const d = openFloorOn(null);
    inscribe(d);
    expect(queueOf(d)).toEqual([
      'ukr:state-party',
      'fra:state-party',
      'bdi:observer-state',
      'phl:observer-state',
    ]);
  });

  it('counts a State in the record under its category of the day', () => {
    const d = openFloorOn('2016-11-16');
    d.ok({ type: 'floor.request', delegation: 'bdi', kind: 'statement' });
    d.ok({ type: 'floor.give', requestId: d.lastRequestId(), start: true });
    d.tick(3 * MINUTE);
    d.ok({ type: 'session.end' });
    const record = buildRecord(d.state, d.now);
    expect(record.byDelegation.find((l) => l.delegation.id === 'bdi')).toMatchObject({
      category: 'state-party',
      spokenMs: 3 * MINUTE,
    });
  });

  it('leaves a delegation the moderator added with its own category', () => {
    const d = openFloorOn('2016-11-16');
    d.ok({ type: 'delegation.add', id: 'atlantis', en: 'Atlantis', category: 'observer-state' });
    expect(lookupDelegation(d.state, 'atlantis')?.category).toBe('observer-state');
  });
});

describe("what the secretariat's list adds to the shipped one", () => {
  const y2016 = statesPartiesOn(PARTIES, '2016-11-16');
  it('is nothing for the shipped list', () => {
    expect(changesToShipped(DELEGATIONS, DELEGATIONS, y2016)).toEqual([]);
  });

  it('is a new delegation, a renamed one or a recategorised organisation, States on the day', () => {
    const list = [
      ...DELEGATIONS.map((d) =>
        d.id === 'tur'
          ? { ...d, en: 'Turkey' }
          : d.id === 'eu'
            ? { ...d, category: 'civil-society' as const }
            : d.id === 'mys'
              ? { ...d, category: 'state-party' as const }
              : d,
      ),
      { id: 'npl', en: 'Nepal', fr: 'Népal', category: 'observer-state' as const },
    ];
    expect(
      changesToShipped(list, DELEGATIONS, [...y2016, 'npl']).map((d) => [d.id, d.category]),
    ).toEqual([
      ['tur', 'observer-state'],
      ['eu', 'civil-society'],
      ['npl', 'state-party'],
    ]);
  });
});

describe('the views', () => {
  it("carry the day's States Parties to the list's keepers, and not to the phones", () => {
    const d = openFloorOn('2016-11-16');
    const parties = statesPartiesOn(PARTIES, '2016-11-16');
    for (const role of ['moderator', 'floor-officer', 'secretariat'] as const) {
      expect(viewFor(d.state, { role }).statesParties).toEqual(parties);
    }
    for (const actor of [VIEWER, STAGE, delegate('phone-1')]) {
      expect(viewFor(d.state, actor)).not.toHaveProperty('statesParties');
    }
  });

  it('let a console show each listed State with its category on the day', () => {
    const parties = statesPartiesOn(PARTIES, '2016-11-16');
    const shown = amongStatesParties(DELEGATIONS, parties);
    expect(shown.map((d) => d.id)).toEqual(DELEGATIONS.map((d) => d.id));
    const category = (id: string) => shown.find((d) => d.id === id)?.category;
    expect([category('bdi'), category('ukr'), category('eu')]).toEqual([
      'state-party',
      'observer-state',
      'organisation',
    ]);
    expect(amongStatesParties(DELEGATIONS, null)).toEqual(DELEGATIONS);
  });
});

describe('properties', () => {
  const days = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
    .map((t) => t.toISOString().slice(0, 10));

  it('on any day, a listed State is a State Party exactly when a span covers the day', () => {
    fc.assert(
      fc.property(days, (day) => {
        const state = initialState({
          ...smallProgramme(),
          statesParties: statesPartiesOn(PARTIES, day),
        });
        for (const d of DELEGATIONS) {
          const category = lookupDelegation(state, d.id)?.category;
          if (d.category === 'state-party' || d.category === 'observer-state') {
            expect(category).toBe(isPartyOn(PARTIES[d.id], day) ? 'state-party' : 'observer-state');
          } else expect(category).toBe(d.category);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('on any day, every statement of a State Party is heard before any of an observer State', () => {
    const states = DELEGATIONS.filter(
      (d) => d.category === 'state-party' || d.category === 'observer-state',
    ).map((d) => d.id);
    fc.assert(
      fc.property(
        days,
        fc.array(fc.constantFrom(...states), { minLength: 1, maxLength: 12 }),
        (day, asking) => {
          const d = openFloorOn(day);
          for (const delegation of new Set(asking)) {
            d.ok({ type: 'floor.request', delegation, kind: 'statement' });
          }
          const ranks = queueOf(d).map((entry) => (entry.endsWith(':state-party') ? 0 : 1));
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
          const parties = new Set(statesPartiesOn(PARTIES, day));
          expect(ranks.filter((r) => r === 0)).toHaveLength(
            [...new Set(asking)].filter((id) => parties.has(id)).length,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
