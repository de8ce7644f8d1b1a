import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, Command, type CommandOf, type CommandType } from '../../shared/commands.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { ERROR_STATUS } from '../../shared/errors.ts';
import { evolve, execute, UNDO_DEPTH } from '../../shared/machine.ts';
import { describeIssues } from '../../shared/programme.ts';
import { buildRecord } from '../../shared/record.ts';
import { PERMISSIONS } from '../../shared/roles.ts';
import { elapsedAt } from '../../shared/timer.ts';
import { Driver, MINUTE, MODERATOR, SECOND, STAGE, T0, VIEWER, delegate } from './helpers.ts';

/* ------------------------------------------------------------------------------------------ */
/* Scenarios: the small programme (panel a 10', b 4', c 3'; open floor; closing z 5')          */
/* ------------------------------------------------------------------------------------------ */

const SCENARIOS = {
  /** Not started. */
  scheduled: (): Driver => new Driver(),
  /** Live, in the panel, nobody called yet. */
  live: (): Driver => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    return d;
  },
  /** Ana (t1) has the floor, her timer paused. */
  paused: (): Driver => {
    const d = SCENARIOS.live();
    d.ok({ type: 'speaker.next' });
    return d;
  },
  /** Ana (t1) speaks, her timer running since T0. */
  running: (): Driver => {
    const d = SCENARIOS.paused();
    d.ok({ type: 'timer.start' });
    return d;
  },
  /** Ana spoke a minute and finished; nobody has the floor. */
  finished: (): Driver => {
    const d = SCENARIOS.running();
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    return d;
  },
  /** A break while Ana speaks. */
  suspended: (): Driver => {
    const d = SCENARIOS.running();
    d.tick(MINUTE).ok({ type: 'session.suspend' });
    return d;
  },
  /** Ana running, with a message on the stage. */
  message: (): Driver => {
    const d = SCENARIOS.running();
    d.ok({ type: 'message.show', text: 'Please conclude' });
    return d;
  },
  /** The open floor, its list open and empty, nobody speaking. */
  floor: (): Driver => {
    const d = SCENARIOS.live();
    d.ok({ type: 'segment.end' });
    d.ok({ type: 'floor.open' });
    return d;
  },
  /** The open floor with France's statement (r1) queued. */
  queued: (): Driver => {
    const d = SCENARIOS.floor();
    d.ok({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
    return d;
  },
  /** The open floor with France (r1) and Germany (r2) queued. */
  queued2: (): Driver => {
    const d = SCENARIOS.queued();
    d.ok({ type: 'floor.request', delegation: 'deu', kind: 'statement' });
    return d;
  },
  /** The open floor with Germany's own request (r1, from device dev-1) waiting for approval. */
  pending: (): Driver => {
    const d = SCENARIOS.floor();
    d.ok({ type: 'floor.request', delegation: 'deu', kind: 'statement' }, delegate('dev-1'));
    return d;
  },
  /** A point of order (t4) interrupts Ana (t1). */
  interrupted: (): Driver => {
    const d = SCENARIOS.running();
    d.tick(MINUTE).ok({ type: 'floor.request', delegation: 'fra', kind: 'point-of-order' });
    d.ok({ type: 'floor.give', requestId: 'r2', start: true });
    return d;
  },
  /** Every segment ended; the session still live. */
  over: (): Driver => {
    const d = SCENARIOS.live();
    d.ok({ type: 'segment.end' });
    d.ok({ type: 'segment.end' });
    d.ok({ type: 'segment.end' });
    return d;
  },
  /** Zoe (the last item of the last segment) speaks. */
  last: (): Driver => {
    const d = SCENARIOS.live();
    d.ok({ type: 'speaker.call', itemId: 'z', start: true });
    return d;
  },
  /** Ended while Ana spoke (t1 ended). */
  ended: (): Driver => {
    const d = SCENARIOS.running();
    d.tick(MINUTE).ok({ type: 'session.end' });
    return d;
  },
} satisfies Record<string, () => Driver>;
type Scenario = keyof typeof SCENARIOS;

/** One valid command of each type; a missing row fails to compile. */
const SAMPLE: { readonly [K in CommandType]: CommandOf<K> } = {
  'session.start': { type: 'session.start' },
  'session.suspend': { type: 'session.suspend' },
  'session.resume': { type: 'session.resume' },
  'session.end': { type: 'session.end' },
  'session.update': { type: 'session.update', changes: { title: 'Renamed' } },
  'speaker.next': { type: 'speaker.next' },
  'speaker.call': { type: 'speaker.call', itemId: 'c' },
  'speaker.finish': { type: 'speaker.finish' },
  'speaker.skip': { type: 'speaker.skip', itemId: 'c' },
  'speaker.recall': { type: 'speaker.recall' },
  'segment.end': { type: 'segment.end' },
  'segment.update': { type: 'segment.update', segmentId: 'panel', changes: { budget: 25 } },
  'timer.start': { type: 'timer.start' },
  'timer.pause': { type: 'timer.pause' },
  'timer.adjust': { type: 'timer.adjust', deltaMs: 30 * SECOND },
  'timer.set': { type: 'timer.set', remainingMs: MINUTE },
  'timer.reset': { type: 'timer.reset' },
  'message.show': { type: 'message.show', text: 'Please conclude', flash: true },
  'message.clear': { type: 'message.clear' },
  'message.presets': {
    type: 'message.presets',
    presets: [{ en: 'Thank you', fr: 'Merci' }],
  },
  'stage.blank': { type: 'stage.blank', on: true },
  'stage.flash': { type: 'stage.flash' },
  'item.add': {
    type: 'item.add',
    segmentId: 'panel',
    item: { kind: 'remarks', speaker: { name: 'Dan' }, minutes: 2 },
  },
  'item.update': { type: 'item.update', itemId: 'c', changes: { topic: 'Wrap-up' } },
  'item.move': { type: 'item.move', itemId: 'c', toIndex: 1 },
  'item.remove': { type: 'item.remove', itemId: 'c' },
  'floor.open': { type: 'floor.open', floorCode: 'ASP15' },
  'floor.close': { type: 'floor.close' },
  'floor.request': { type: 'floor.request', delegation: 'nld', kind: 'statement' },
  'floor.withdraw': { type: 'floor.withdraw', requestId: 'r1' },
  'floor.approve': { type: 'floor.approve', requestId: 'r1' },
  'floor.decline': { type: 'floor.decline', requestId: 'r1', reason: 'Not on the agenda' },
  'floor.move': { type: 'floor.move', requestId: 'r2', toIndex: 0 },
  'floor.give': { type: 'floor.give', requestId: 'r1' },
  'delegation.add': {
    type: 'delegation.add',
    id: 'gpa',
    en: 'Global Parliamentarians',
    category: 'civil-society',
  },
  'record.correct': { type: 'record.correct', turnId: 't1', note: 'Clock started late' },
  undo: { type: 'undo' },
};

/* ------------------------------------------------------------------------------------------ */
/* Accepted                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** Every command type, accepted where allowed: the events it causes (after `checkpointed`). */
const ACCEPTED: readonly [Scenario, Command, readonly string[]][] = [
  ['scheduled', SAMPLE['session.start'], ['sessionStarted', 'segmentEntered']],
  ['running', SAMPLE['session.suspend'], ['timerPaused', 'sessionSuspended']],
  ['live', SAMPLE['session.suspend'], ['sessionSuspended']],
  ['suspended', SAMPLE['session.resume'], ['sessionResumed']],
  ['running', SAMPLE['session.end'], ['turnEnded', 'segmentEnded', 'sessionEnded']],
  ['suspended', SAMPLE['session.end'], ['turnEnded', 'segmentEnded', 'sessionEnded']],
  [
    'interrupted',
    SAMPLE['session.end'],
    ['turnEnded', 'turnResumed', 'turnEnded', 'segmentEnded', 'sessionEnded'],
  ],
  ['over', SAMPLE['session.end'], ['sessionEnded']],
  ['scheduled', SAMPLE['session.update'], ['sessionUpdated']],
  ['ended', SAMPLE['record.correct'], ['recordCorrected']],
  ['live', SAMPLE['speaker.next'], ['turnBegan']],
  ['running', { type: 'speaker.next', start: true }, ['turnEnded', 'turnBegan', 'timerStarted']],
  ['queued', SAMPLE['speaker.next'], ['itemAdded', 'floorGiven', 'turnBegan']],
  ['running', SAMPLE['speaker.call'], ['turnEnded', 'turnBegan']],
  [
    'running',
    { type: 'speaker.call', itemId: 'z', start: true },
    ['turnEnded', 'segmentEnded', 'segmentEntered', 'turnBegan', 'timerStarted'],
  ],
  ['finished', { type: 'speaker.call', itemId: 'a' }, ['turnBegan']],
  ['running', SAMPLE['speaker.finish'], ['turnEnded']],
  ['suspended', SAMPLE['speaker.finish'], ['turnEnded']],
  ['interrupted', SAMPLE['speaker.finish'], ['turnEnded', 'turnResumed']],
  ['running', SAMPLE['speaker.skip'], ['itemSkipped']],
  ['scheduled', SAMPLE['speaker.skip'], ['itemSkipped']],
  ['finished', SAMPLE['speaker.recall'], ['turnBegan']],
  ['finished', { type: 'speaker.recall', start: true }, ['turnBegan', 'timerStarted']],
  ['running', SAMPLE['segment.end'], ['turnEnded', 'segmentEnded', 'segmentEntered']],
  ['suspended', SAMPLE['segment.end'], ['turnEnded', 'segmentEnded', 'segmentEntered']],
  ['scheduled', SAMPLE['segment.update'], ['segmentUpdated']],
  [
    'floor',
    { type: 'segment.update', segmentId: 'floor', changes: { times: { statement: '2:30' } } },
    ['segmentUpdated'],
  ],
  ['paused', SAMPLE['timer.start'], ['timerStarted']],
  ['interrupted', SAMPLE['timer.pause'], ['timerPaused']],
  ['running', SAMPLE['timer.pause'], ['timerPaused']],
  ['suspended', SAMPLE['timer.adjust'], ['timerAdjusted']],
  ['running', { type: 'timer.adjust', deltaMs: -10 * MINUTE }, ['timerAdjusted']],
  ['running', SAMPLE['timer.set'], ['timerSet']],
  ['running', SAMPLE['timer.reset'], ['timerReset']],
  ['scheduled', SAMPLE['message.show'], ['messageShown']],
  ['message', SAMPLE['message.clear'], ['messageCleared']],
  ['scheduled', SAMPLE['message.presets'], ['messagePresetsSet']],
  ['scheduled', SAMPLE['stage.blank'], ['stageBlanked']],
  ['scheduled', SAMPLE['stage.flash'], ['stageFlashed']],
  ['running', SAMPLE['item.add'], ['itemAdded']],
  [
    'running',
    {
      type: 'item.add',
      segmentId: 'panel',
      beforeItemId: 'b',
      item: { id: 'new', kind: 'remarks', speaker: { name: 'Dan' }, minutes: '1:30' },
    },
    ['itemAdded'],
  ],
  ['running', SAMPLE['item.update'], ['itemUpdated']],
  ['running', { type: 'item.update', itemId: 'a', changes: { minutes: 12 } }, ['itemUpdated']],
  ['running', SAMPLE['item.move'], ['itemMoved']],
  ['running', { type: 'item.move', itemId: 'a', toIndex: 2 }, ['itemMoved']],
  ['running', { type: 'item.move', itemId: 'b', segmentId: 'closing', toIndex: 1 }, ['itemMoved']],
  ['running', SAMPLE['item.remove'], ['itemRemoved']],
  ['scheduled', SAMPLE['floor.open'], ['floorOpened']],
  ['floor', { type: 'floor.open', floorCode: 'NEW1' }, ['floorOpened']],
  ['floor', SAMPLE['floor.close'], ['floorClosed']],
  ['floor', SAMPLE['floor.request'], ['floorRequested']],
  ['queued', SAMPLE['floor.withdraw'], ['floorWithdrawn']],
  ['pending', SAMPLE['floor.withdraw'], ['floorWithdrawn']],
  ['pending', SAMPLE['floor.approve'], ['floorApproved']],
  ['pending', SAMPLE['floor.decline'], ['floorDeclined']],
  ['queued', SAMPLE['floor.decline'], ['floorDeclined']],
  ['queued2', SAMPLE['floor.move'], ['floorMoved']],
  ['queued', SAMPLE['floor.give'], ['itemAdded', 'floorGiven', 'turnBegan']],
  [
    'pending',
    { type: 'floor.give', requestId: 'r1', start: true },
    ['itemAdded', 'floorGiven', 'turnBegan', 'timerStarted'],
  ],
  ['scheduled', SAMPLE['delegation.add'], ['delegationAdded']],
  ['finished', SAMPLE['record.correct'], ['recordCorrected']],
];

describe('every command, accepted where allowed', () => {
  it('covers every command type', () => {
    const covered = new Set(ACCEPTED.map(([, command]) => command.type));
    expect([...COMMAND_TYPES].filter((t) => !covered.has(t))).toEqual(['undo']); // undo: below
  });

  it.each(
    ACCEPTED.map(
      ([scenario, command, events]) => [command.type, scenario, command, events] as const,
    ),
  )('%s in %s', (_type, scenario, command, expected) => {
    const d = SCENARIOS[scenario]();
    const before = d.state;
    const events = d.ok(command);
    expect(events.map((e) => e.type)).toEqual(['checkpointed', ...expected]);
    expect(d.state.version).toBe(before.version + 1);
    for (const e of events) {
      expect(e.v).toBe(before.version + 1);
      expect(e.at).toBe(d.now);
      expect(e.external).toBeUndefined();
    }
    expect(events.reduce(evolve, before)).toEqual(d.state);
    expect(d.state.undo.at(-1)?.commandType).toBe(command.type);
  });

  it('undo is accepted after any of them, and advances the version too', () => {
    const d = SCENARIOS.running();
    const version = d.state.version;
    const events = d.ok({ type: 'undo' });
    expect(events.map((e) => e.type)).toEqual(['undone']);
    expect(d.state.version).toBe(version + 1);
  });

  it("a delegate's request is accepted without a checkpoint, marked as external", () => {
    const d = SCENARIOS.floor();
    const events = d.ok(SAMPLE['floor.request'], delegate('dev-9'));
    expect(events.map((e) => [e.type, e.external])).toEqual([['floorRequested', true]]);
    expect(d.state.floor.requests[0]).toMatchObject({ status: 'requested', deviceKey: 'dev-9' });
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Refused by availability                                                                    */
/* ------------------------------------------------------------------------------------------ */

const NOT_STARTED = 'The session has not started yet: start it first.';
const SUSPENDED = 'The session is suspended: resume it first.';
const NO_TURN = 'Nobody has the floor: call a speaker first.';
const POINT_OF_ORDER =
  'A point of order is being heard: finish it (F) and the interrupted speaker resumes.';

const UNAVAILABLE: readonly [Scenario, Command, string][] = [
  ['scheduled', SAMPLE.undo, 'There is nothing to undo.'],
  ['live', SAMPLE['session.start'], 'The session has already started.'],
  ['scheduled', SAMPLE['session.suspend'], NOT_STARTED],
  ['suspended', SAMPLE['session.suspend'], SUSPENDED],
  ['live', SAMPLE['session.resume'], 'The session is not suspended.'],
  ['scheduled', SAMPLE['session.resume'], 'The session is not suspended.'],
  ['scheduled', SAMPLE['session.end'], NOT_STARTED],
  ['scheduled', SAMPLE['speaker.next'], NOT_STARTED],
  ['suspended', SAMPLE['speaker.next'], SUSPENDED],
  ['interrupted', SAMPLE['speaker.next'], POINT_OF_ORDER],
  [
    'over',
    SAMPLE['speaker.next'],
    'No segment is running: the programme is over, end the session.',
  ],
  ['floor', SAMPLE['speaker.next'], 'The list of speakers is empty: end the segment to move on.'],
  ['scheduled', SAMPLE['speaker.call'], NOT_STARTED],
  ['suspended', SAMPLE['speaker.call'], SUSPENDED],
  ['interrupted', SAMPLE['speaker.call'], POINT_OF_ORDER],
  ['scheduled', SAMPLE['speaker.finish'], NOT_STARTED],
  ['live', SAMPLE['speaker.finish'], NO_TURN],
  ['scheduled', SAMPLE['speaker.recall'], NOT_STARTED],
  ['suspended', SAMPLE['speaker.recall'], SUSPENDED],
  [
    'running',
    SAMPLE['speaker.recall'],
    'Someone has the floor: finish that turn (F) before recalling a speaker.',
  ],
  [
    'live',
    SAMPLE['speaker.recall'],
    'Nobody has finished speaking yet: there is no one to recall.',
  ],
  ['scheduled', SAMPLE['segment.end'], NOT_STARTED],
  ['interrupted', SAMPLE['segment.end'], POINT_OF_ORDER],
  ['over', SAMPLE['segment.end'], 'No segment is running.'],
  ['scheduled', SAMPLE['timer.start'], NOT_STARTED],
  ['suspended', SAMPLE['timer.start'], SUSPENDED],
  ['live', SAMPLE['timer.start'], NO_TURN],
  ['running', SAMPLE['timer.start'], 'The timer is already running.'],
  ['scheduled', SAMPLE['timer.pause'], NOT_STARTED],
  ['live', SAMPLE['timer.pause'], NO_TURN],
  ['paused', SAMPLE['timer.pause'], 'The timer is not running.'],
  ['suspended', SAMPLE['timer.pause'], 'The timer is not running.'],
  ['scheduled', SAMPLE['timer.adjust'], NOT_STARTED],
  ['live', SAMPLE['timer.adjust'], NO_TURN],
  ['finished', SAMPLE['timer.set'], NO_TURN],
  ['floor', SAMPLE['timer.reset'], NO_TURN],
  ['scheduled', SAMPLE['floor.close'], 'The list of speakers is not open.'],
  ['live', SAMPLE['floor.close'], 'The list of speakers is not open.'],
  ['scheduled', SAMPLE['floor.give'], NOT_STARTED],
  ['suspended', SAMPLE['floor.give'], SUSPENDED],
];

describe('every refusal of availability', () => {
  it.each(
    UNAVAILABLE.map(
      ([scenario, command, message]) => [command.type, scenario, command, message] as const,
    ),
  )('%s in %s', (_type, scenario, command, message) => {
    const d = SCENARIOS[scenario]();
    const error = d.refused(command, 'not-allowed');
    expect(error.message).toBe(message);
  });

  it('an ended session refuses every command but undo and record.correct', () => {
    for (const type of COMMAND_TYPES) {
      const d = SCENARIOS.ended();
      const result = execute(d.state, SAMPLE[type], { now: d.now, actor: MODERATOR });
      if (type === 'undo' || type === 'record.correct') {
        expect(result.ok, type).toBe(true);
      } else {
        expect(result, type).toEqual({
          ok: false,
          error: {
            code: 'not-allowed',
            message:
              'The session has ended: only undo (to reopen it) and corrections of the record remain.',
            key: 'ended',
          },
        });
      }
    }
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Refused by what the command carries                                                        */
/* ------------------------------------------------------------------------------------------ */

const PAYLOAD: readonly [Scenario, Command, ErrorCode, string][] = [
  ['live', { type: 'session.update', changes: {} }, 'invalid', 'changes: name at least one field'],
  [
    'live',
    { type: 'speaker.skip', itemId: 'nobody' },
    'not-found',
    'Item "nobody" is not in this session.',
  ],
  [
    'running',
    { type: 'speaker.skip', itemId: 'a' },
    'not-allowed',
    'only an upcoming speaker can be skipped',
  ],
  ['finished', { type: 'speaker.skip', itemId: 'a' }, 'not-allowed', '"Ana" is done'],
  ['last', SAMPLE['speaker.next'], 'not-allowed', 'There is no speaker after this one'],
  ['live', { type: 'speaker.call', itemId: 'nobody' }, 'not-found', 'Item "nobody"'],
  ['running', { type: 'speaker.call', itemId: 'a' }, 'not-allowed', 'Ana already has the floor.'],
  [
    'finished',
    { type: 'speaker.call', itemId: 'r1' },
    'not-found',
    'Item "r1" is not in this session.',
  ],
  [
    'running',
    { type: 'segment.update', segmentId: 'nowhere', changes: { budget: 5 } },
    'not-found',
    'Segment "nowhere"',
  ],
  [
    'running',
    { type: 'segment.update', segmentId: 'panel', changes: {} },
    'invalid',
    'changes: name at least one field',
  ],
  [
    'running',
    { type: 'segment.update', segmentId: 'panel', changes: { times: { statement: 2 } } },
    'invalid',
    'changes.times: only an open-floor segment',
  ],
  [
    'running',
    { type: 'timer.adjust', deltaMs: -10 * MINUTE - 1 },
    'not-allowed',
    'more time than was granted',
  ],
  ['running', SAMPLE['message.clear'], 'not-allowed', 'There is no message on the stage to clear.'],
  ['running', { type: 'stage.blank', on: false }, 'not-allowed', 'The stage is not blank.'],
  [
    'running',
    { type: 'item.add', segmentId: 'nowhere', item: SAMPLE['item.add'].item },
    'not-found',
    'Segment "nowhere"',
  ],
  [
    'running',
    { type: 'item.add', segmentId: 'floor', item: SAMPLE['item.add'].item },
    'not-allowed',
    'Items of an open floor come from the list of speakers',
  ],
  [
    'running',
    { type: 'item.add', segmentId: 'panel', item: { ...SAMPLE['item.add'].item, id: 'z' } },
    'not-allowed',
    'The item id "z" is already taken.',
  ],
  [
    'running',
    { type: 'item.add', segmentId: 'panel', beforeItemId: 'z', item: SAMPLE['item.add'].item },
    'not-found',
    'Item "z" in segment "panel"',
  ],
  [
    'running',
    {
      type: 'item.add',
      segmentId: 'panel',
      item: { ...SAMPLE['item.add'].item, warning: 1, danger: 2 },
    },
    'invalid',
    'danger: must not be more than the warning time',
  ],
  [
    'running',
    { type: 'item.update', itemId: 'nobody', changes: { topic: 'T' } },
    'not-found',
    'Item "nobody"',
  ],
  [
    'running',
    { type: 'item.update', itemId: 'c', changes: {} },
    'invalid',
    'changes: name at least one field',
  ],
  [
    'running',
    { type: 'item.update', itemId: 'a', changes: { warning: '0:30', danger: '0:45' } },
    'invalid',
    'danger: must not be more than the warning time',
  ],
  ['running', { type: 'item.move', itemId: 'nobody', toIndex: 0 }, 'not-found', 'Item "nobody"'],
  [
    'running',
    { type: 'item.move', itemId: 'c', segmentId: 'nowhere', toIndex: 0 },
    'not-found',
    'Segment "nowhere"',
  ],
  [
    'running',
    { type: 'item.move', itemId: 'c', segmentId: 'floor', toIndex: 0 },
    'not-allowed',
    'An item can only move into a panel segment.',
  ],
  [
    'running',
    { type: 'item.move', itemId: 'a', segmentId: 'closing', toIndex: 0 },
    'not-allowed',
    'The speaker who has the floor stays in the current segment.',
  ],
  [
    'running',
    { type: 'item.move', itemId: 'c', toIndex: 3 },
    'invalid',
    'toIndex: must be from 0 to 2.',
  ],
  [
    'running',
    { type: 'item.move', itemId: 'c', segmentId: 'closing', toIndex: 2 },
    'invalid',
    'toIndex: must be from 0 to 1.',
  ],
  [
    'running',
    { type: 'item.move', itemId: 'c', toIndex: 2 },
    'not-allowed',
    'The item is already at that place.',
  ],
  ['running', { type: 'item.remove', itemId: 'nobody' }, 'not-found', 'Item "nobody"'],
  [
    'running',
    { type: 'item.remove', itemId: 'a' },
    'not-allowed',
    'The speaker who has the floor cannot be removed.',
  ],
  [
    'finished',
    { type: 'item.remove', itemId: 'a' },
    'not-allowed',
    'has already spoken and stays in the record',
  ],
  ['floor', { type: 'floor.open' }, 'not-allowed', 'The list of speakers is already open.'],
  [
    'running',
    { type: 'delegation.add', id: 'fra', en: 'France again', category: 'other' },
    'not-allowed',
    'The delegation id "fra" is already taken.',
  ],
  ['finished', { type: 'record.correct', turnId: 't9', note: 'n' }, 'not-found', 'Turn "t9"'],
  [
    'running',
    { type: 'record.correct', turnId: 't1', note: 'n' },
    'not-allowed',
    'This turn is still running',
  ],
  [
    'finished',
    { type: 'record.correct', turnId: 't1', endedAt: T0 - 1, note: 'n' },
    'invalid',
    'endedAt: must not be before startedAt.',
  ],
  [
    'finished',
    { type: 'record.correct', turnId: 't1', startedAt: T0 + 2 * MINUTE, note: 'n' },
    'invalid',
    'endedAt: must not be before startedAt.',
  ],
];

describe('every refusal of what a command carries', () => {
  it.each(
    PAYLOAD.map(
      ([scenario, command, code, message]) =>
        [command.type, code, scenario, command, message] as const,
    ),
  )('%s refused as %s in %s', (_type, code, scenario, command, message) => {
    const d = SCENARIOS[scenario]();
    const error = d.refused(command, code);
    expect(error.message).toContain(message);
  });

  it('a generated item id never takes one the programme already uses', () => {
    const d = SCENARIOS.running(); // seq is 1: the next generated id would be item-2
    d.ok({
      type: 'item.add',
      segmentId: 'closing',
      item: { id: 'item-2', kind: 'remarks', speaker: { name: 'Taken' }, minutes: 1 },
    });
    d.ok(SAMPLE['item.add']);
    const ids = d.state.segments.flatMap((s) => s.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* The schema at the trust boundary                                                           */
/* ------------------------------------------------------------------------------------------ */

describe('the command schema', () => {
  it.each([
    [{ type: 'speaker.jump' }, 'type', 'must be one of "session.start"'],
    [{}, 'type', 'must be one of "session.start"'],
    [{ type: 'timer.adjust' }, 'deltaMs', 'is missing'],
    [{ type: 'timer.adjust', deltaMs: 'soon' }, 'deltaMs', 'must be a number'],
    [{ type: 'timer.adjust', deltaMs: 0 }, 'deltaMs', 'must be a change of 1 ms to 1 hour'],
    [{ type: 'timer.adjust', deltaMs: 3_600_001 }, 'deltaMs', 'must be a change of 1 ms to 1 hour'],
    [{ type: 'timer.adjust', deltaMs: 1.5 }, 'deltaMs', 'must be a whole number of milliseconds'],
    [{ type: 'timer.set', remainingMs: -1 }, 'remainingMs', 'must not be negative'],
    [{ type: 'item.move', itemId: 'a', toIndex: 1.5 }, 'toIndex', 'must be a whole number'],
    [{ type: 'timer.start', expectedVersion: 'v3' }, 'expectedVersion', 'must be a number'],
    [{ type: 'timer.start', expectedVersion: -1 }, 'expectedVersion', ''],
    [{ type: 'timer.start', force: true }, 'force', 'is not a key Gavel knows'],
    [{ type: 'message.show', text: '   ' }, 'text', 'must not be empty'],
    [{ type: 'message.show', text: 'x'.repeat(281) }, 'text', 'must be at most 280 characters'],
    [{ type: 'speaker.call', itemId: '../etc' }, 'itemId', 'must be 1 to 64 letters'],
    [{ type: 'stage.blank' }, 'on', 'is missing'],
    [{ type: 'floor.open', floorCode: 'ab' }, 'floorCode', 'must be 3 to 12 letters or digits'],
    [{ type: 'floor.request', delegation: 'fra', kind: 'speech' }, 'kind', 'must be one of'],
    [
      { type: 'floor.request', delegation: 'fra', kind: 'statement', category: 'vip' },
      'category',
      'must be one of',
    ],
    [{ type: 'item.move', itemId: 'a', toIndex: -1 }, 'toIndex', 'must be 0 or more'],
    [
      {
        type: 'item.add',
        segmentId: 'panel',
        item: { kind: 'remarks', speaker: { name: 'X' }, minutes: 0 },
      },
      'item.minutes',
      'must be a positive number',
    ],
    [
      { type: 'session.update', changes: { plannedStart: '2016-11-17 10:00' } },
      'changes.plannedStart',
      'must be a local date and time',
    ],
    [
      { type: 'session.update', changes: { timeZone: 'Europe/Den_Haag' } },
      'changes.timeZone',
      'must be a time zone name',
    ],
  ] as const)('refuses %j at %s', (raw, path, words) => {
    const parsed = Command.safeParse(raw);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const problems = describeIssues(parsed.error.issues);
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem?.message).toContain(words);
  });

  it('takes every sample command as it is', () => {
    for (const type of COMMAND_TYPES) {
      const parsed = Command.safeParse(SAMPLE[type]);
      expect(parsed.success, type).toBe(true);
    }
  });

  it("maps the issue's refusal codes onto their HTTP statuses", () => {
    expect(ERROR_STATUS).toMatchObject({
      invalid: 400,
      unauthorized: 401,
      forbidden: 403,
      'not-found': 404,
      'not-allowed': 409,
      stale: 409,
      'too-large': 413,
      'rate-limited': 429,
    });
  });
});

/* ------------------------------------------------------------------------------------------ */
/* expectedVersion, roles, nothing changed by a refusal                                       */
/* ------------------------------------------------------------------------------------------ */

describe('expectedVersion', () => {
  it('refuses a command sent for another version as stale, and takes the current one', () => {
    const d = SCENARIOS.running();
    const version = d.state.version;
    d.refused({ type: 'speaker.next', expectedVersion: version - 1 }, 'stale');
    d.refused({ type: 'speaker.next', expectedVersion: version + 1 }, 'stale');
    d.ok({ type: 'speaker.next', expectedVersion: version });
    expect(d.turn().itemId).toBe('b');
    // The same "next" retried (say, by a button pressed twice) never skips Cleo.
    d.refused({ type: 'speaker.next', expectedVersion: version }, 'stale');
    expect(d.turn().itemId).toBe('b');
  });

  it('holds for a delegate too', () => {
    const d = SCENARIOS.floor();
    d.refused({ ...SAMPLE['floor.request'], expectedVersion: 0 }, 'stale', delegate('dev-1'));
  });
});

describe('roles', () => {
  it.each(COMMAND_TYPES)('a viewer and the stage may not send %s', (type) => {
    for (const actor of [VIEWER, STAGE]) {
      for (const scenario of ['scheduled', 'running', 'queued'] as const) {
        const d = SCENARIOS[scenario]();
        const error = d.refused(SAMPLE[type], 'forbidden', actor);
        expect(error.message).toContain(`A ${actor.role} may not send ${type}`);
      }
    }
  });

  it.each(COMMAND_TYPES.filter((t) => t !== 'floor.request' && t !== 'floor.withdraw'))(
    'a delegate may not send %s',
    (type) => {
      const d = SCENARIOS.queued();
      d.refused(SAMPLE[type], 'forbidden', delegate('dev-1'));
    },
  );

  it('says who may send a command', () => {
    const d = SCENARIOS.floor();
    expect(d.refused(SAMPLE['floor.request'], 'forbidden', VIEWER).message).toBe(
      "A viewer may not send floor.request: it needs a delegate's device, the floor officer or the moderator.",
    );
    expect(d.refused(SAMPLE['timer.start'], 'forbidden', STAGE).message).toBe(
      'A stage may not send timer.start: it needs the moderator.',
    );
    expect(d.refused(SAMPLE['floor.approve'], 'forbidden', { role: 'secretariat' }).message).toBe(
      'A secretariat may not send floor.approve: it needs the floor officer or the moderator.',
    );
    expect(d.refused(SAMPLE['timer.start'], 'forbidden', { role: 'floor-officer' }).message).toBe(
      'A floor-officer may not send timer.start: it needs the moderator.',
    );
    expect(PERMISSIONS['floor.request']).toEqual(['delegate', 'floor-officer', 'moderator']);
    expect(PERMISSIONS['floor.give']).toEqual(['floor-officer', 'moderator']);
  });

  it('a delegate may withdraw its own request only', () => {
    const d = SCENARIOS.pending(); // r1 from dev-1
    d.refused(SAMPLE['floor.withdraw'], 'forbidden', delegate('dev-2'));
    d.refused(SAMPLE['floor.withdraw'], 'forbidden', { role: 'delegate' });
    d.ok(SAMPLE['floor.withdraw'], delegate('dev-1'));
    expect(d.state.floor.requests[0]?.status).toBe('withdrawn');
  });

  it('a delegate may not withdraw a request the moderator inscribed', () => {
    const d = SCENARIOS.queued(); // r1 inscribed by the moderator
    d.refused(SAMPLE['floor.withdraw'], 'forbidden', delegate('dev-1'));
  });

  it('a delegate without a device key may not ask for the floor', () => {
    const d = SCENARIOS.floor();
    d.refused(SAMPLE['floor.request'], 'unauthorized', { role: 'delegate' });
  });
});

describe('a refused command changes nothing', () => {
  const cases: readonly [Scenario, Command][] = [
    ['running', { type: 'timer.adjust', deltaMs: -11 * MINUTE }],
    ['running', { type: 'item.move', itemId: 'c', toIndex: 9 }],
    ['last', { type: 'speaker.next' }],
    ['interrupted', { type: 'floor.give', requestId: 'r2' }],
    ['queued', { type: 'floor.move', requestId: 'r1', toIndex: 4 }],
    ['running', { type: 'record.correct', turnId: 't1', note: 'x' }],
  ];
  it.each(cases)('in %s: %j', (scenario, command) => {
    const d = SCENARIOS[scenario]();
    const copy = structuredClone(d.state);
    const result = execute(d.state, command, { now: d.now + MINUTE, actor: MODERATOR });
    expect(result.ok).toBe(false);
    expect(d.state).toEqual(copy);
    expect(d.state.version).toBe(copy.version);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Undo                                                                                       */
/* ------------------------------------------------------------------------------------------ */

describe('undo', () => {
  it('right after session.end reopens the meeting as it was, the timer still running', () => {
    const d = SCENARIOS.running();
    d.tick(3 * MINUTE).ok({ type: 'session.end' });
    expect(d.state.status).toBe('ended');
    d.tick(2 * MINUTE).ok({ type: 'undo' });
    expect(d.state.status).toBe('live');
    expect(d.state.endedAt).toBeNull();
    expect(d.state.currentSegmentId).toBe('panel');
    const turn = d.turn();
    expect(turn).toMatchObject({ id: 't1', startedAt: T0, endedAt: null });
    // The two minutes since the end are Ana's: her timer kept running.
    expect(elapsedAt(turn, d.now)).toBe(5 * MINUTE);
    d.ok({ type: 'speaker.next' });
  });

  it('keeps the time a running timer spent meanwhile', () => {
    const d = SCENARIOS.running();
    d.tick(MINUTE).ok({ type: 'timer.pause' });
    d.tick(2 * MINUTE).ok({ type: 'undo' });
    expect(d.turn().startedAt).toBe(T0);
    expect(elapsedAt(d.turn(), d.now)).toBe(3 * MINUTE);
  });

  it('of a timer.start leaves the paused time paused', () => {
    const d = SCENARIOS.paused();
    d.tick(MINUTE).ok({ type: 'timer.start' });
    d.tick(MINUTE).ok({ type: 'undo' });
    expect(d.turn()).toMatchObject({ elapsedMs: 0, startedAt: null, firstStartedAt: null });
  });

  it('of a "next" gives the floor back, and the undone turn leaves the record', () => {
    const d = SCENARIOS.running();
    d.tick(5 * MINUTE).ok({ type: 'speaker.next', start: true });
    expect(d.turn().itemId).toBe('b');
    d.tick(20 * SECOND).ok({ type: 'undo' });
    expect(d.turn().id).toBe('t1');
    expect(d.state.turns.map((t) => t.id)).toEqual(['t1']);
    expect(d.state.segments[0]?.items.map((i) => i.status)).toEqual([
      'speaking',
      'upcoming',
      'upcoming',
    ]);
    const record = buildRecord(d.state, d.now);
    expect(record.turns.map((t) => t.turnId)).toEqual(['t1']);
    expect(record.turns[0]?.spokenMs).toBe(5 * MINUTE + 20 * SECOND);
    // The next turn gets a new id: ids never come back.
    d.ok({ type: 'speaker.next' });
    expect(d.turn().id).toBe('t3');
  });

  it('reaches back at least 20 commands, one at a time', () => {
    const d = SCENARIOS.running();
    const states = [d.state];
    for (let i = 0; i < 25; i++) {
      d.tick(SECOND).ok({ type: 'message.show', text: `Message ${i}` });
      states.push(d.state);
    }
    expect(UNDO_DEPTH).toBeGreaterThanOrEqual(20);
    for (let i = 25; i > 0; i--) {
      d.ok({ type: 'undo' });
      const { version: _v, undo: _u, seq: _s, ...restored } = d.state;
      const { version: _v2, undo: _u2, seq: _s2, ...expected } = states[i - 1] ?? d.state;
      expect(restored).toEqual(expected);
    }
    expect(d.state.message).toBeNull();
  });

  it("keeps a delegate's request made after the undone command", () => {
    const d = SCENARIOS.live();
    d.ok({ type: 'floor.open' });
    d.tick(SECOND).ok(SAMPLE['floor.request'], delegate('dev-1'));
    d.tick(SECOND).ok({ type: 'message.show', text: 'Welcome' });
    d.tick(SECOND).ok(
      { type: 'floor.request', delegation: 'bel', kind: 'statement' },
      delegate('dev-2'),
    );
    d.ok({ type: 'undo' }); // the message
    expect(d.state.message).toBeNull();
    expect(d.state.floor.requests.map((r) => [r.delegation.id, r.status])).toEqual([
      ['nld', 'requested'],
      ['bel', 'requested'],
    ]);
    // Replaying the log gives the same.
    expect(d.events.reduce(evolve, d.initial)).toEqual(d.state);
    // The opening of the list is not undone under their requests: they would wait on a list
    // that is not open, which no delegate can ask on.
    d.refused({ type: 'undo' }, 'not-allowed');
    expect(d.state.floor.status).toBe('open');
  });

  it('is refused with nothing left to undo', () => {
    const d = SCENARIOS.scheduled();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'undo' });
    expect(d.state.status).toBe('scheduled');
    d.refused({ type: 'undo' }, 'not-allowed');
  });
});
