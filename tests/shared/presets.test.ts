/**
 * The moderator's message presets (`message.presets`): the defaults a session starts with (and an
 * old log replays to), what the command takes and refuses, who may send it and who sees them.
 */
import { describe, expect, it } from 'vitest';
import { Command } from '../../shared/commands.ts';
import { evolve } from '../../shared/machine.ts';
import { describeIssues } from '../../shared/programme.ts';
import {
  DEFAULT_MESSAGE_PRESETS,
  MAX_MESSAGE_PRESETS,
  MAX_PRESET_LENGTH,
} from '../../shared/presets.ts';
import { viewFor } from '../../shared/views.ts';
import { Driver, MODERATOR, SECOND, STAGE, VIEWER, delegate } from './helpers.ts';

const TWO = [
  { en: 'Two minutes', fr: 'Deux minutes' },
  { en: 'Please conclude', fr: 'Veuillez conclure' },
];

describe('message presets', () => {
  it('starts every session with the four defaults, in English and in French', () => {
    const d = new Driver();
    // Null in the state and the view: the defaults, which only the console and the registry load.
    expect(d.state.messagePresets).toBeNull();
    expect(viewFor(d.state, MODERATOR).messagePresets).toBeNull();
    expect(DEFAULT_MESSAGE_PRESETS.map((p) => p.en)).toEqual([
      'Please conclude',
      'One minute',
      'Time is up',
      'Please slow down for the interpreters',
    ]);
    expect(DEFAULT_MESSAGE_PRESETS.every((p) => p.fr.length > 0)).toBe(true);
  });

  it('replaces them as a whole, in the order given, before or during the meeting', () => {
    const d = new Driver();
    const events = d.ok({ type: 'message.presets', presets: TWO });
    expect(events.map((e) => e.type)).toEqual(['checkpointed', 'messagePresetsSet']);
    expect(d.state.messagePresets).toEqual(TWO);
    d.ok({ type: 'session.start' });
    d.tick(SECOND).ok({ type: 'message.presets', presets: [...TWO].reverse() });
    expect(d.state.messagePresets?.map((p) => p.en)).toEqual(['Please conclude', 'Two minutes']);
    d.ok({ type: 'message.presets', presets: [] });
    expect(d.state.messagePresets).toEqual([]);
  });

  it('trims each text at the schema, as every text a command carries', () => {
    const d = new Driver();
    d.ok(
      Command.parse({ type: 'message.presets', presets: [{ en: '  Thank you ', fr: ' Merci  ' }] }),
    );
    expect(d.state.messagePresets).toEqual([{ en: 'Thank you', fr: 'Merci' }]);
  });

  it('is kept in the log: a replay of the events gives the same presets, and undo goes back', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.tick(SECOND).ok({ type: 'message.presets', presets: TWO });
    d.tick(SECOND).ok({ type: 'message.show', text: 'Two minutes' });
    const replayed = d.events.reduce(evolve, d.initial);
    expect(replayed).toEqual(d.state);
    d.ok({ type: 'undo' }); // the message
    d.ok({ type: 'undo' }); // the presets
    expect(d.state.messagePresets).toBeNull();
  });

  it('replays a log written before presets could be edited to the defaults', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.tick(SECOND).ok({ type: 'message.show', text: 'One minute' });
    expect(d.events.some((e) => e.type === 'messagePresetsSet')).toBe(false);
    expect(d.events.reduce(evolve, d.initial).messagePresets).toBeNull();
  });

  it('refuses the same list again, and one text twice in a language', () => {
    const d = new Driver();
    const same = d.refused(
      { type: 'message.presets', presets: [...DEFAULT_MESSAGE_PRESETS] },
      'not-allowed',
    );
    expect(same.key).toBe('presets-unchanged');
    expect(same.message).toBe('The message presets are already these.');
    const twice = d.refused(
      {
        type: 'message.presets',
        presets: [
          { en: 'One minute', fr: 'Une minute' },
          { en: 'one minute', fr: 'Plus qu’une minute' },
        ],
      },
      'invalid',
    );
    expect(twice.key).toBe('preset-twice');
    expect(twice.message).toBe('Two presets say "one minute": keep one.');
    const twiceFr = d.refused(
      {
        type: 'message.presets',
        presets: [
          { en: 'Conclude', fr: 'Veuillez conclure' },
          { en: 'Please conclude', fr: 'Veuillez conclure' },
        ],
      },
      'invalid',
    );
    expect(twiceFr.params).toEqual({ text: 'Veuillez conclure' });
  });

  it.each([
    [
      Array.from({ length: MAX_MESSAGE_PRESETS + 1 }, (_, i) => ({ en: `E${i}`, fr: `F${i}` })),
      'presets',
      `must have at most ${MAX_MESSAGE_PRESETS} presets`,
    ],
    [[{ en: 'x'.repeat(MAX_PRESET_LENGTH + 1), fr: 'x' }], 'presets[0].en', 'at most 120'],
    [[{ en: 'Fine', fr: '   ' }], 'presets[0].fr', 'must not be empty'],
    [[{ en: 'Fine' }], 'presets[0].fr', 'is missing'],
    [[{ en: 'Fine', fr: 'Bien', de: 'Gut' }], 'presets[0].de', 'is not a key Gavel knows'],
    ['Please conclude', 'presets', ''],
  ])('refuses %j at the schema (%s)', (presets, path, words) => {
    const parsed = Command.safeParse({ type: 'message.presets', presets });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const problems = describeIssues(parsed.error.issues);
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem?.message).toContain(words);
  });

  it('takes twelve presets of 120 characters', () => {
    const presets = Array.from({ length: MAX_MESSAGE_PRESETS }, (_, i) => ({
      en: `${i}`.padEnd(MAX_PRESET_LENGTH, 'e'),
      fr: `${i}`.padEnd(MAX_PRESET_LENGTH, 'f'),
    }));
    const d = new Driver();
    d.ok({ type: 'message.presets', presets });
    expect(d.state.messagePresets).toHaveLength(MAX_MESSAGE_PRESETS);
  });

  it('is the moderator’s alone to send, and to see', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.refused({ type: 'message.presets', presets: TWO }, 'forbidden', STAGE);
    d.refused({ type: 'message.presets', presets: TWO }, 'forbidden', delegate('dev-1'));
    d.refused({ type: 'message.presets', presets: TWO }, 'forbidden', VIEWER);
    d.ok({ type: 'message.presets', presets: TWO });
    expect(viewFor(d.state, MODERATOR).messagePresets).toEqual(TWO);
    for (const actor of [STAGE, VIEWER, delegate('dev-1')]) {
      expect(viewFor(d.state, actor)).not.toHaveProperty('messagePresets');
    }
  });
});
