/**
 * Rules of the meeting that the secretariat's trial run found wanting (issue 15, items 6, 7, 8,
 * 10 and 11): totals per delegation, the list of speakers when the meeting ends, thresholds that
 * fit a short turn, where an answer is heard and who gives it, a speaker called and not heard.
 */
import { describe, expect, it } from 'vitest';
import { answersDue } from '../../shared/answers.ts';
import { buildRecord, recordCsv } from '../../shared/record.ts';
import { phaseAt } from '../../shared/timer.ts';
import { viewFor } from '../../shared/views.ts';
import { Driver, MINUTE, MODERATOR, SECOND, STAGE, VIEWER, delegate, plenary } from './helpers.ts';

/** The plenary, live, with the panel heard to its end and the open floor entered. */
function plenaryAtTheFloor(): Driver {
  const d = new Driver(plenary());
  d.ok({ type: 'session.start' });
  d.ok({ type: 'segment.end' });
  d.ok({ type: 'floor.open' });
  return d;
}

function queueOf(d: Driver): string[] {
  return d.state.floor.queue.map((id) => {
    const r = d.state.floor.requests.find((x) => x.id === id);
    return `${r?.kind}:${r?.panellist ?? r?.delegation.id ?? r?.delegation.en}`;
  });
}

describe('speaking time per delegation (item 6)', () => {
  it('one line per delegation; panellists count for their organisation, never for a State', () => {
    const d = new Driver(plenary());
    d.ok({ type: 'session.start' });
    // The opening, the panel moderator (from the Netherlands) and the Prosecutor speak.
    for (const minutes of [4, 4, 11]) {
      d.ok({ type: 'speaker.next', start: true });
      d.tick(minutes * MINUTE);
    }
    d.ok({ type: 'segment.end' });
    d.ok({ type: 'floor.open' });
    d.ok({ type: 'floor.request', delegation: 'nld', kind: 'statement' });
    d.ok({ type: 'floor.request', delegation: 'fra', kind: 'question', addressedTo: 'bensouda' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(3 * MINUTE).ok({ type: 'speaker.next', start: true });
    d.tick(2 * MINUTE).ok({ type: 'floor.request', delegation: 'bensouda', kind: 'answer' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(2 * MINUTE).ok({ type: 'session.end' });

    const record = buildRecord(d.state, d.now);
    const lines = record.byDelegation.map((l) => [l.delegation.en, l.turns, l.spokenMs / MINUTE]);
    expect(lines).toEqual([
      // The presentation and the answer: one line, the organisation's.
      ['Office of the Prosecutor', 2, 13],
      // The opening's speaker names no delegation: his organisation's name stands for it.
      ['Assembly of States Parties', 1, 4],
      // The Netherlands' statement only: its panel moderator's turns are not the State's.
      ['Netherlands (Kingdom of the)', 1, 3],
      ['France', 1, 2],
    ]);
    expect(record.byDelegation.find((l) => l.delegation.id === 'icc-otp')?.category).toBe('court');
    // Everything spoken is counted once by category; the panel moderator's time is there.
    const byCategory = Object.fromEntries(record.byCategory.map((c) => [c.category, c.spokenMs]));
    expect(byCategory.panellist).toBe((4 + 4 + 11 + 2) * MINUTE);

    // The answer is the Office of the Prosecutor's, given by Ms Fatou Bensouda.
    const answer = record.requests.find((r) => r.kind === 'answer');
    expect(answer).toMatchObject({
      delegation: { id: 'icc-otp', en: 'Office of the Prosecutor' },
      category: 'panellist',
      speakerName: 'Ms Fatou Bensouda',
    });
    // The requests CSV: delegation, category, kind, speaker.
    expect(recordCsv(record, 'requests')).toMatch(
      /\nr\d+[,;]Office of the Prosecutor[,;]panellist[,;]answer[,;]Ms Fatou Bensouda[,;]/,
    );
  });

  it('a free-text delegation is one line, however it is typed', () => {
    const d = plenaryAtTheFloor();
    d.ok({ type: 'floor.request', delegation: 'Atlantis', kind: 'statement' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    d.ok({ type: 'floor.request', delegation: 'ATLANTIS', kind: 'reply' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    const lines = buildRecord(d.state, d.now).byDelegation;
    expect(lines.map((l) => [l.delegation.en, l.turns])).toEqual([['Atlantis', 2]]);
  });
});

describe('the list of speakers when the meeting ends (item 7)', () => {
  it('ending the session closes the list, by an event, for every view; undo reopens it', () => {
    const d = plenaryAtTheFloor();
    d.ok({ type: 'floor.open', floorCode: 'ICC15' });
    const events = d.ok({ type: 'session.end' });
    expect(events.map((e) => e.type)).toContain('floorClosed');
    expect(d.state.floor.status).toBe('closed');
    for (const actor of [MODERATOR, STAGE, VIEWER, delegate('phone')]) {
      expect(viewFor(d.state, actor).floor.status).toBe('closed');
    }
    d.ok({ type: 'undo' });
    expect(d.state).toMatchObject({ status: 'live', floor: { status: 'open' } });
  });

  it('leaving the last open floor closes the list; one followed by another keeps it open', () => {
    const d = plenaryAtTheFloor();
    d.ok({ type: 'segment.end' });
    expect(d.state.floor.status).toBe('closed');

    const two = new Driver(); // panel, open floor, closing panel
    two.ok({ type: 'session.start' });
    two.ok({ type: 'floor.open' });
    two.ok({ type: 'segment.end' }); // leaves the panel: the list stays open
    expect(two.state.floor.status).toBe('open');
    two.ok({ type: 'speaker.call', itemId: 'z' }); // leaves the open floor for the closing
    expect(two.state.floor.status).toBe('closed');
  });

  it('a list closed before the end stays closed, with no second event', () => {
    const d = plenaryAtTheFloor();
    d.ok({ type: 'floor.close' });
    const events = d.ok({ type: 'session.end' });
    expect(events.filter((e) => e.type === 'floorClosed')).toEqual([]);
  });
});

describe('thresholds that fit the turn (item 8)', () => {
  it('a one-minute point of order starts green, turns amber at 0:30 and red at 0:15', () => {
    const d = plenaryAtTheFloor();
    d.ok({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok({ type: 'floor.request', delegation: 'deu', kind: 'point-of-order' });
    d.ok({ type: 'floor.give', requestId: d.lastRequestId(), start: true });
    const turn = d.turn();
    expect(turn).toMatchObject({ kind: 'point-of-order', plannedMs: MINUTE });
    expect([turn.warningMs, turn.dangerMs]).toEqual([30 * SECOND, 15 * SECOND]);
    expect(phaseAt(turn, d.now)).toBe('normal');
    expect(phaseAt(turn, d.now + 30 * SECOND - 1)).toBe('normal');
    expect(phaseAt(turn, d.now + 30 * SECOND)).toBe('warning');
    expect(phaseAt(turn, d.now + 45 * SECOND)).toBe('danger');
  });
});

describe('answers (item 10)', () => {
  it('an answer is heard right after the questions it answers, before a later reply', () => {
    const d = plenaryAtTheFloor();
    d.ok({ type: 'floor.request', delegation: 'arg', kind: 'question', addressedTo: 'bensouda' });
    d.ok({ type: 'floor.request', delegation: 'bel', kind: 'statement' });
    d.ok({ type: 'floor.request', delegation: 'can', kind: 'question', addressedTo: 'bensouda' });
    d.ok({ type: 'floor.request', delegation: 'deu', kind: 'reply' });
    // Still on the list: the answer follows the last of them, not the head of the list.
    d.ok({ type: 'floor.request', delegation: 'bensouda', kind: 'answer' });
    expect(queueOf(d)).toEqual([
      'question:arg',
      'statement:bel',
      'question:can',
      'answer:bensouda',
      'reply:deu',
    ]);
  });

  it('questions heard: the answer is next, even before a reply the chair moved up', () => {
    const d = plenaryAtTheFloor();
    d.ok({ type: 'floor.request', delegation: 'arg', kind: 'question', addressedTo: 'bensouda' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(2 * MINUTE).ok({ type: 'speaker.finish' });
    d.ok({ type: 'floor.request', delegation: 'bel', kind: 'statement' });
    d.ok({ type: 'floor.request', delegation: 'deu', kind: 'reply' });
    d.ok({ type: 'floor.move', requestId: d.lastRequestId(), toIndex: 0 });
    d.ok({ type: 'floor.request', delegation: 'bensouda', kind: 'answer' });
    expect(queueOf(d)).toEqual(['answer:bensouda', 'reply:deu', 'statement:bel']);
  });

  it('a question approved after its answer was inscribed still comes before it', () => {
    const d = plenaryAtTheFloor();
    const phone = delegate('phone-arg');
    d.ok(
      { type: 'floor.request', delegation: 'arg', kind: 'question', addressedTo: 'bensouda' },
      phone,
    );
    const asked = d.lastRequestId();
    d.ok({ type: 'floor.request', delegation: 'bel', kind: 'statement' });
    d.ok({ type: 'floor.request', delegation: 'bensouda', kind: 'answer' });
    expect(queueOf(d)).toEqual(['answer:bensouda', 'statement:bel']);
    d.ok({ type: 'floor.approve', requestId: asked });
    expect(queueOf(d)).toEqual(['question:arg', 'answer:bensouda', 'statement:bel']);
  });

  it("the answer's turn shows the panellist as on the panel, for the organisation", () => {
    const d = plenaryAtTheFloor();
    d.ok({ type: 'floor.request', delegation: 'arg', kind: 'question', addressedTo: 'bensouda' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(2 * MINUTE).ok({ type: 'floor.request', delegation: 'bensouda', kind: 'answer' });
    expect(answersDue(d.state.floor.requests)).toEqual([]);
    d.ok({ type: 'speaker.next', start: true });
    const turn = d.turn();
    expect(turn).toMatchObject({
      kind: 'answer',
      category: 'panellist',
      speaker: {
        honorific: { en: 'Ms', fr: 'Mme' },
        name: 'Fatou Bensouda',
        function: { en: 'Prosecutor', fr: 'Procureure' },
        organisation: { en: 'International Criminal Court', fr: 'Cour pénale internationale' },
        delegation: 'icc-otp',
      },
      delegation: { id: 'icc-otp' },
    });
    expect(buildRecord(d.state, d.now).turns.at(-1)?.speaker.honorific).toEqual({
      en: 'Ms',
      fr: 'Mme',
    });
  });

  it('two panellists of one delegation may each have an answer on the list, in turn', () => {
    const d = plenaryAtTheFloor();
    d.ok({ type: 'floor.request', delegation: 'introduction', kind: 'answer' });
    d.ok({ type: 'floor.request', delegation: 'summary', kind: 'answer' });
    expect(queueOf(d)).toEqual(['answer:introduction', 'answer:summary']);
  });
});

describe('a speaker called and never started (item 11)', () => {
  it('is recorded as called, not heard, and counts in no total', () => {
    const d = new Driver(plenary());
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next' }); // the opening, called; the timer never runs
    d.tick(30 * SECOND).ok({ type: 'speaker.next', start: true });
    d.tick(4 * MINUTE).ok({ type: 'segment.end' });
    d.ok({ type: 'floor.open' });
    d.ok({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
    d.ok({ type: 'speaker.next' });
    d.tick(SECOND).ok({ type: 'speaker.finish' });

    const opening = d.state.segments[0]?.items.find((i) => i.id === 'opening');
    expect(opening?.status).toBe('skipped');
    expect(d.state.floor.requests[0]).toMatchObject({
      status: 'not-heard',
      reason: 'called, did not speak',
    });

    const record = buildRecord(d.state, d.now);
    const [called, heard, france] = record.turns;
    expect(called).toMatchObject({ heard: false, spokenMs: 0, corrected: { counts: false } });
    expect(heard).toMatchObject({ heard: true, corrected: { counts: true } });
    expect(france).toMatchObject({ heard: false, corrected: { counts: false } });
    expect(record.segments[0]).toMatchObject({ turns: 1, spokenMs: 4 * MINUTE });
    expect(record.byCategory.reduce((n, c) => n + c.turns, 0)).toBe(1);
    // The one turn heard is the panel moderator's, which counts for no State.
    expect(record.byDelegation).toEqual([]);
    expect(record.notHeard.map((r) => r.delegation.id)).toEqual(['fra']);
  });

  it('a correction that gives the turn its span makes it heard', () => {
    const d = new Driver(plenary());
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next' });
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    const turnId = d.state.turns[0]?.id ?? '';
    d.ok({
      type: 'record.correct',
      turnId,
      startedAt: d.now - 50 * SECOND,
      endedAt: d.now,
      note: 'The timer was not started',
    });
    const [turn] = buildRecord(d.state, d.now).turns;
    expect(turn).toMatchObject({ heard: true, corrected: { counts: true, spokenMs: 50 * SECOND } });
  });

  it('a recalled speaker heard before stays done when the recall is not started', () => {
    const d = new Driver(plenary());
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(MINUTE).ok({ type: 'speaker.finish' });
    d.ok({ type: 'speaker.recall' });
    d.tick(SECOND).ok({ type: 'speaker.finish' });
    expect(d.state.segments[0]?.items[0]?.status).toBe('done');
  });
});
