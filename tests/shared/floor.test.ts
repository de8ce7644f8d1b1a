import { describe, expect, it } from 'vitest';
import type { CommandOf } from '../../shared/commands.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { evolve, MAX_OPEN_REQUESTS_PER_DEVICE, REQUEST_INTERVAL_MS } from '../../shared/machine.ts';
import { parseProgramme } from '../../shared/programme.ts';
import { buildRecord } from '../../shared/record.ts';
import type { Actor } from '../../shared/roles.ts';
import { elapsedAt } from '../../shared/timer.ts';
import { viewFor } from '../../shared/views.ts';
import { Driver, MINUTE, MODERATOR, SECOND, STAGE, VIEWER, delegate } from './helpers.ts';

type Request = Omit<CommandOf<'floor.request'>, 'type'>;
const req = (fields: Request): CommandOf<'floor.request'> => ({ type: 'floor.request', ...fields });

/** Live, in the open floor of the small programme, the list open and empty. */
function openFloor(): Driver {
  const d = new Driver();
  d.ok({ type: 'session.start' });
  d.ok({ type: 'segment.end' });
  d.ok({ type: 'floor.open' });
  return d;
}

/** Distinct devices, so that the per-device limits stay out of the way. */
let deviceCount = 0;
const device = (): Actor => delegate(`device-${++deviceCount}`);

function queueOf(d: Driver): string[] {
  return d.state.floor.queue.map((id) => {
    const r = d.state.floor.requests.find((x) => x.id === id);
    return `${r?.kind}:${r?.panellist ?? r?.delegation.id ?? r?.delegation.en}`;
  });
}

describe('opening and closing the list of speakers', () => {
  it('starts not open; opens, closes and reopens', () => {
    const d = new Driver();
    expect(d.state.floor.status).toBe('not-open');
    d.ok({ type: 'floor.open' });
    expect(d.state.floor).toMatchObject({ status: 'open', floorCode: null });
    d.ok({ type: 'floor.close' });
    expect(d.state.floor.status).toBe('closed');
    d.refused({ type: 'floor.close' }, 'not-allowed');
    d.ok({ type: 'floor.open' });
    expect(d.state.floor.status).toBe('open');
  });

  it('sets, changes and clears a floor code, which delegates must give', () => {
    const d = openFloor();
    d.ok({ type: 'floor.open', floorCode: 'ASP15' });
    const me = device();
    const e1 = d.refused(req({ delegation: 'fra', kind: 'statement' }), 'forbidden', me);
    expect(e1.message).toBe('This meeting asks for the floor code shown in the room.');
    const e2 = d.refused(
      req({ delegation: 'fra', kind: 'statement', floorCode: 'ASP16' }),
      'forbidden',
      me,
    );
    expect(e2.message).toBe('That floor code is not right: check the code shown in the room.');
    d.ok(req({ delegation: 'fra', kind: 'statement', floorCode: ' asp15 ' }), me);
    d.ok({ type: 'floor.close' });
    d.ok({ type: 'floor.open' }); // reopening keeps the code
    expect(d.state.floor.floorCode).toBe('ASP15');
    d.ok({ type: 'floor.open', floorCode: 'NEW7' });
    d.refused(
      req({ delegation: 'deu', kind: 'statement', floorCode: 'ASP15' }),
      'forbidden',
      device(),
    );
    d.ok({ type: 'floor.open', floorCode: null });
    d.ok(req({ delegation: 'deu', kind: 'statement' }), device());
    // The moderator never needs the code.
    d.ok({ type: 'floor.open', floorCode: 'NEW8' });
    d.ok(req({ delegation: 'bel', kind: 'statement' }));
  });
});

