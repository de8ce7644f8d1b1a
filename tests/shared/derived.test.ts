/**
 * What is derived from the state, pure: the schedule, the record and its corrections, the "now"
 * summary, what comes next, view patches, and local times.
 */
import { describe, expect, it } from 'vitest';
import { nowLine, nowSummary } from '../../shared/now.ts';
import { applyPatch, diff } from '../../shared/patch.ts';
import { buildRecord, recordCsv } from '../../shared/record.ts';
import { computeSchedule } from '../../shared/schedule.ts';
import { nextUp, requestsOf, shownRequestStatus, viewFor } from '../../shared/views.ts';
import {
  formatZonedDate,
  formatZonedDateTime,
  formatZonedTime,
  zonedToEpoch,
  zoneOffsetMs,
} from '../../shared/zonedTime.ts';
import { Driver, MINUTE, MODERATOR, SECOND, T0, VIEWER, delegate, plenary } from './helpers.ts';

const scheduleOf = (d: Driver) => computeSchedule(viewFor(d.state, MODERATOR), d.now);

describe('the schedule (small programme: panel 20 min of which 17 planned, floor 30, closing 5)', () => {
  it('without a planned start: no plan, no "behind", the expected end from now', () => {
    const d = new Driver();
    const s = scheduleOf(d);
    expect(s).toMatchObject({ plannedStartAt: null, plannedEndAt: null, behindMs: null });
    expect(s.expectedEndAt).toBe(T0 + (17 + 30 + 5) * MINUTE);
    expect(s.segments.map((g) => g.expectedEndAt - T0)).toEqual(
      [17, 47, 52].map((m) => m * MINUTE),
    );
  });

  it('before the planned start: from the planned start; after it: from now', () => {
    const d = new Driver(undefined, T0 - 30 * MINUTE);
    d.ok({ type: 'session.update', changes: { plannedStart: '2016-11-17T10:00' } });
    let s = scheduleOf(d);
    expect(s.plannedStartAt).toBe(T0);
    expect(s.plannedEndAt).toBe(T0 + 55 * MINUTE);
    expect(s.expectedEndAt).toBe(T0 + 52 * MINUTE);
    expect(s.behindMs).toBe(-3 * MINUTE);
    expect(s.segments[0]).toMatchObject({
      plannedStartAt: T0,
      plannedEndAt: T0 + 20 * MINUTE,
      items: [
        { itemId: 'a', plannedStartAt: T0, plannedMs: 10 * MINUTE, actualStartAt: null },
        { itemId: 'b', plannedStartAt: T0 + 10 * MINUTE, plannedMs: 4 * MINUTE },
        { itemId: 'c', plannedStartAt: T0 + 14 * MINUTE, plannedMs: 3 * MINUTE },
      ],
    });
    d.tick(40 * MINUTE); // 10:10, not started
    s = scheduleOf(d);
    expect(s.expectedEndAt).toBe(T0 + 62 * MINUTE);
    expect(s.behindMs).toBe(7 * MINUTE);
  });

  it('a break moves the expected end as it lasts', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(2 * MINUTE).ok({ type: 'session.suspend' });
    expect(scheduleOf(d).segments[0]?.expectedEndAt).toBe(d.now + (8 + 4 + 3) * MINUTE);
    d.tick(10 * MINUTE);
    expect(scheduleOf(d).segments[0]?.expectedEndAt).toBe(d.now + (8 + 4 + 3) * MINUTE);
    expect(scheduleOf(d).expectedEndAt).toBe(T0 + (2 + 10 + 15 + 30 + 5) * MINUTE);
  });

  it('counts the turn a point of order interrupted and the point of order itself', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(2 * MINUTE).ok({ type: 'floor.request', delegation: 'fra', kind: 'point-of-order' });
    d.ok({ type: 'floor.give', requestId: d.lastRequestId(), start: true });
    d.tick(20 * SECOND);
    expect(scheduleOf(d).segments[0]).toMatchObject({
      remainingWorkMs: 8 * MINUTE + 40 * SECOND + 7 * MINUTE,
      expectedEndAt: d.now + 8 * MINUTE + 40 * SECOND + 7 * MINUTE,
    });
  });

  it('counts an overrun as no time left, not as time given back', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(12 * MINUTE);
    expect(scheduleOf(d).segments[0]?.expectedEndAt).toBe(d.now + 7 * MINUTE);
  });

  it('takes a skipped speaker out of the expected time, down to nothing for a whole segment', () => {
    const d = new Driver();
    d.ok({ type: 'speaker.skip', itemId: 'b' });
    d.ok({ type: 'speaker.skip', itemId: 'z' });
    const s = scheduleOf(d);
    expect(s.segments.map((g) => g.expectedEndAt - T0)).toEqual(
      [13, 43, 43].map((m) => m * MINUTE),
    );
  });

  it('lets an open floor run past its budget when its list is longer', () => {
    const d = new Driver();
    d.ok({ type: 'floor.open' });
    for (const delegation of [
      'fra',
      'deu',
      'bel',
      'nld',
      'ita',
      'esp',
      'pol',
      'swe',
      'fin',
      'dnk',
      'irl',
    ]) {
      d.ok({ type: 'floor.request', delegation, kind: 'statement' });
    }
    const s = scheduleOf(d);
    expect(s.segments[1]).toMatchObject({ remainingWorkMs: 33 * MINUTE });
    expect(s.segments[1]?.expectedEndAt).toBe(T0 + (17 + 33) * MINUTE);
  });

  it('reads the planned start in the session time zone, summer time included', () => {
    const d = new Driver();
    d.ok({ type: 'session.update', changes: { plannedStart: '2016-06-15T10:00' } });
    expect(scheduleOf(d).plannedStartAt).toBe(Date.UTC(2016, 5, 15, 8, 0));
    d.ok({ type: 'session.update', changes: { timeZone: 'UTC' } });
    expect(scheduleOf(d).plannedStartAt).toBe(Date.UTC(2016, 5, 15, 10, 0));
    d.ok({ type: 'session.update', changes: { plannedStart: null } });
    expect(scheduleOf(d).plannedStartAt).toBeNull();
  });
});

