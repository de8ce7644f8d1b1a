/**
 * Every refusal the state machine gives carries a key, with its sentence in English (the one it
 * sends) and in French (the one a French page shows), naming the same values. The table drives a
 * state that produces each key; a last check reads the machine's sources so that a key one of
 * them can give and no case here produces fails this file.
 */
import { DEFAULT_MESSAGE_PRESETS } from '../../shared/presets.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import frenchRefusals from '../../client/i18n/refusals/fr.json' with { type: 'json' };
import frenchCompiled from '../../client/i18n/refusals/fr.json?messages';
import { useLang } from '../../client/lib/i18n.ts';
import { refusalText } from '../../client/lib/refusalText.ts';
import type { Command, CommandOf } from '../../shared/commands.ts';
import type { GavelError } from '../../shared/errors.ts';
import { execute } from '../../shared/machine.ts';
import { fillSentence, REFUSALS, type RefusalKey } from '../../shared/refusals.ts';
import type { Actor } from '../../shared/roles.ts';
import { Driver, delegate, MINUTE, MODERATOR, SECOND, VIEWER } from './helpers.ts';

type Setup = (d: Driver) => void;

const live: Setup = (d) => d.ok({ type: 'session.start' });
const speaking: Setup = (d) => {
  live(d);
  d.ok({ type: 'speaker.next' });
};
const running: Setup = (d) => {
  speaking(d);
  d.ok({ type: 'timer.start' });
};
const spoken: Setup = (d) => {
  speaking(d);
  d.ok({ type: 'speaker.finish' });
};
const listOpen: Setup = (d) => {
  live(d);
  d.ok({ type: 'floor.open' });
};
const inFloor: Setup = (d) => {
  live(d);
  d.ok({ type: 'segment.end' });
};
const programmeOver: Setup = (d) => {
  live(d);
  for (let i = 0; i < 3; i++) d.ok({ type: 'segment.end' });
};
/** Ana speaks, a point of order interrupts her. */
const interrupted: Setup = (d) => {
  speaking(d);
  d.ok({ type: 'floor.request', delegation: 'fra', kind: 'point-of-order' });
  d.ok({ type: 'floor.give', requestId: d.lastRequestId() });
};
/** France's statement, inscribed by the secretariat, then declined. */
const declined: Setup = (d) => {
  live(d);
  d.ok({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
  d.ok({ type: 'floor.decline', requestId: d.lastRequestId() });
};
/** An open-floor segment with France speaking from the list. */
const floorSpeaking: Setup = (d) => {
  inFloor(d);
  d.ok({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
  d.ok({ type: 'speaker.next' });
};
const floorItemId = (d: Driver): string => {
  const id = d.state.segments.find((s) => s.id === 'floor')?.items[0]?.id;
  if (id === undefined) throw new Error('no item in the open floor');
  return id;
};
const statement = (delegation: string): CommandOf<'floor.request'> => ({
  type: 'floor.request',
  delegation,
  kind: 'statement',
});
const newItem = { kind: 'presentation', speaker: { name: 'Xavier' }, minutes: 3 } as const;

interface Case {
  readonly key: RefusalKey;
  readonly setup?: Setup;
  readonly command: Command | ((d: Driver) => Command);
  readonly actor?: Actor;
}

const CASES: readonly Case[] = [
  // Who may send it, and which version it expects.
  { key: 'forbidden-command', command: { type: 'timer.start' }, actor: VIEWER },
  { key: 'forbidden-command-delegate', command: statement('fra'), actor: VIEWER },
  { key: 'forbidden-command-floor', command: { type: 'floor.close' }, actor: VIEWER },
  { key: 'stale', command: { type: 'session.start', expectedVersion: 5 } },
  // When the state allows it.
  { key: 'not-started', command: { type: 'speaker.next' } },
  {
    key: 'suspended',
    setup: (d) => {
      live(d);
      d.ok({ type: 'session.suspend' });
    },
    command: { type: 'speaker.next' },
  },
  {
    key: 'ended',
    setup: (d) => {
      live(d);
      d.ok({ type: 'session.end' });
    },
    command: { type: 'speaker.next' },
  },
  { key: 'no-turn', setup: live, command: { type: 'timer.adjust', deltaMs: SECOND } },
  { key: 'point-of-order', setup: interrupted, command: { type: 'speaker.next' } },
  {
    key: 'point-of-order',
    setup: (d) => {
      interrupted(d);
      d.ok(statement('deu'));
    },
    command: (d) => ({ type: 'floor.give', requestId: d.lastRequestId() }),
  },
  { key: 'nothing-to-undo', command: { type: 'undo' } },
  {
    key: 'undo-request-twice',
    setup: (d) => {
      listOpen(d);
      d.ok(statement('fra'), delegate('dev-1'));
      d.ok({ type: 'floor.decline', requestId: d.lastRequestId() });
      d.ok(statement('fra'), delegate('dev-2'));
    },
    command: { type: 'undo' },
  },
  {
    key: 'undo-replies-used',
    setup: (d) => {
      inFloor(d);
      d.ok({ type: 'floor.open' });
      d.ok({ type: 'floor.request', delegation: 'fra', kind: 'reply' });
      d.ok({ type: 'speaker.next' });
      d.ok({ type: 'timer.start' });
      d.ok({ type: 'speaker.finish' });
      d.ok({ type: 'floor.request', delegation: 'fra', kind: 'reply' }, delegate('dev-1'));
      d.ok({ type: 'floor.decline', requestId: d.lastRequestId() });
      d.ok({ type: 'floor.request', delegation: 'fra', kind: 'reply' }, delegate('dev-2'));
    },
    command: { type: 'undo' },
  },
  {
    key: 'undo-list-not-open',
    setup: (d) => {
      listOpen(d);
      d.ok(statement('fra'), delegate('dev-1'));
    },
    command: { type: 'undo' },
  },
  {
    key: 'undo-delegation-named',
    setup: (d) => {
      listOpen(d);
      d.ok({ type: 'delegation.add', id: 'atl-ngo', en: 'Atlantis NGO Forum', category: 'other' });
      d.ok(statement('atl-ngo'), delegate('dev-1'));
    },
    command: { type: 'undo' },
  },
  {
    key: 'undo-device-full',
    setup: (d) => {
      listOpen(d);
      for (const delegation of ['fra', 'deu', 'bel']) {
        d.tick(MINUTE).ok(statement(delegation), delegate('dev-1'));
      }
      d.ok({ type: 'floor.decline', requestId: d.lastRequestId() });
      d.tick(MINUTE).ok(statement('nld'), delegate('dev-1'));
    },
    command: { type: 'undo' },
  },
  { key: 'already-started', setup: live, command: { type: 'session.start' } },
  { key: 'not-suspended', setup: live, command: { type: 'session.resume' } },
  { key: 'programme-over', setup: programmeOver, command: { type: 'speaker.next' } },
  { key: 'list-empty', setup: inFloor, command: { type: 'speaker.next' } },
  { key: 'recall-busy', setup: speaking, command: { type: 'speaker.recall' } },
  { key: 'recall-nobody', setup: live, command: { type: 'speaker.recall' } },
  { key: 'no-segment', setup: programmeOver, command: { type: 'segment.end' } },
  { key: 'timer-running', setup: running, command: { type: 'timer.start' } },
  { key: 'timer-stopped', setup: speaking, command: { type: 'timer.pause' } },
  { key: 'list-not-open', setup: live, command: { type: 'floor.close' } },
  // Sessions and segments.
  { key: 'no-changes', command: { type: 'session.update', changes: {} } },
  {
    key: 'no-changes',
    command: { type: 'segment.update', segmentId: 'panel', changes: {} },
  },
  {
    key: 'segment-not-found',
    command: { type: 'segment.update', segmentId: 'nope', changes: { title: 'X' } },
  },
  {
    key: 'times-panel-segment',
    command: { type: 'segment.update', segmentId: 'panel', changes: { times: { statement: 3 } } },
  },
  // Speakers.
  {
    key: 'no-speaker-after',
    setup: (d) => {
      live(d);
      d.ok({ type: 'segment.end' });
      d.ok({ type: 'segment.end' });
      d.ok({ type: 'speaker.next' });
    },
    command: { type: 'speaker.next' },
  },
  { key: 'item-not-found', command: { type: 'speaker.skip', itemId: 'nope' } },
  { key: 'skip-not-upcoming', setup: speaking, command: { type: 'speaker.skip', itemId: 'a' } },
  {
    key: 'call-floor-item',
    setup: floorSpeaking,
    command: (d) => ({ type: 'speaker.call', itemId: floorItemId(d) }),
  },
  { key: 'already-speaking', setup: speaking, command: { type: 'speaker.call', itemId: 'a' } },
  {
    key: 'recall-earlier-segment',
    setup: (d) => {
      spoken(d);
      d.ok({ type: 'segment.end' });
    },
    command: { type: 'speaker.recall' },
  },
  {
    // Defensive: no command removes an item that has spoken, so the state is made by hand.
    key: 'recall-gone',
    setup: (d) => {
      spoken(d);
      d.state = {
        ...d.state,
        segments: d.state.segments.map((s) => ({
          ...s,
          items: s.items.filter((i) => i.id !== 'a'),
        })),
      };
    },
    command: { type: 'speaker.recall' },
  },
  // The timer.
  {
    key: 'too-little-time',
    setup: running,
    command: { type: 'timer.adjust', deltaMs: -11 * MINUTE },
  },
  // The stage.
  { key: 'no-message', command: { type: 'message.clear' } },
  {
    key: 'stage-already-blank',
    setup: (d) => d.ok({ type: 'stage.blank', on: true }),
    command: { type: 'stage.blank', on: true },
  },
  { key: 'stage-not-blank', command: { type: 'stage.blank', on: false } },
  {
    key: 'presets-unchanged',
    command: { type: 'message.presets', presets: [...DEFAULT_MESSAGE_PRESETS] },
  },
  {
    key: 'preset-twice',
    command: {
      type: 'message.presets',
      presets: [
        { en: 'One minute left', fr: 'Encore une minute' },
        { en: 'One minute left', fr: 'Il reste une minute' },
      ],
    },
  },
  // Items.
  { key: 'add-floor-item', command: { type: 'item.add', segmentId: 'floor', item: newItem } },
  {
    key: 'item-id-taken',
    command: { type: 'item.add', segmentId: 'panel', item: { ...newItem, id: 'a' } },
  },
  {
    key: 'item-not-in-segment',
    command: { type: 'item.add', segmentId: 'panel', item: newItem, beforeItemId: 'z' },
  },
  {
    key: 'danger-after-warning',
    command: {
      type: 'item.add',
      segmentId: 'panel',
      item: { ...newItem, warning: 1, danger: 2 },
    },
  },
  {
    key: 'edit-floor-item',
    setup: floorSpeaking,
    command: (d) => ({ type: 'item.update', itemId: floorItemId(d), changes: { minutes: 2 } }),
  },
  {
    key: 'move-floor-item',
    setup: floorSpeaking,
    command: (d) => ({ type: 'item.move', itemId: floorItemId(d), toIndex: 0 }),
  },
  {
    key: 'move-into-floor',
    command: { type: 'item.move', itemId: 'a', segmentId: 'floor', toIndex: 0 },
  },
  {
    key: 'move-speaking',
    setup: speaking,
    command: { type: 'item.move', itemId: 'a', segmentId: 'closing', toIndex: 0 },
  },
  { key: 'item-index', command: { type: 'item.move', itemId: 'a', toIndex: 9 } },
  { key: 'item-in-place', command: { type: 'item.move', itemId: 'a', toIndex: 0 } },
  { key: 'remove-speaking', setup: speaking, command: { type: 'item.remove', itemId: 'a' } },
  { key: 'remove-spoken', setup: spoken, command: { type: 'item.remove', itemId: 'a' } },
  // The list of speakers, from a delegate's device.
  { key: 'list-not-open-yet', setup: live, command: statement('fra'), actor: delegate('dev-1') },
  {
    key: 'list-closed',
    setup: (d) => {
      listOpen(d);
      d.ok({ type: 'floor.close' });
    },
    command: statement('fra'),
    actor: delegate('dev-1'),
  },
  {
    key: 'floor-code-needed',
    setup: (d) => {
      live(d);
      d.ok({ type: 'floor.open', floorCode: 'ABC' });
    },
    command: statement('fra'),
    actor: delegate('dev-1'),
  },
  {
    key: 'floor-code-wrong',
    setup: (d) => {
      live(d);
      d.ok({ type: 'floor.open', floorCode: 'ABC' });
    },
    command: { ...statement('fra'), floorCode: 'XYZ' },
    actor: delegate('dev-1'),
  },
  {
    key: 'one-per-10s',
    setup: (d) => {
      listOpen(d);
      d.ok(statement('fra'), delegate('dev-1'));
    },
    command: statement('deu'),
    actor: delegate('dev-1'),
  },
  {
    key: 'three-open',
    setup: (d) => {
      listOpen(d);
      for (const who of ['fra', 'deu', 'ita'])
        d.tick(11 * SECOND).ok(statement(who), delegate('dev-1'));
      d.tick(11 * SECOND);
    },
    command: statement('esp'),
    actor: delegate('dev-1'),
  },
  {
    key: 'request-secretariat-kind',
    setup: listOpen,
    command: { type: 'floor.request', delegation: 'fra', kind: 'answer' },
    actor: delegate('dev-1'),
  },
  {
    key: 'request-category',
    setup: listOpen,
    command: { ...statement('fra'), category: 'state-party' },
    actor: delegate('dev-1'),
  },
  {
    key: 'device-key-needed',
    setup: listOpen,
    command: statement('fra'),
    actor: { role: 'delegate' },
  },
  {
    key: 'withdraw-not-yours',
    setup: (d) => {
      listOpen(d);
      d.ok(statement('fra'), delegate('dev-1'));
    },
    command: (d) => ({ type: 'floor.withdraw', requestId: d.lastRequestId() }),
    actor: delegate('dev-2'),
  },
  // The list of speakers, from the secretariat.
  {
    key: 'list-already-open',
    setup: listOpen,
    command: { type: 'floor.open' },
  },
  {
    key: 'list-closed-reopen',
    setup: (d) => {
      listOpen(d);
      d.ok({ type: 'floor.close' });
    },
    command: statement('fra'),
  },
  {
    key: 'point-of-order-live',
    command: { type: 'floor.request', delegation: 'fra', kind: 'point-of-order' },
  },
  {
    key: 'answer-panellist',
    command: { type: 'floor.request', delegation: 'fra', kind: 'answer' },
  },
  {
    key: 'question-needs-panellist',
    command: { type: 'floor.request', delegation: 'fra', kind: 'question' },
  },
  {
    key: 'not-a-panellist',
    command: { type: 'floor.request', delegation: 'fra', kind: 'question', addressedTo: 'nope' },
  },
  { key: 'addressed-not-question', command: { ...statement('fra'), addressedTo: 'a' } },
  { key: 'request-open', setup: (d) => d.ok(statement('fra')), command: statement('fra') },
  {
    key: 'replies-used',
    setup: (d) => {
      inFloor(d);
      for (let i = 0; i < 2; i++) {
        d.ok({ type: 'floor.request', delegation: 'fra', kind: 'reply' });
        d.ok({ type: 'speaker.next' });
        d.ok({ type: 'speaker.finish' });
      }
    },
    command: { type: 'floor.request', delegation: 'fra', kind: 'reply' },
  },
  { key: 'request-not-found', command: { type: 'floor.approve', requestId: 'nope' } },
  {
    key: 'withdraw-not-waiting',
    setup: declined,
    command: (d) => ({ type: 'floor.withdraw', requestId: d.lastRequestId() }),
  },
  {
    key: 'approve-not-new',
    setup: (d) => d.ok(statement('fra')),
    command: (d) => ({ type: 'floor.approve', requestId: d.lastRequestId() }),
  },
  {
    key: 'decline-not-waiting',
    setup: declined,
    command: (d) => ({ type: 'floor.decline', requestId: d.lastRequestId() }),
  },
  {
    key: 'move-not-queued',
    setup: declined,
    command: (d) => ({ type: 'floor.move', requestId: d.lastRequestId(), toIndex: 0 }),
  },
  {
    key: 'queue-index',
    setup: (d) => d.ok(statement('fra')),
    command: (d) => ({ type: 'floor.move', requestId: d.lastRequestId(), toIndex: 5 }),
  },
  {
    key: 'give-not-waiting',
    setup: declined,
    command: (d) => ({ type: 'floor.give', requestId: d.lastRequestId() }),
  },
  {
    key: 'point-of-order-heard',
    setup: (d) => {
      interrupted(d);
      d.ok({ type: 'floor.request', delegation: 'deu', kind: 'point-of-order' });
    },
    command: (d) => ({ type: 'floor.give', requestId: d.lastRequestId() }),
  },
  {
    key: 'point-of-order-no-segment',
    setup: (d) => {
      programmeOver(d);
      d.ok({ type: 'floor.request', delegation: 'fra', kind: 'point-of-order' });
    },
    command: (d) => ({ type: 'floor.give', requestId: d.lastRequestId() }),
  },
  {
    key: 'give-not-floor-segment',
    setup: (d) => {
      live(d);
      d.ok(statement('fra'));
    },
    command: (d) => ({ type: 'floor.give', requestId: d.lastRequestId() }),
  },
  {
    key: 'delegation-id-taken',
    command: { type: 'delegation.add', id: 'fra', en: 'France', category: 'state-party' },
  },
  {
    key: 'delegation-name-taken',
    command: { type: 'delegation.add', id: 'fr2', en: 'France', category: 'state-party' },
  },
  // The record.
  { key: 'turn-not-found', command: { type: 'record.correct', turnId: 'nope', note: 'x' } },
  {
    key: 'turn-running',
    setup: speaking,
    command: (d) => ({ type: 'record.correct', turnId: d.turn().id, note: 'x' }),
  },
  {
    key: 'ended-before-started',
    setup: spoken,
    command: (d) => ({
      type: 'record.correct',
      turnId: d.state.turns[0]?.id ?? '',
      endedAt: 0,
      note: 'x',
    }),
  },
];

/** The refusal a case produces. */
function refusalOf(c: Case): GavelError {
  const d = new Driver();
  c.setup?.(d);
  const command = typeof c.command === 'function' ? c.command(d) : c.command;
  const result = execute(d.state, command, { now: d.now, actor: c.actor ?? MODERATOR });
  if (result.ok) throw new Error(`${command.type} was accepted, expected ${c.key}`);
  return result.error;
}

/** The placeholders a sentence names, sorted. */
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/** A sentence in French as its catalogue writes it, placeholders in. */
const french = (key: RefusalKey): string => (frenchRefusals as Record<string, string>)[key] ?? '';

// A French page that has loaded the refusals' sentences.
useLang.setState({ packs: { fr: { messages: {}, refusals: frenchCompiled } } });

describe('every refusal of the state machine', () => {
  it.each(CASES.map((c) => [c.key, c] as const))('%s', (key, c) => {
    const error = refusalOf(c);
    expect(error.key, error.message).toBe(key);
    // The English sentence it carries is its sentence in REFUSALS with its values.
    expect(error.message).toBe(fillSentence(REFUSALS[key], error.params));
    expect(placeholders(REFUSALS[key])).toEqual(Object.keys(error.params ?? {}).sort());
    // A French page says it in French, with every value in place.
    const fr = refusalText(error, 'fr');
    expect(fr).not.toBe(error.message);
    expect(fr).not.toMatch(/\{\w+\}/);
  });

  it('whatever the state and the sender, a refusal has a key', () => {
    const setups = [...new Set(CASES.map((c) => c.setup))];
    const actors: readonly Actor[] = [MODERATOR, VIEWER, delegate('dev-1'), { role: 'stage' }];
    let refusals = 0;
    for (const setup of setups) {
      for (const c of CASES) {
        for (const actor of actors) {
          const d = new Driver();
          setup?.(d);
          let command: Command;
          try {
            command = typeof c.command === 'function' ? c.command(d) : c.command;
          } catch {
            continue; // The command names something this state does not have.
          }
          const result = execute(d.state, command, { now: d.now, actor });
          if (result.ok) continue;
          refusals++;
          const { key, message } = result.error;
          expect(key !== undefined && key in REFUSALS, message).toBe(true);
        }
      }
    }
    expect(refusals).toBeGreaterThan(1000);
  });

  it('covers every key the machine can give', () => {
    const sources = [
      ...readdirSync('shared/domains').map((f) => `shared/domains/${f}`),
      'shared/machine.ts',
      'shared/roles.ts',
      'shared/enablement.ts',
    ].map((path) => readFileSync(path, 'utf8'));
    const named = (Object.keys(REFUSALS) as RefusalKey[]).filter((key) =>
      sources.some((text) => text.includes(`'${key}'`)),
    );
    const covered = new Set(CASES.map((c) => c.key));
    expect(named.filter((key) => !covered.has(key))).toEqual([]);
  });
});

describe('every refusal key', () => {
  it.each(Object.keys(REFUSALS) as RefusalKey[])(
    '%s is worded in French with the same values',
    (key) => {
      const fr = french(key);
      expect(fr.length).toBeGreaterThan(0);
      expect(fr).not.toBe(REFUSALS[key]);
      expect(placeholders(fr)).toEqual(placeholders(REFUSALS[key]));
    },
  );
});