describe('floor.request', () => {
  it("takes a delegation's category from the list; free text is `other`", () => {
    const d = openFloor();
    d.ok(req({ delegation: 'fra', kind: 'statement', speakerName: 'Mr Dupont' }), device());
    d.ok(req({ delegation: 'CHN', kind: 'statement' }), device());
    d.ok(
      req({ delegation: 'Parliament of Atlantis', kind: 'statement', onBehalfOf: 'eu' }),
      device(),
    );
    expect(
      d.state.floor.requests.map((r) => [r.delegation, r.category, r.status, r.byModerator]),
    ).toEqual([
      [{ id: 'fra', en: 'France', fr: 'France' }, 'state-party', 'requested', false],
      [{ id: 'chn', en: 'China', fr: 'Chine' }, 'observer-state', 'requested', false],
      [
        { id: null, en: 'Parliament of Atlantis', fr: 'Parliament of Atlantis' },
        'other',
        'requested',
        false,
      ],
    ]);
    expect(d.state.floor.requests[2]?.onBehalfOf).toEqual({
      id: 'eu',
      en: 'European Union',
      fr: 'Union européenne',
    });
    expect(d.state.floor.queue).toEqual([]); // a delegate's request waits for approval
  });

  it('knows a delegation typed by its English or French name, accents and case aside', () => {
    const d = openFloor();
    d.ok(req({ delegation: 'cote d’ivoire', kind: 'statement' }), device());
    d.ok(req({ delegation: 'Allemagne', kind: 'statement' }), device());
    d.ok(req({ delegation: 'france', kind: 'statement' }), device());
    expect(d.state.floor.requests.map((r) => [r.delegation.id, r.category])).toEqual([
      ['civ', 'state-party'],
      ['deu', 'state-party'],
      ['fra', 'state-party'],
    ]);
    // Typed by name, it is the same delegation for the one-open-request rule.
    d.refused(req({ delegation: 'fra', kind: 'statement' }), 'not-allowed', device());
  });

  it('queues at once what the moderator inscribes, with the category the moderator sets', () => {
    const d = openFloor();
    d.ok(
      req({ delegation: 'Parliament of Atlantis', kind: 'statement', category: 'observer-state' }),
    );
    expect(d.state.floor.requests[0]).toMatchObject({
      status: 'queued',
      category: 'observer-state',
      byModerator: true,
      deviceKey: null,
    });
    expect(d.state.floor.queue).toEqual([d.lastRequestId()]);
  });

  it('takes the category of a delegation the session added, and shows it to everyone', () => {
    const d = openFloor();
    d.ok({
      type: 'delegation.add',
      id: 'atl-ngo',
      en: 'Atlantis NGO Forum',
      fr: 'Forum des ONG d’Atlantide',
      category: 'civil-society',
    });
    d.ok(req({ delegation: 'atl-ngo', kind: 'statement' }), device());
    expect(d.state.floor.requests[0]).toMatchObject({
      delegation: { id: 'atl-ngo', en: 'Atlantis NGO Forum', fr: 'Forum des ONG d’Atlantide' },
      category: 'civil-society',
    });
    expect(viewFor(d.state, VIEWER).delegations.map((x) => x.id)).toEqual(['atl-ngo']);
    d.refused(
      { type: 'delegation.add', id: 'atl-ngo', en: 'Again', category: 'other' },
      'not-allowed',
    );
  });

  it('refuses a delegation whose name, in either language, is one the list already has', () => {
    const d = openFloor();
    d.ok({
      type: 'delegation.add',
      id: 'atl-ngo',
      en: 'Atlantis NGO Forum',
      fr: 'Forum des ONG d’Atlantide',
      category: 'civil-society',
    });
    const before = d.state;
    // Names compare as the type-ahead compares them: case, accents and apostrophes aside.
    for (const [en, fr, taken] of [
      ['Cote d’Ivoire', undefined, 'civ'],
      ['Atlantis Forum', 'ALLEMAGNE', 'deu'],
      ['atlantis ngo forum', 'Forum atlantidien', 'atl-ngo'],
      ['Atlantis Youth', "Forum des ONG d'Atlantide", 'atl-ngo'],
    ] as const) {
      const error = d.refused(
        { type: 'delegation.add', id: 'new-one', en, ...(fr ? { fr } : {}), category: 'other' },
        'not-allowed',
      );
      expect(error.key).toBe('delegation-name-taken');
      expect(error.params?.id).toBe(taken);
    }
    expect(d.state).toBe(before);
    d.ok({ type: 'delegation.add', id: 'atl-youth', en: 'Atlantis Youth', category: 'other' });
    expect(d.state.extraDelegations.map((x) => x.id)).toEqual(['atl-ngo', 'atl-youth']);
  });

  it('sets the category on approval', () => {
    const d = openFloor();
    d.ok(req({ delegation: 'Parliament of Atlantis', kind: 'statement' }), device());
    d.ok({ type: 'floor.approve', requestId: d.lastRequestId(), category: 'civil-society' });
    expect(d.state.floor.requests[0]).toMatchObject({
      status: 'queued',
      category: 'civil-society',
    });
  });

  const refusals: readonly [
    string,
    (d: Driver) => void,
    CommandOf<'floor.request'>,
    Actor | 'device',
    ErrorCode,
    string,
  ][] = [
    [
      'a list not open yet',
      (d) => d.ok({ type: 'undo' }), // the opening of the list
      req({ delegation: 'fra', kind: 'statement' }),
      'device',
      'not-allowed',
      'The list of speakers is not open yet.',
    ],
    [
      'a statement on a closed list',
      (d) => d.ok({ type: 'floor.close' }),
      req({ delegation: 'fra', kind: 'statement' }),
      'device',
      'not-allowed',
      'The list of speakers is closed: only a right of reply or a point of order can still be asked for.',
    ],
    [
      'a question on a closed list',
      (d) => d.ok({ type: 'floor.close' }),
      req({ delegation: 'fra', kind: 'question', addressedTo: 'a' }),
      'device',
      'not-allowed',
      'The list of speakers is closed: only a right of reply or a point of order can still be asked for.',
    ],
    [
      "the moderator's statement on a closed list",
      (d) => d.ok({ type: 'floor.close' }),
      req({ delegation: 'fra', kind: 'statement' }),
      MODERATOR,
      'not-allowed',
      'The list of speakers is closed: reopen it to inscribe another statement or question.',
    ],
    [
      'an answer from a delegate',
      () => undefined,
      req({ delegation: 'a', kind: 'answer' }),
      'device',
      'forbidden',
      'An answer is inscribed by the secretariat, for the panellist who answers.',
    ],
    [
      "a delegate's point of order before the list is open",
      (d) => d.ok({ type: 'undo' }), // the opening of the list
      req({ delegation: 'fra', kind: 'point-of-order' }),
      'device',
      'not-allowed',
      'The list of speakers is not open yet.',
    ],
    [
      'a category chosen by a delegate',
      () => undefined,
      req({ delegation: 'Parliament of Atlantis', kind: 'statement', category: 'state-party' }),
      'device',
      'forbidden',
      'The secretariat sets the category of a delegation: leave it out.',
    ],
    [
      'a request without a device key',
      () => undefined,
      req({ delegation: 'fra', kind: 'statement' }),
      { role: 'delegate' },
      'unauthorized',
      'A request for the floor needs the device key of this browser.',
    ],
    [
      'a second open statement of one delegation (another device)',
      (d) => d.ok(req({ delegation: 'fra', kind: 'statement' }), device()),
      req({ delegation: 'fra', kind: 'statement' }),
      'device',
      'not-allowed',
      'France already has a statement request open.',
    ],
    [
      'a second open statement of one free-text delegation, in other letters',
      (d) => d.ok(req({ delegation: 'Parliament of Atlantis', kind: 'statement' })),
      req({ delegation: 'PARLIAMENT OF ATLANTIS', kind: 'statement' }),
      'device',
      'not-allowed',
      'PARLIAMENT OF ATLANTIS already has a statement request open.',
    ],
    [
      'a second open statement inscribed by the moderator',
      (d) => d.ok(req({ delegation: 'fra', kind: 'statement' }), device()),
      req({ delegation: 'fra', kind: 'statement' }),
      MODERATOR,
      'not-allowed',
      'France already has a statement request open.',
    ],
    [
      'a second open point of order',
      (d) => d.ok(req({ delegation: 'fra', kind: 'point-of-order' })),
      req({ delegation: 'fra', kind: 'point-of-order' }),
      MODERATOR,
      'not-allowed',
      'France already has a point-of-order request open.',
    ],
    [
      'a third right of reply',
      (d) => {
        for (let i = 0; i < 2; i++) {
          d.ok(req({ delegation: 'fra', kind: 'reply' }));
          d.ok({ type: 'speaker.next' });
          d.ok({ type: 'speaker.finish' });
        }
      },
      req({ delegation: 'fra', kind: 'reply' }),
      'device',
      'not-allowed',
      'France has already had its two rights of reply in this session.',
    ],
    [
      'a point of order while the meeting is suspended',
      (d) => d.ok({ type: 'session.suspend' }),
      req({ delegation: 'fra', kind: 'point-of-order' }),
      MODERATOR,
      'not-allowed',
      'A point of order can only be raised while the meeting is live.',
    ],
    [
      'a question addressed to nobody',
      () => undefined,
      req({ delegation: 'fra', kind: 'question' }),
      'device',
      'invalid',
      'addressedTo: a question names the panellist it is for.',
    ],
    [
      'a question to someone not on the panel',
      () => undefined,
      req({ delegation: 'fra', kind: 'question', addressedTo: 'nobody' }),
      'device',
      'invalid',
      'addressedTo: "nobody" is not a panellist of this programme.',
    ],
    [
      'a statement addressed to a panellist',
      () => undefined,
      req({ delegation: 'fra', kind: 'statement', addressedTo: 'a' }),
      'device',
      'invalid',
      'addressedTo: only a question is addressed to a panellist.',
    ],
    [
      'an answer by someone not on the panel',
      () => undefined,
      req({ delegation: 'fra', kind: 'answer' }),
      MODERATOR,
      'invalid',
      'delegation: for an answer, give the item id of the panellist who answers.',
    ],
  ];

  it.each(refusals)('refuses %s', (_name, setup, command, actor, code, message) => {
    const d = openFloor();
    setup(d);
    const error = d.refused(command, code, actor === 'device' ? device() : actor);
    expect(error.message).toBe(message);
  });

  it('refuses a point of order before the meeting starts, accepts it on a closed list', () => {
    const d = new Driver();
    d.ok({ type: 'floor.open' });
    d.refused(req({ delegation: 'fra', kind: 'point-of-order' }), 'not-allowed');
    d.ok({ type: 'session.start' });
    d.ok({ type: 'floor.close' });
    d.ok(req({ delegation: 'fra', kind: 'point-of-order' }));
    d.ok(req({ delegation: 'a', kind: 'answer' }));
    d.ok(req({ delegation: 'fra', kind: 'reply' }), device());
    d.ok(req({ delegation: 'deu', kind: 'reply' }));
    expect(d.state.floor.requests.map((r) => r.status)).toEqual([
      'queued',
      'queued',
      'requested',
      'queued',
    ]);
  });

  it('counts declined and withdrawn replies out of the two, and allows one open request per kind', () => {
    const d = openFloor();
    const me = delegate('fr-phone');
    d.ok(req({ delegation: 'fra', kind: 'reply' }), me);
    d.ok({ type: 'floor.decline', requestId: d.lastRequestId() });
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'fra', kind: 'reply' }), me);
    d.ok({ type: 'floor.withdraw', requestId: d.lastRequestId() }, me);
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'fra', kind: 'reply' }), me);
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'fra', kind: 'statement' }), me);
    d.tick(REQUEST_INTERVAL_MS).ok(
      req({ delegation: 'fra', kind: 'question', addressedTo: 'a' }),
      me,
    );
    expect(d.state.floor.requests.map((r) => [r.kind, r.status])).toEqual([
      ['reply', 'declined'],
      ['reply', 'withdrawn'],
      ['reply', 'requested'],
      ['statement', 'requested'],
      ['question', 'requested'],
    ]);
  });

  it('lets a delegation ask again once its request was heard', () => {
    const d = openFloor();
    d.ok(req({ delegation: 'fra', kind: 'statement' }));
    d.ok({ type: 'speaker.next' });
    d.ok({ type: 'speaker.finish' });
    d.ok(req({ delegation: 'fra', kind: 'statement' }), device());
  });

  describe('device limits', () => {
    it('one request per 10 s: rate-limited, with the time to wait', () => {
      const d = openFloor();
      const me = delegate('phone-1');
      d.ok(req({ delegation: 'fra', kind: 'statement' }), me);
      d.tick(1);
      let error = d.refused(req({ delegation: 'deu', kind: 'statement' }), 'rate-limited', me);
      expect(error).toEqual({
        code: 'rate-limited',
        message: 'One request every 10 seconds: try again in 10 s.',
        retryAfterMs: REQUEST_INTERVAL_MS - 1,
        key: 'one-per-10s',
        params: { seconds: 10 },
      });
      d.tick(REQUEST_INTERVAL_MS - 2);
      error = d.refused(req({ delegation: 'deu', kind: 'statement' }), 'rate-limited', me);
      expect(error.retryAfterMs).toBe(1);
      expect(error.message).toBe('One request every 10 seconds: try again in 1 s.');
      d.tick(1).ok(req({ delegation: 'deu', kind: 'statement' }), me);
      // Another device is not held back.
      d.ok(req({ delegation: 'bel', kind: 'statement' }), delegate('phone-2'));
    });

    it('at most 3 open requests per device', () => {
      const d = openFloor();
      const me = delegate('phone-1');
      expect(MAX_OPEN_REQUESTS_PER_DEVICE).toBe(3);
      for (const delegation of ['fra', 'deu', 'bel']) {
        d.ok(req({ delegation, kind: 'statement' }), me);
        d.tick(REQUEST_INTERVAL_MS);
      }
      const error = d.refused(req({ delegation: 'nld', kind: 'statement' }), 'not-allowed', me);
      expect(error.message).toBe(
        'This device already has 3 requests open: withdraw one, or wait until one is heard.',
      );
      expect(error.retryAfterMs).toBeUndefined();
      d.ok({ type: 'floor.decline', requestId: 'r1' });
      d.ok(req({ delegation: 'nld', kind: 'statement' }), me);
    });
  });
});