describe('the record', () => {
  /** Ana speaks 9:30 from T0+1 min, then Ben is called and finishes without a timer. */
  function spoken(): Driver {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next' });
    d.tick(MINUTE).ok({ type: 'timer.start' });
    d.tick(9 * MINUTE + 30 * SECOND).ok({ type: 'speaker.next' });
    d.tick(3 * MINUTE).ok({ type: 'speaker.finish' });
    return d;
  }

  it('counts a running turn up to now, and an ended meeting whatever now is', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    expect(buildRecord(d.state, d.now + 90 * SECOND).turns[0]).toMatchObject({
      spokenMs: 90 * SECOND,
      endedAt: null,
    });
    expect(buildRecord(d.state, d.now + 90 * SECOND).actualMs).toBe(90 * SECOND);
    d.tick(MINUTE).ok({ type: 'session.end' });
    expect(buildRecord(d.state, d.now + 5 * MINUTE)).toEqual(buildRecord(d.state, d.now));
  });

  it('keeps a turn whose timer never ran, called to ended', () => {
    const record = buildRecord(spoken().state, 0);
    expect(record.turns[1]).toMatchObject({
      itemId: 'b',
      calledAt: T0 + 10 * MINUTE + 30 * SECOND,
      startedAt: null,
      spokenMs: 0,
      pausedMs: 0,
    });
    expect(record.turns[0]).toMatchObject({
      calledAt: T0,
      startedAt: T0 + MINUTE,
      spokenMs: 570_000,
    });
  });

  it('counts speech before a restart of the clock as spoken, not paused, and says when it was restarted', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    // Ana runs 1 min over her 10, the clock is restarted, and she speaks 2 more minutes after a
    // pause of 30 s.
    d.tick(11 * MINUTE).ok({ type: 'timer.reset' });
    d.tick(30 * SECOND).ok({ type: 'timer.start' });
    d.tick(2 * MINUTE).ok({ type: 'speaker.finish' });
    const record = buildRecord(d.state, d.now);
    expect(record.turns[0]).toMatchObject({
      spokenMs: 13 * MINUTE,
      pausedMs: 30 * SECOND,
      grantedMs: 10 * MINUTE,
      // The countdown she saw after the restart still had 8 minutes to go.
      overrunMs: 0,
      restarts: [{ at: T0 + 11 * MINUTE, spokenMs: 11 * MINUTE }],
      corrected: { spokenMs: 13 * MINUTE, counts: true },
    });
    expect(record.spokenMs).toBe(13 * MINUTE);
    expect(record.segments[0]?.spokenMs).toBe(13 * MINUTE);
    const csv = recordCsv(record, 'turns').split('\r\n');
    const header = csv[0]?.split(',') ?? [];
    const row = csv[1]?.split(',') ?? [];
    const cell = (column: string) => row[header.indexOf(column)];
    expect(cell('spoken_s')).toBe('780');
    expect(cell('paused_s')).toBe('30');
    expect(cell('restarted_at (Europe/Amsterdam)')).toBe('2016-11-17 10:11:00');
    // The schedule's actual time of the item (the live page's "done" time) says the same.
    expect(scheduleOf(d).segments[0]?.items[0]?.spokenMs).toBe(13 * MINUTE);
  });

  it('stands corrections beside the original figures', () => {
    const d = spoken();
    // Ana began 20 s before her timer was started.
    d.ok({
      type: 'record.correct',
      turnId: 't1',
      startedAt: T0 + 40 * SECOND,
      note: 'Began before the timer',
    });
    // Ben spoke the 3 minutes with no timer: the correction gives his span.
    d.ok({
      type: 'record.correct',
      turnId: 't2',
      startedAt: T0 + 10 * MINUTE + 30 * SECOND,
      note: 'Timer not started',
    });
    let record = buildRecord(d.state, d.now);
    expect(record.turns[0]).toMatchObject({
      spokenMs: 570_000,
      corrected: { startedAt: T0 + 40 * SECOND, spokenMs: 590_000, counts: true },
    });
    expect(record.turns[1]).toMatchObject({
      spokenMs: 0,
      corrected: { startedAt: T0 + 10 * MINUTE + 30 * SECOND, spokenMs: 3 * MINUTE },
    });
    expect(record.spokenMs).toBe(590_000 + 180_000);
    expect(record.segments[0]?.spokenMs).toBe(770_000);

    // A later correction is checked against the corrected figures.
    const e = d.refused(
      { type: 'record.correct', turnId: 't2', endedAt: T0 + 10 * MINUTE, note: 'x' },
      'invalid',
    );
    expect(e.message).toBe('endedAt: must not be before startedAt.');

    // A turn that should not count leaves the totals, and stays in the record.
    d.ok({ type: 'record.correct', turnId: 't1', counts: false, note: 'Sound check' });
    record = buildRecord(d.state, d.now);
    expect(record.turns).toHaveLength(2);
    expect(record.turns[0]?.corrected.counts).toBe(false);
    expect(record.turns[0]?.corrections.map((c) => c.note)).toEqual([
      'Began before the timer',
      'Sound check',
    ]);
    expect(record.spokenMs).toBe(180_000);
    expect(record.byCategory).toEqual([{ category: 'panellist', turns: 1, spokenMs: 180_000 }]);
  });

  it('writes CSV tables in whole seconds and local instants named by their zone, quoting where needed', () => {
    const d = new Driver(plenary(), T0);
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(3 * MINUTE + 40 * SECOND + 499).ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok({ type: 'session.end' });
    const csv = recordCsv(buildRecord(d.state, d.now), 'turns').split('\r\n');
    expect(csv[0]).toBe(
      'turn,segment,item,request,kind,speaker,delegation,on_behalf_of,category,planned_s,granted_s,spoken_s,paused_s,overrun_s,started_at (Europe/Amsterdam),ended_at (Europe/Amsterdam),interrupted_by,recall_of,corrected_spoken_s,corrected_started_at (Europe/Amsterdam),corrected_ended_at (Europe/Amsterdam),counts,correction_notes,restarted_at (Europe/Amsterdam)',
    );
    expect(csv[1]).toBe(
      't1,Interactive panel,opening,,remarks,Ambassador Paul Wilke,,,panellist,240,240,220,0,0,2016-11-17 10:00:00,2016-11-17 10:03:40,,,220,2016-11-17 10:00:00,2016-11-17 10:03:40,yes,,',
    );
    expect(csv[2]).toContain(
      ',introduction,,remarks,Mr Arie IJzerman,Netherlands (Kingdom of the),',
    );
    expect(csv.at(-1)).toBe('');
    const segments = recordCsv(buildRecord(d.state, d.now), 'segments').split('\r\n');
    expect(segments[0]).toBe(
      'segment,title,kind,budget_s,planned_s,started_at (Europe/Amsterdam),ended_at (Europe/Amsterdam),actual_s,spoken_s,turns',
    );
    expect(segments[2]).toBe(
      'floor,Interactive segment — open floor for States Parties,floor,5100,5100,,,,0,0',
    );
    const requests = recordCsv(buildRecord(d.state, d.now), 'requests').split('\r\n');
    expect(requests[0]).toContain(',requested_at (Europe/Amsterdam),');
  });

  it('writes semicolons for a French Excel, quoting cells that hold one', () => {
    const d = new Driver(plenary(), T0);
    d.ok({ type: 'session.start' });
    d.tick(90 * SECOND).ok({ type: 'speaker.next', start: true });
    const turns = recordCsv(buildRecord(d.state, d.now), 'turns', ';').split('\r\n');
    expect(turns[0]?.split(';')).toHaveLength(24);
    expect(turns[0]).toMatch(/^turn;segment;item;request;kind;speaker;/);
    expect(turns[1]).toMatch(/^t1;Interactive panel;opening;;remarks;Ambassador Paul Wilke;/);
    expect(turns[1]).toContain(';2016-11-17 10:01:30;');
    expect(turns.join('')).not.toContain(',');
  });

  it('writes local date-times, whole seconds, on either side of a change of clock', () => {
    const zone = 'Europe/Amsterdam';
    // Summer time ends at 01:00 UTC on 30 October 2016: 03:00 CEST becomes 02:00 CET.
    expect(formatZonedDateTime(Date.UTC(2016, 9, 30, 0, 59, 59, 999), zone)).toBe(
      '2016-10-30 02:59:59',
    );
    expect(formatZonedDateTime(Date.UTC(2016, 9, 30, 1, 0, 0), zone)).toBe('2016-10-30 02:00:00');
    expect(formatZonedDateTime(Date.UTC(2016, 11, 31, 23, 5, 7), zone)).toBe('2017-01-01 00:05:07');
  });

  it('writes dates in words, day first, in the meeting’s zone and the reader’s language', () => {
    // 23:30 UTC on 1 December is already 2 December in Amsterdam.
    const at = Date.UTC(2026, 11, 1, 23, 30);
    expect(formatZonedDate(at, 'Europe/Amsterdam', 'en')).toBe('2 December 2026');
    expect(formatZonedDate(at, 'Europe/Amsterdam', 'fr')).toBe('2 décembre 2026');
    expect(formatZonedDate(at, 'America/New_York', 'en')).toBe('1 December 2026');
  });

  it('writes instants in the zone of the session', () => {
    const d = new Driver({ ...plenary(), timeZone: 'America/New_York' }, T0);
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    const turns = recordCsv(buildRecord(d.state, d.now), 'turns').split('\r\n');
    expect(turns[0]).toContain(',started_at (America/New_York),');
    // 09:00 UTC on 17 November is 04:00 in New York (UTC−5, standard time).
    expect(turns[1]).toContain(',2016-11-17 04:00:00,');
  });
});