describe('floor.withdraw, approve, decline, move and give', () => {
  /** r1 France queued (moderator), r2 Germany pending (device g), r3 Belgium done. */
  function mixed(): Driver {
    const d = openFloor();
    d.ok(req({ delegation: 'bel', kind: 'statement' }));
    // Heard: the timer ran (a speaker called and never started is not heard).
    d.ok({ type: 'speaker.next', start: true });
    d.ok({ type: 'speaker.finish' });
    d.ok(req({ delegation: 'fra', kind: 'statement' }));
    d.ok(req({ delegation: 'deu', kind: 'statement' }), delegate('g'));
    return d;
  }
  const ids = (d: Driver) => {
    const byDelegation = (id: string) =>
      d.state.floor.requests.find((r) => r.delegation.id === id)?.id ?? '';
    return { bel: byDelegation('bel'), fra: byDelegation('fra'), deu: byDelegation('deu') };
  };

  it.each([
    [
      'withdraw of an unknown request',
      (_: ReturnType<typeof ids>) => ({ type: 'floor.withdraw', requestId: 'r99' }) as const,
      'not-found',
      'Request "r99" is not in this session.',
    ],
    [
      'withdraw of a request heard',
      (r: ReturnType<typeof ids>) => ({ type: 'floor.withdraw', requestId: r.bel }) as const,
      'not-allowed',
      'This request is done: only a waiting request can be withdrawn.',
    ],
    [
      'approve of an unknown request',
      () => ({ type: 'floor.approve', requestId: 'r99' }) as const,
      'not-found',
      'Request "r99" is not in this session.',
    ],
    [
      'approve of a queued request',
      (r: ReturnType<typeof ids>) => ({ type: 'floor.approve', requestId: r.fra }) as const,
      'not-allowed',
      'This request is queued: only a new request can be approved.',
    ],
    [
      'decline of an unknown request',
      () => ({ type: 'floor.decline', requestId: 'r99' }) as const,
      'not-found',
      'Request "r99" is not in this session.',
    ],
    [
      'decline of a request heard',
      (r: ReturnType<typeof ids>) => ({ type: 'floor.decline', requestId: r.bel }) as const,
      'not-allowed',
      'This request is done: only a waiting request can be declined.',
    ],
    [
      'move of an unknown request',
      () => ({ type: 'floor.move', requestId: 'r99', toIndex: 0 }) as const,
      'not-found',
      'Request "r99" is not in this session.',
    ],
    [
      'move of a pending request',
      (r: ReturnType<typeof ids>) =>
        ({ type: 'floor.move', requestId: r.deu, toIndex: 0 }) as const,
      'not-allowed',
      'This request is requested: only a queued request can be moved.',
    ],
    [
      'move past the end of the queue',
      (r: ReturnType<typeof ids>) =>
        ({ type: 'floor.move', requestId: r.fra, toIndex: 1 }) as const,
      'invalid',
      'toIndex: must be from 0 to 0, the places in the queue.',
    ],
    [
      'give to an unknown request',
      () => ({ type: 'floor.give', requestId: 'r99' }) as const,
      'not-found',
      'Request "r99" is not in this session.',
    ],
    [
      'give to a request heard',
      (r: ReturnType<typeof ids>) => ({ type: 'floor.give', requestId: r.bel }) as const,
      'not-allowed',
      'This request is done: only a waiting request can be given the floor.',
    ],
  ] as const)('refuses %s', (_name, make, code, message) => {
    const d = mixed();
    const error = d.refused(make(ids(d)), code);
    expect(error.message).toBe(message);
  });

  it('refuses a statement given outside an open-floor segment', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'floor.open' });
    d.ok(req({ delegation: 'fra', kind: 'statement' }));
    const error = d.refused({ type: 'floor.give', requestId: d.lastRequestId() }, 'not-allowed');
    expect(error.message).toBe(
      'The floor is given to the list of speakers in an open-floor segment: move to it first.',
    );
  });

  it('refuses a point of order when no segment runs', () => {
    const d = openFloor();
    d.ok({ type: 'segment.end' });
    d.ok({ type: 'segment.end' });
    d.ok(req({ delegation: 'fra', kind: 'point-of-order' }));
    const error = d.refused({ type: 'floor.give', requestId: d.lastRequestId() }, 'not-allowed');
    expect(error.message).toBe('No segment is running: a point of order interrupts a segment.');
  });

  it('gives the floor to a pending request directly, and makes it an item of the segment', () => {
    const d = mixed();
    const { deu } = ids(d);
    d.tick(SECOND).ok({ type: 'floor.give', requestId: deu, start: true });
    const turn = d.turn();
    const floor = d.state.segments.find((s) => s.id === 'floor');
    const item = floor?.items.find((i) => i.requestId === deu);
    expect(item).toMatchObject({
      kind: 'statement',
      speaker: { name: 'Germany', delegation: 'deu' },
      allottedMs: 3 * MINUTE,
      warningMs: MINUTE,
      dangerMs: 30 * SECOND,
      status: 'speaking',
    });
    expect(turn).toMatchObject({
      itemId: item?.id,
      requestId: deu,
      kind: 'statement',
      category: 'state-party',
      delegation: { id: 'deu', en: 'Germany', fr: 'Allemagne' },
      plannedMs: 3 * MINUTE,
      startedAt: d.now,
    });
    expect(d.state.floor.requests.find((r) => r.id === deu)).toMatchObject({
      status: 'speaking',
      turnId: turn.id,
      segmentId: 'floor',
    });
    expect(d.state.floor.queue).toEqual([ids(d).fra]);
  });

  it('names the speaker and the panellist a question is for', () => {
    const d = openFloor();
    d.ok(
      req({
        delegation: 'fra',
        kind: 'question',
        addressedTo: 'b',
        speakerName: 'Ms Leclerc',
        onBehalfOf: 'eu',
      }),
    );
    d.ok({ type: 'speaker.next' });
    const item = d.state.segments[1]?.items[0];
    expect(item).toMatchObject({
      kind: 'question',
      speaker: { name: 'Ms Leclerc', organisation: 'France', delegation: 'fra' },
      topic: 'Question to Ben',
      allottedMs: 2 * MINUTE,
    });
    expect(d.turn().onBehalfOf).toMatchObject({ id: 'eu' });
  });

  it('times each kind of request as the segment says, and as it is changed', () => {
    const d = openFloor();
    d.ok({ type: 'segment.update', segmentId: 'floor', changes: { times: { statement: '2:30' } } });
    d.ok(req({ delegation: 'fra', kind: 'statement' }));
    d.ok(req({ delegation: 'fra', kind: 'reply' }));
    d.ok({ type: 'speaker.next' });
    expect(d.turn().plannedMs).toBe(150 * SECOND);
    d.ok({ type: 'speaker.next' });
    expect(d.turn().plannedMs).toBe(3 * MINUTE);
  });
});

describe('the order of the list of speakers', () => {
  /** Inscribes, in this order, requests of every kind and category. */
  function inscribed(): Driver {
    const d = openFloor();
    const inscribe: Request[] = [
      { delegation: 'hrw', kind: 'statement' },
      { delegation: 'fra', kind: 'reply' },
      { delegation: 'chn', kind: 'statement' },
      { delegation: 'un', kind: 'question', addressedTo: 'a' },
      { delegation: 'Parliament of Atlantis', kind: 'statement' },
      { delegation: 'bel', kind: 'point-of-order' },
      { delegation: 'icc-otp', kind: 'statement' },
      { delegation: 'deu', kind: 'statement' },
      { delegation: 'a', kind: 'answer' },
      { delegation: 'Guest', kind: 'statement', category: 'panellist' },
      { delegation: 'fra', kind: 'question', addressedTo: 'b' },
      { delegation: 'deu', kind: 'reply' },
      { delegation: 'nld', kind: 'point-of-order' },
      { delegation: 'b', kind: 'answer' },
    ];
    for (const fields of inscribe) d.ok(req(fields));
    return d;
  }

  // An answer is heard right after the questions it answers (issue 15, item 10): answers used to
  // go to the head of the list, before the questions they answer.
  const ORDER = [
    'point-of-order:bel',
    'point-of-order:nld',
    'statement:deu',
    'question:fra',
    'answer:b',
    'statement:chn',
    'question:un',
    'answer:a',
    'statement:hrw',
    'statement:icc-otp',
    'statement:Guest',
    'statement:Parliament of Atlantis',
    'reply:fra',
    'reply:deu',
  ];

  it('puts points of order, statements and questions by category, each answer right after its questions, then replies', () => {
    expect(queueOf(inscribed())).toEqual(ORDER);
  });

  it('orders by inscription, not by approval', () => {
    const d = openFloor();
    d.ok(req({ delegation: 'ken', kind: 'statement' }), device()); // early, approved late
    d.ok(req({ delegation: 'chn', kind: 'statement' }));
    d.ok(req({ delegation: 'deu', kind: 'statement' }));
    d.ok({ type: 'floor.approve', requestId: 'r1' });
    expect(queueOf(d)).toEqual(['statement:ken', 'statement:deu', 'statement:chn']);
  });

  it('follows the category set on approval', () => {
    const d = openFloor();
    d.ok(req({ delegation: 'chn', kind: 'statement' }));
    d.ok(req({ delegation: 'Republic of Atlantis', kind: 'statement' }), device());
    d.ok({ type: 'floor.approve', requestId: d.lastRequestId(), category: 'state-party' });
    expect(queueOf(d)).toEqual(['statement:Republic of Atlantis', 'statement:chn']);
  });

  it('keeps a moved request where the moderator put it', () => {
    const d = inscribed();
    const replyFra = d.state.floor.queue[12] ?? '';
    d.ok({ type: 'floor.move', requestId: replyFra, toIndex: 0 });
    expect(queueOf(d)[0]).toBe('reply:fra');
    d.ok(req({ delegation: 'gbr', kind: 'point-of-order' }));
    d.ok(req({ delegation: 'ita', kind: 'statement' }));
    d.ok(req({ delegation: 'usa', kind: 'statement' }));
    expect(queueOf(d)).toEqual([
      'reply:fra',
      'point-of-order:bel',
      'point-of-order:nld',
      'point-of-order:gbr',
      'statement:deu',
      'question:fra',
      'answer:b',
      'statement:ita',
      'statement:chn',
      'statement:usa',
      'question:un',
      'answer:a',
      'statement:hrw',
      'statement:icc-otp',
      'statement:Guest',
      'statement:Parliament of Atlantis',
      'reply:deu',
    ]);
    expect(d.state.floor.requests.find((r) => r.id === replyFra)?.moved).toBe(true);
  });

  it('never lets a newer point of order overtake an older one waiting behind a moved request', () => {
    // Found by the property test: the answer goes to the head of the list, ahead of the moved
    // statement; the point of order raised next then went ahead of the answer, and so of the
    // older point of order still waiting behind the statement.
    const d = openFloor();
    d.ok(req({ delegation: 'fra', kind: 'statement' }));
    d.ok({ type: 'floor.move', requestId: d.state.floor.queue[0] ?? '', toIndex: 0 });
    d.ok(req({ delegation: 'bel', kind: 'point-of-order' }));
    d.ok(req({ delegation: 'a', kind: 'answer' }));
    expect(queueOf(d)).toEqual(['answer:a', 'statement:fra', 'point-of-order:bel']);
    d.ok(req({ delegation: 'deu', kind: 'point-of-order' }));
    expect(queueOf(d)).toEqual([
      'answer:a',
      'statement:fra',
      'point-of-order:bel',
      'point-of-order:deu',
    ]);
  });

  it('keeps the order of the others when one leaves the queue', () => {
    const d = inscribed();
    d.ok({ type: 'floor.withdraw', requestId: d.state.floor.queue[2] ?? '' });
    d.ok({
      type: 'floor.decline',
      requestId: d.state.floor.queue[0] ?? '',
      reason: 'Not a point of order',
    });
    expect(queueOf(d)).toEqual(
      ORDER.filter((e) => e !== 'statement:deu' && e !== 'point-of-order:bel'),
    );
  });

  it('gives the floor down the queue with "next"', () => {
    const d = inscribed();
    const heard: string[] = [];
    for (let i = 0; i < ORDER.length; i++) {
      d.ok({ type: 'speaker.next', start: true });
      const r = d.state.floor.requests.find((x) => x.id === d.turn().requestId);
      heard.push(`${r?.kind}:${r?.panellist ?? r?.delegation.id ?? r?.delegation.en}`);
    }
    expect(heard).toEqual(ORDER);
    const error = d.refused({ type: 'speaker.next' }, 'not-allowed');
    expect(error.message).toBe('The list of speakers is empty: end the segment to move on.');
    // The last speaker still has the floor until the moderator ends the turn or the segment.
    expect(d.turn().endedAt).toBeNull();
  });
});