describe('now and next', () => {
  it('sums up who speaks, the time left and who is next, for scripts', () => {
    const d = new Driver(plenary());
    let summary = nowSummary(viewFor(d.state, VIEWER), d.now);
    expect(summary).toMatchObject({ status: 'scheduled', speaker: null, timeLeft: null });
    expect(nowLine(summary)).toBe('scheduled | next: Ambassador Paul Wilke');
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.call', itemId: 'bensouda', start: true });
    summary = nowSummary(viewFor(d.state, VIEWER), d.now + 3 * MINUTE + 18 * SECOND);
    expect(summary).toMatchObject({
      speaker: 'Ms Fatou Bensouda',
      function: 'Prosecutor, International Criminal Court',
      timeLeft: '7:42',
      remainingMs: 462_000,
      phase: 'normal',
      running: true,
      next: 'Ambassador Paul Wilke',
    });
    expect(nowLine(summary)).toBe('Ms Fatou Bensouda | 7:42 normal | next: Ambassador Paul Wilke');
    d.tick(12 * MINUTE).ok({ type: 'timer.pause' });
    expect(nowLine(nowSummary(viewFor(d.state, VIEWER), d.now))).toBe(
      'Ms Fatou Bensouda | +1:00 overtime (paused) | next: Ambassador Paul Wilke',
    );
  });

  it('during a point of order: who raised it speaks, the speaker it interrupted is next, and says so', () => {
    const d = new Driver(plenary());
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.call', itemId: 'bensouda', start: true });
    d.tick(3 * MINUTE).ok({ type: 'floor.request', delegation: 'bel', kind: 'point-of-order' });
    d.ok({ type: 'floor.give', requestId: d.lastRequestId(), start: true });
    const view = viewFor(d.state, VIEWER);
    expect(nextUp(view)).toMatchObject({
      kind: 'resume',
      item: { id: 'bensouda', status: 'interrupted' },
      turn: { id: d.state.interruptedTurnId },
    });
    const summary = nowSummary(view, d.now + 8 * SECOND);
    expect(summary).toMatchObject({
      speaker: 'Belgium',
      timeLeft: '0:52',
      interrupted: 'Ms Fatou Bensouda',
      next: 'Ms Fatou Bensouda',
    });
    expect(nowLine(summary)).toBe(
      'Belgium | 0:52 normal | interrupted: Ms Fatou Bensouda, resumes next',
    );
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    const after = nowSummary(viewFor(d.state, VIEWER), d.now);
    expect(after).toMatchObject({ speaker: 'Ms Fatou Bensouda', interrupted: null });
    expect(nextUp(viewFor(d.state, VIEWER))?.kind).toBe('item');
  });

  it("words a delegate's own request interrupted while a point of order is heard, and speaking again after", () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'segment.end' });
    d.ok({ type: 'floor.open' });
    d.ok({ type: 'floor.request', delegation: 'fra', kind: 'statement' }, delegate('dev-fr'));
    const statement = d.lastRequestId();
    d.ok({ type: 'floor.approve', requestId: statement });
    d.ok({ type: 'floor.give', requestId: statement, start: true });
    const mine = () => {
      const view = viewFor(d.state, delegate('dev-fr'));
      const request = requestsOf(d.state, 'dev-fr').find((r) => r.id === statement);
      if (!request) throw new Error('The delegate lost their request.');
      return shownRequestStatus(request, view);
    };
    expect(mine()).toBe('speaking');
    d.tick(MINUTE).ok({ type: 'floor.request', delegation: 'bel', kind: 'point-of-order' });
    const point = d.lastRequestId();
    d.ok({ type: 'floor.give', requestId: point, start: true });
    expect(mine()).toBe('interrupted');
    // The point of order's own request reads speaking; the stored status never changes.
    const view = viewFor(d.state, VIEWER);
    const pointRequest = d.state.floor.requests.find((r) => r.id === point);
    expect(pointRequest && shownRequestStatus(pointRequest, view)).toBe('speaking');
    expect(d.state.floor.requests.find((r) => r.id === statement)?.status).toBe('speaking');
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    expect(mine()).toBe('speaking');
  });

  it('names what comes next: the next speaker, the open floor, the head of its list, nothing', () => {
    const d = new Driver();
    const up = () => nextUp(viewFor(d.state, VIEWER));
    expect(up()).toMatchObject({ kind: 'item', item: { id: 'a' } });
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.call', itemId: 'c' });
    expect(up()).toMatchObject({ kind: 'item', item: { id: 'a' } });
    d.ok({ type: 'speaker.skip', itemId: 'a' });
    d.ok({ type: 'speaker.skip', itemId: 'b' });
    expect(up()).toMatchObject({ kind: 'segment', segment: { id: 'floor' } });
    d.ok({ type: 'speaker.next' });
    expect(up()).toBeNull(); // the open floor, its list empty
    d.ok({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
    expect(up()).toMatchObject({ kind: 'request', entry: { delegation: { id: 'fra' } } });
    d.ok({ type: 'segment.end' });
    expect(up()).toMatchObject({ kind: 'item', item: { id: 'z' } });
    d.ok({ type: 'segment.end' });
    expect(up()).toBeNull();
    d.ok({ type: 'session.end' });
    expect(up()).toBeNull();
  });
});