describe('who is speaking during a point of order', () => {
  /** Ana (panel item a) speaks 2 min; Belgium's point of order is given the floor. */
  function pointOfOrderOnAna(): Driver {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(2 * MINUTE).ok(req({ delegation: 'bel', kind: 'point-of-order' }));
    d.ok({ type: 'floor.give', requestId: d.lastRequestId(), start: true });
    return d;
  }
  const statuses = (d: Driver, role: Actor = VIEWER) =>
    Object.fromEntries(
      viewFor(d.state, role).segments[0]?.items.map((i) => [i.speaker.name, i.status]) ?? [],
    );

  it('one speaks: the point of order; the speaker it interrupted is "interrupted" in every view', () => {
    const d = pointOfOrderOnAna();
    for (const role of [MODERATOR, STAGE, VIEWER, delegate('device-x')]) {
      expect(statuses(d, role)).toEqual({
        Ana: 'interrupted',
        Belgium: 'speaking',
        Ben: 'upcoming',
        Cleo: 'upcoming',
      });
    }
  });

  it('the interrupted speaker speaks again once the point of order is finished', () => {
    const d = pointOfOrderOnAna();
    d.tick(30 * SECOND).ok({ type: 'speaker.finish' });
    expect(statuses(d)).toMatchObject({ Ana: 'speaking', Belgium: 'done' });
    d.ok({ type: 'timer.start' });
    d.tick(MINUTE).ok({ type: 'speaker.next' });
    expect(statuses(d)).toMatchObject({ Ana: 'done', Ben: 'speaking' });
  });

  it('undo of the point of order gives the floor back to the speaker, speaking', () => {
    const d = pointOfOrderOnAna();
    d.ok({ type: 'undo' });
    expect(statuses(d)).toMatchObject({ Ana: 'speaking' });
    expect(d.state.interruptedTurnId).toBeNull();
  });

  it('ending the meeting during a point of order ends both turns: done, nobody speaking', () => {
    const d = pointOfOrderOnAna();
    d.tick(10 * SECOND).ok({ type: 'session.end' });
    expect(statuses(d)).toMatchObject({ Ana: 'done', Belgium: 'done' });
  });

  it('the interrupted speaker cannot be removed or moved to another segment: they hold the floor', () => {
    const d = pointOfOrderOnAna();
    const removed = d.refused({ type: 'item.remove', itemId: 'a' }, 'not-allowed');
    expect(removed.message).toBe('The speaker who has the floor cannot be removed.');
    d.refused({ type: 'item.move', itemId: 'a', segmentId: 'closing', toIndex: 0 }, 'not-allowed');
    expect(statuses(d)).toMatchObject({ Ana: 'interrupted' });
  });
});

describe('a point of order', () => {
  /** France's statement running in the open floor, 1 min in; Belgium's point of order inscribed. */
  function statementRunning(): Driver {
    const d = openFloor();
    d.ok(req({ delegation: 'fra', kind: 'statement' }));
    d.ok(req({ delegation: 'deu', kind: 'statement' }));
    d.ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok(req({ delegation: 'bel', kind: 'point-of-order' }));
    return d;
  }

  it('interrupts: the turn pauses and does not end; finish returns to it, paused', () => {
    const d = statementRunning();
    const statement = d.turn();
    const point = d.lastRequestId();
    expect(queueOf(d)).toEqual(['point-of-order:bel', 'statement:deu']);
    d.tick(5 * SECOND).ok({ type: 'floor.give', requestId: point, start: true });
    const order = d.turn();
    expect(order).toMatchObject({
      kind: 'point-of-order',
      interrupts: statement.id,
      plannedMs: MINUTE,
    });
    expect(d.state.interruptedTurnId).toBe(statement.id);
    const paused = d.state.turns.find((t) => t.id === statement.id);
    expect(paused).toMatchObject({
      endedAt: null,
      startedAt: null,
      elapsedMs: MINUTE + 5 * SECOND,
      interruptedBy: [order.id],
    });
    // The point of order's item sits right after the interrupted one.
    expect(d.state.segments[1]?.items.map((i) => i.kind)).toEqual(['statement', 'point-of-order']);

    // Meanwhile: no next, no other speaker, no second point of order, no end of segment.
    const e = d.refused({ type: 'speaker.next' }, 'not-allowed');
    expect(e.message).toBe(
      'A point of order is being heard: finish it (F) and the interrupted speaker resumes.',
    );
    d.refused({ type: 'floor.give', requestId: d.state.floor.queue[0] ?? '' }, 'not-allowed');
    d.refused({ type: 'segment.end' }, 'not-allowed');
    d.refused({ type: 'speaker.call', itemId: 'z' }, 'not-allowed');
    d.ok(req({ delegation: 'nld', kind: 'point-of-order' }));
    const second = d.refused({ type: 'floor.give', requestId: d.lastRequestId() }, 'not-allowed');
    expect(second.message).toBe('A point of order is already being heard.');

    d.tick(40 * SECOND).ok({ type: 'speaker.finish' });
    expect(d.state.currentTurnId).toBe(statement.id);
    expect(d.state.interruptedTurnId).toBeNull();
    expect(d.turn()).toMatchObject({
      startedAt: null,
      endedAt: null,
      elapsedMs: MINUTE + 5 * SECOND,
    });
    expect(d.state.turns.find((t) => t.id === order.id)).toMatchObject({
      endedAt: d.now,
      elapsedMs: 40 * SECOND,
    });

    d.tick(2 * SECOND).ok({ type: 'timer.start' });
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    const record = buildRecord(d.state, d.now);
    const fr = record.turns.find((t) => t.turnId === statement.id);
    expect(fr).toMatchObject({
      spokenMs: 2 * MINUTE + 5 * SECOND,
      pausedMs: 42 * SECOND,
      interruptedBy: [order.id],
    });
    expect(record.turns.find((t) => t.turnId === order.id)).toMatchObject({
      spokenMs: 40 * SECOND,
      interrupts: statement.id,
      kind: 'point-of-order',
      category: 'state-party',
    });
  });

  it("is raised by a delegate's phone, approved, and interrupts once the moderator gives the floor", () => {
    const d = openFloor();
    d.ok(req({ delegation: 'fra', kind: 'statement' }));
    d.ok({ type: 'speaker.next', start: true });
    const statement = d.turn();
    const phone = device();
    d.tick(MINUTE).ok(req({ delegation: 'bel', kind: 'point-of-order' }), phone);
    const point = d.lastRequestId();
    // Like any delegate's request, it waits for approval, then goes to the head of the list.
    expect(d.state.floor.requests.find((r) => r.id === point)).toMatchObject({
      kind: 'point-of-order',
      status: 'requested',
      byModerator: false,
    });
    d.ok(req({ delegation: 'deu', kind: 'statement' }));
    d.ok({ type: 'floor.approve', requestId: point });
    expect(queueOf(d)).toEqual(['point-of-order:bel', 'statement:deu']);
    d.ok({ type: 'floor.give', requestId: point, start: true });
    expect(d.turn()).toMatchObject({ kind: 'point-of-order', interrupts: statement.id });
    expect(d.state.interruptedTurnId).toBe(statement.id);
    d.tick(30 * SECOND).ok({ type: 'speaker.finish' });
    expect(d.state.currentTurnId).toBe(statement.id);
    expect(d.state.floor.requests.find((r) => r.id === point)?.status).toBe('done');
  });

  it("is taken from a delegate's phone on a closed list, and only while the meeting is live", () => {
    const d = new Driver();
    d.ok({ type: 'floor.open' });
    const phone = device();
    const early = d.refused(
      req({ delegation: 'bel', kind: 'point-of-order' }),
      'not-allowed',
      phone,
    );
    expect(early.message).toBe('A point of order can only be raised while the meeting is live.');
    d.ok({ type: 'session.start' });
    d.ok({ type: 'floor.close' });
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'bel', kind: 'point-of-order' }), phone);
    // One open point of order per delegation, as for every kind.
    const again = d
      .tick(REQUEST_INTERVAL_MS)
      .refused(req({ delegation: 'bel', kind: 'point-of-order' }), 'not-allowed', phone);
    expect(again.message).toBe('Belgium already has a point-of-order request open.');
  });

  it('is heard in a panel segment too, and the panellist resumes', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok(req({ delegation: 'fra', kind: 'point-of-order' }));
    d.ok({ type: 'floor.give', requestId: d.lastRequestId() });
    expect(d.state.segments[0]?.items.map((i) => i.id)).toEqual([
      'a',
      expect.stringMatching(/^r\d+-\d+$/),
      'b',
      'c',
    ]);
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    expect(d.turn().itemId).toBe('a');
    expect(elapsedAt(d.turn(), d.now + MINUTE)).toBe(MINUTE);
    // The panel goes on with Ben, not with the point of order.
    d.ok({ type: 'speaker.next' });
    expect(d.turn().itemId).toBe('b');
    // The record's plan for the panel is its own items only.
    expect(buildRecord(d.state, d.now).segments[0]?.plannedMs).toBe(17 * MINUTE);
  });

  it('is never recalled, and the one it interrupted ends with the session', () => {
    const d = statementRunning();
    d.ok({ type: 'floor.give', requestId: d.lastRequestId(), start: true });
    const order = d.turn().id;
    d.tick(10 * SECOND).ok({ type: 'session.end' });
    expect(d.state.turns.every((t) => t.endedAt === d.now)).toBe(true);
    d.ok({ type: 'undo' });
    expect(d.turn().id).toBe(order);
    d.ok({ type: 'speaker.finish' });
    d.ok({ type: 'speaker.finish' });
    d.ok({ type: 'speaker.recall' });
    expect(d.turn().kind).toBe('statement');
  });
});