describe('view patches', () => {
  it.each([
    ['a changed field', { a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } }],
    ['a removed key', { a: 1, b: 2 }, { a: 1 }],
    ['a key set to undefined', { a: 1, b: 2 }, { a: 1, b: undefined }],
    ['a list grown at its end', { l: [1, 2] }, { l: [1, 2, 3, 4] }],
    ['a list cut at its end', { l: [1, 2, 3, 4] }, { l: [1] }],
    [
      'a list shrunk at its start',
      { l: [{ x: 1 }, { x: 2 }, { x: 3 }] },
      { l: [{ x: 2 }, { x: 3 }] },
    ],
    ['null to an object', { t: null }, { t: { id: 't1', startedAt: 5 } }],
    ['an object to null', { t: { id: 't1' } }, { t: null }],
    ['a list to an object', { v: [1] }, { v: { k: 1 } }],
    ['everything', [1, 2], { a: 1 }],
    ['nothing', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }],
  ])('rebuilds %s, without touching the old one', (_name, before, after) => {
    const copy = structuredClone(before);
    const ops = diff(before, after);
    expect(applyPatch(before, ops)).toEqual(after);
    expect(before).toEqual(copy);
    expect(JSON.parse(JSON.stringify(ops))).toEqual(ops);
  });

  it('sends only what changed when the next speaker is called', () => {
    const d = new Driver(plenary());
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    const before = viewFor(d.state, VIEWER);
    d.tick(4 * MINUTE).ok({ type: 'speaker.next', start: true });
    const after = viewFor(d.state, VIEWER);
    const ops = diff(before, after);
    expect(applyPatch(before, ops)).toEqual(after);
    expect(JSON.stringify(ops).length).toBeLessThan(JSON.stringify(after).length / 4);
  });
});