describe('the end of the open floor', () => {
  it('refuses "next" on an empty list, in words', () => {
    const d = openFloor();
    const error = d.refused({ type: 'speaker.next' }, 'not-allowed');
    expect(error.message).toBe('The list of speakers is empty: end the segment to move on.');
  });

  it('segment.end leaves those still queued, or waiting for approval, not heard', () => {
    const d = openFloor();
    d.ok(req({ delegation: 'fra', kind: 'statement' }));
    d.ok(req({ delegation: 'deu', kind: 'statement' }));
    d.ok(req({ delegation: 'bel', kind: 'statement' }), device());
    d.ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok({ type: 'segment.end' });
    expect(d.state.currentSegmentId).toBe('closing');
    expect(d.state.floor.queue).toEqual([]);
    expect(d.state.floor.requests.map((r) => [r.delegation.id, r.status, r.reason])).toEqual([
      ['fra', 'done', null],
      ['deu', 'not-heard', 'not reached before the list ended'],
      ['bel', 'not-heard', 'not approved before the list ended'],
    ]);
    const record = buildRecord(d.state, d.now);
    expect(record.notHeard.map((r) => r.delegation.id)).toEqual(['deu', 'bel']);
  });

  it('with two open floors, a request waits for the next one', () => {
    const programme = parseProgramme({
      id: 'two',
      title: 'Two floors',
      timeZone: 'Europe/Amsterdam',
      segments: [
        {
          id: 'p1',
          kind: 'panel',
          title: 'P1',
          budget: 5,
          items: [{ id: 'a', kind: 'presentation', speaker: { name: 'Ana' }, minutes: 5 }],
        },
        { id: 'f1', kind: 'floor', title: 'F1', budget: 10 },
        {
          id: 'p2',
          kind: 'panel',
          title: 'P2',
          budget: 5,
          items: [{ id: 'b', kind: 'presentation', speaker: { name: 'Ben' }, minutes: 5 }],
        },
        { id: 'f2', kind: 'floor', title: 'F2', budget: 10, times: { statement: 4 } },
      ],
    });
    if (!programme.ok) throw new Error('bad programme');
    const d = new Driver(programme.programme);
    d.ok({ type: 'session.start' });
    d.ok({ type: 'floor.open' });
    d.ok(req({ delegation: 'fra', kind: 'statement' })); // asked during the first panel
    d.ok(req({ delegation: 'deu', kind: 'statement' }));
    d.ok({ type: 'speaker.next' });
    d.ok({ type: 'speaker.next' }); // into f1, nobody speaking
    expect(d.state.currentSegmentId).toBe('f1');
    expect(d.state.currentTurnId).toBeNull();
    d.ok({ type: 'speaker.next' });
    expect(d.turn()).toMatchObject({ segmentId: 'f1', delegation: { id: 'fra' } });
    d.ok({ type: 'segment.end' }); // Germany waits for f2
    expect(d.state.floor.requests[1]?.status).toBe('queued');
    d.ok({ type: 'speaker.next' });
    d.ok({ type: 'speaker.next' }); // into f2
    d.ok({ type: 'speaker.next' });
    expect(d.turn()).toMatchObject({
      segmentId: 'f2',
      delegation: { id: 'deu' },
      plannedMs: 4 * MINUTE,
    });
    expect(d.state.segments[3]?.items.map((i) => i.requestId)).toEqual([
      d.state.floor.requests[1]?.id,
    ]);
  });
});

describe('undo and the list of speakers', () => {
  /** The requests of a delegation, as `kind:status`, in the order they were made. */
  const requestsOf = (d: Driver, delegation: string) =>
    d.state.floor.requests
      .filter((r) => r.delegation.id === delegation)
      .map((r) => `${r.kind}:${r.status}`);
  const AGAIN =
    'France has asked for the floor again since: undoing would leave it two statement requests waiting. Approve its new request instead (and move it up, if it should keep the earlier place).';

  it('refuses to undo the opening of the list once delegates have asked, and says what to do', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'segment.end' });
    d.ok({ type: 'floor.open' });
    d.ok(req({ delegation: 'fra', kind: 'statement' }), device());
    const before = JSON.stringify(d.state.floor);
    const error = d.refused({ type: 'undo' }, 'not-allowed');
    expect(error).toMatchObject({
      key: 'undo-list-not-open',
      message:
        'Delegates have asked for the floor from their phones since the list was opened: undoing would leave their requests waiting on a list that is not open. Close the list instead.',
    });
    expect(JSON.stringify(d.state.floor)).toBe(before);
    // What the sentence says works: closed, the list keeps the request, which may still be heard.
    d.ok({ type: 'floor.close' });
    expect(d.state.floor.status).toBe('closed');
    expect(d.state.floor.requests.map((r) => r.status)).toEqual(['requested']);
  });

  it('keeps a delegation a request names: undoing its addition is refused', () => {
    const d = openFloor();
    d.ok({ type: 'delegation.add', id: 'atl-ngo', en: 'Atlantis NGO Forum', category: 'other' });
    d.ok(req({ delegation: 'atl-ngo', kind: 'statement' }), device());
    const error = d.refused({ type: 'undo' }, 'not-allowed');
    expect(error).toMatchObject({
      key: 'undo-delegation-named',
      message:
        'Atlantis NGO Forum has asked for the floor since it was added, so the addition stays: undo cannot take back a delegation that a request names.',
    });
    expect(d.state.extraDelegations.map((x) => x.id)).toEqual(['atl-ngo']);
    expect(d.state.floor.requests[0]?.delegation.id).toBe('atl-ngo');
  });

  it('refuses to undo a decline once the delegation has asked again, and says what to do', () => {
    const d = openFloor();
    const france = device();
    d.ok(req({ delegation: 'fra', kind: 'statement' }), france);
    const first = d.lastRequestId();
    d.tick(SECOND).ok({ type: 'floor.decline', requestId: first });
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'fra', kind: 'statement' }), france);
    const again = d.lastRequestId();
    const error = d.refused({ type: 'undo' }, 'not-allowed');
    expect(error).toMatchObject({ key: 'undo-request-twice', message: AGAIN });
    expect(requestsOf(d, 'fra')).toEqual(['statement:declined', 'statement:requested']);
    // What the sentence says works: the new request takes the list.
    d.ok({ type: 'floor.approve', requestId: again });
    expect(d.state.floor.queue).toEqual([again]);
  });

  it('undoes the decline once the delegation has withdrawn its new request', () => {
    const d = openFloor();
    const france = device();
    d.ok(req({ delegation: 'deu', kind: 'statement' }));
    d.ok(req({ delegation: 'fra', kind: 'statement' }), france);
    const first = d.lastRequestId();
    d.ok({ type: 'floor.approve', requestId: first });
    d.tick(SECOND).ok({ type: 'floor.decline', requestId: first });
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'fra', kind: 'statement' }), france);
    d.tick(SECOND).ok({ type: 'floor.withdraw', requestId: d.lastRequestId() }, france);
    d.ok({ type: 'undo' });
    // France is back at its place, after Germany; its second request stays withdrawn.
    expect(requestsOf(d, 'fra')).toEqual(['statement:queued', 'statement:withdrawn']);
    expect(queueOf(d)).toEqual(['statement:deu', 'statement:fra']);
    expect(d.events.reduce(evolve, d.initial)).toEqual(d.state);
  });

  it("refuses to undo the chair's withdrawal once the delegation has asked again", () => {
    const d = openFloor();
    const france = device();
    d.ok(req({ delegation: 'fra', kind: 'statement' }), france);
    d.tick(SECOND).ok({ type: 'floor.withdraw', requestId: d.lastRequestId() });
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'France', kind: 'statement' }), device());
    const error = d.refused({ type: 'undo' }, 'not-allowed');
    expect(error.message).toBe(AGAIN);
  });

  it('undoes a decline when the delegation asked since for another kind, or another delegation asked', () => {
    const d = openFloor();
    d.ok(req({ delegation: 'fra', kind: 'statement' }), device());
    const first = d.lastRequestId();
    d.tick(SECOND).ok({ type: 'floor.decline', requestId: first });
    d.ok(req({ delegation: 'fra', kind: 'question', addressedTo: 'a' }), device());
    d.ok(req({ delegation: 'deu', kind: 'statement' }), device());
    d.ok({ type: 'undo' });
    expect(requestsOf(d, 'fra')).toEqual(['statement:requested', 'question:requested']);
    expect(requestsOf(d, 'deu')).toEqual(['statement:requested']);
  });

  it('undoes the end of a turn though the delegation asked again: its request speaks again, as when recalled', () => {
    const d = openFloor();
    d.ok(req({ delegation: 'fra', kind: 'statement' }), device());
    d.ok({ type: 'floor.approve', requestId: d.lastRequestId() });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    d.tick(SECOND).ok(req({ delegation: 'fra', kind: 'statement' }), device());
    d.ok({ type: 'undo' });
    expect(requestsOf(d, 'fra')).toEqual(['statement:speaking', 'statement:requested']);
  });

  it("undoes the chair's inscription and keeps what delegates asked since", () => {
    const d = openFloor();
    d.ok(req({ delegation: 'deu', kind: 'statement' }));
    d.tick(SECOND).ok(req({ delegation: 'fra', kind: 'statement' }), device());
    d.ok({ type: 'undo' });
    expect(requestsOf(d, 'deu')).toEqual([]);
    expect(requestsOf(d, 'fra')).toEqual(['statement:requested']);
  });

  it('refuses an undo that would give a delegation a third right of reply', () => {
    const d = openFloor();
    const france = device();
    d.ok(req({ delegation: 'fra', kind: 'reply' }));
    d.ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    d.ok(req({ delegation: 'fra', kind: 'reply' }), france);
    d.ok({ type: 'floor.decline', requestId: d.lastRequestId() });
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'fra', kind: 'reply' }), france);
    const error = d.refused({ type: 'undo' }, 'not-allowed');
    expect(error).toMatchObject({
      key: 'undo-replies-used',
      message:
        'France has asked for a right of reply again since: undoing would give it more than its two. Approve its new request instead.',
    });
  });

  it("refuses an undo that would leave a device more than its requests' limit", () => {
    const d = openFloor();
    const phone = device();
    for (const delegation of ['fra', 'deu', 'bel']) {
      d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation, kind: 'statement' }), phone);
    }
    d.ok({ type: 'floor.decline', requestId: d.lastRequestId() });
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'nld', kind: 'statement' }), phone);
    const error = d.refused({ type: 'undo' }, 'not-allowed');
    expect(error).toMatchObject({
      key: 'undo-device-full',
      message: `A delegate's device has asked for the floor since: undoing would leave it more than ${MAX_OPEN_REQUESTS_PER_DEVICE} requests waiting. Inscribe by hand the request the undo would bring back instead.`,
    });
  });

  it('still undoes in a session whose log already holds two requests waiting, from before this rule', () => {
    const d = openFloor();
    const france = device();
    d.ok(req({ delegation: 'fra', kind: 'statement' }), france);
    d.tick(SECOND).ok({ type: 'floor.decline', requestId: d.lastRequestId() });
    d.tick(REQUEST_INTERVAL_MS).ok(req({ delegation: 'fra', kind: 'statement' }), france);
    // The undo an older Gavel accepted, as its log holds it: its event replays as it did then.
    const undone = {
      type: 'undone',
      commandType: 'floor.decline',
      at: d.now,
      v: d.state.version + 1,
    } as const;
    d.state = evolve(d.state, undone);
    expect(requestsOf(d, 'fra')).toEqual(['statement:requested', 'statement:requested']);
    d.ok({ type: 'floor.close' });
    d.ok({ type: 'undo' });
    expect(d.state.floor.status).toBe('open');
  });
});

describe('what each role sees of the floor', () => {
  function busy(): Driver {
    const d = openFloor();
    d.ok({ type: 'floor.open', floorCode: 'ASP15' });
    d.ok({ type: 'message.show', text: 'Thirty seconds, please' });
    d.ok(req({ delegation: 'fra', kind: 'statement', floorCode: 'ASP15' }), delegate('key-fr'));
    d.ok({ type: 'floor.approve', requestId: 'r1' });
    d.tick(REQUEST_INTERVAL_MS).ok(
      req({ delegation: 'fra', kind: 'reply', floorCode: 'ASP15' }),
      delegate('key-fr'),
    );
    d.ok({ type: 'floor.decline', requestId: 'r2', reason: 'Not a reply' });
    d.ok(req({ delegation: 'deu', kind: 'statement', floorCode: 'ASP15' }), delegate('key-de'));
    d.ok(req({ delegation: 'bel', kind: 'statement' }));
    return d;
  }

  it('viewers see the approved queue and nothing else of the requests', () => {
    const view = viewFor(busy().state, VIEWER);
    expect(view.floor).toMatchObject({
      status: 'open',
      floorCodeRequired: true,
      floorCode: null,
      requests: [],
    });
    expect(
      view.floor.queue.map((q) => [q.id, q.delegation.en, q.category, q.kind, q.status]),
    ).toEqual([
      ['r1', 'France', 'state-party', 'statement', 'queued'],
      ['r4', 'Belgium', 'state-party', 'statement', 'queued'],
    ]);
    expect(view.message).toBeNull();
  });

  it('a delegate also sees its own requests, pending and declined with the reason', () => {
    const d = busy();
    const fr = viewFor(d.state, delegate('key-fr'));
    expect(fr.floor.requests.map((r) => [r.id, r.status, r.reason, r.mine])).toEqual([
      ['r1', 'queued', null, true],
      ['r2', 'declined', 'Not a reply', true],
    ]);
    const de = viewFor(d.state, delegate('key-de'));
    expect(de.floor.requests.map((r) => [r.id, r.status])).toEqual([['r3', 'requested']]);
    expect(de.floor.queue.map((q) => q.id)).toEqual(['r1', 'r4']);
    expect(de.floor.floorCode).toBeNull();
    expect(de.message).toBeNull();
  });

  it('the moderator sees every request; the stage and the moderator see the code and the message', () => {
    const d = busy();
    const mod = viewFor(d.state, MODERATOR);
    expect(mod.floor.requests.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(mod.floor.floorCode).toBe('ASP15');
    expect(mod.message?.text).toBe('Thirty seconds, please');
    const stage = viewFor(d.state, STAGE);
    expect(stage.floor.floorCode).toBe('ASP15');
    expect(stage.message?.text).toBe('Thirty seconds, please');
    expect(stage.floor.requests).toEqual([]);
  });

  it('never shows the floor code or the message to a viewer or a delegate, nor a device key to anyone', () => {
    const d = busy();
    for (const actor of [VIEWER, delegate('key-fr'), delegate('key-de'), delegate('other')]) {
      const text = JSON.stringify(viewFor(d.state, actor));
      expect(text).not.toContain('ASP15');
      expect(text).not.toContain('Thirty seconds');
    }
    for (const actor of [VIEWER, STAGE, MODERATOR, delegate('key-fr'), delegate('key-de')]) {
      const text = JSON.stringify(viewFor(d.state, actor));
      expect(text).not.toContain('key-fr');
      expect(text).not.toContain('key-de');
      expect(text).not.toContain('deviceKey');
    }
  });

  it('keeps the fields integrations read', () => {
    const view = viewFor(busy().state, VIEWER);
    expect(Object.keys(view.floor.queue[0] ?? {}).sort()).toEqual(
      [
        'addressedTo',
        'category',
        'delegation',
        'id',
        'kind',
        'onBehalfOf',
        'speakerName',
        'status',
      ].sort(),
    );
    expect(view.floor.queue[0]?.delegation).toEqual({ id: 'fra', en: 'France', fr: 'France' });
  });
});