describe('local time in the session time zone', () => {
  it.each([
    ['2016-11-17T10:00', 'Europe/Amsterdam', Date.UTC(2016, 10, 17, 9, 0)],
    ['2016-06-15T10:00:30', 'Europe/Amsterdam', Date.UTC(2016, 5, 15, 8, 0, 30)],
    ['2016-03-27T02:30', 'Europe/Amsterdam', Date.UTC(2016, 2, 27, 1, 30)], // the gap: 03:30
    ['2016-11-17T10:00', 'America/New_York', Date.UTC(2016, 10, 17, 15, 0)],
    ['2016-11-17T10:00', 'UTC', Date.UTC(2016, 10, 17, 10, 0)],
  ])('%s in %s', (local, zone, epoch) => {
    expect(zonedToEpoch(local, zone)).toBe(epoch);
  });

  it('refuses what is not a local date-time, and writes HH:MM back', () => {
    expect(zonedToEpoch('2016-11-17 10:00', 'UTC')).toBeNull();
    expect(zonedToEpoch('2016-11-17T10:00Z', 'UTC')).toBeNull();
    expect(formatZonedTime(T0 + 2 * 3_600_000 + 38 * MINUTE + 10_750, 'Europe/Amsterdam')).toBe(
      '12:38',
    );
    expect(zoneOffsetMs(T0, 'Europe/Amsterdam')).toBe(3_600_000);
    expect(zoneOffsetMs(Date.UTC(2016, 5, 15, 8, 0), 'Europe/Amsterdam')).toBe(7_200_000);
  });
});
