/**
 * The stage screen: the moderator's message to the speaker and its ready-made presets, blanking
 * and flashing the stage. Pure.
 */
import { z } from 'zod';
import type { E } from '../events.ts';
import {
  DEFAULT_MESSAGE_PRESETS,
  MAX_MESSAGE_PRESETS,
  MAX_PRESET_LENGTH,
  type MessagePreset,
} from '../presets.ts';
import type { StageMessage } from '../state.ts';
import { cmd, text } from './fields.ts';
import { defineCommand, defineEvolvers, invalid, MODERATOR, notAllowed } from './kit.ts';

export type StageEvent =
  | E<'messageShown', { message: StageMessage }>
  | E<'messageCleared'>
  | E<'messagePresetsSet', { presets: readonly MessagePreset[] }>
  | E<'stageBlanked', { on: boolean }>
  | E<'stageFlashed'>;

export const STAGE_COMMANDS = {
  'message.show': defineCommand(
    cmd('message.show', {
      text: text(280),
      flash: z.boolean().optional(),
      fullscreen: z.boolean().optional(),
    }),
    {
      roles: MODERATOR,
      decide: (d, command, ctx) => {
        d.emit({
          type: 'messageShown',
          message: {
            text: command.text,
            flash: command.flash ?? false,
            fullscreen: command.fullscreen ?? false,
            shownAt: ctx.now,
          },
        });
        return null;
      },
    },
  ),
  'message.clear': defineCommand(cmd('message.clear', {}), {
    roles: MODERATOR,
    decide: (d) => {
      if (d.state.message === null) return notAllowed('no-message');
      d.emit({ type: 'messageCleared' });
      return null;
    },
  }),
  'message.presets': defineCommand(
    cmd('message.presets', {
      presets: z
        .array(z.strictObject({ en: text(MAX_PRESET_LENGTH), fr: text(MAX_PRESET_LENGTH) }))
        .max(MAX_MESSAGE_PRESETS, { message: `must have at most ${MAX_MESSAGE_PRESETS} presets` }),
    }),
    {
      roles: MODERATOR,
      decide: (d, command) => {
        const { presets } = command;
        for (const lang of ['en', 'fr'] as const) {
          const seen = new Set<string>();
          for (const preset of presets) {
            // Two buttons with one text would be one message twice: the second is a slip.
            const folded = preset[lang].toLocaleLowerCase(lang);
            if (seen.has(folded)) return invalid('preset-twice', { text: preset[lang] });
            seen.add(folded);
          }
        }
        const current = d.state.messagePresets ?? DEFAULT_MESSAGE_PRESETS;
        const same =
          current.length === presets.length &&
          current.every((p, i) => p.en === presets[i]?.en && p.fr === presets[i]?.fr);
        if (same) return notAllowed('presets-unchanged');
        d.emit({ type: 'messagePresetsSet', presets });
        return null;
      },
    },
  ),
  'stage.blank': defineCommand(cmd('stage.blank', { on: z.boolean() }), {
    roles: MODERATOR,
    decide: (d, command) => {
      if (d.state.stage.blank === command.on) {
        return notAllowed(command.on ? 'stage-already-blank' : 'stage-not-blank');
      }
      d.emit({ type: 'stageBlanked', on: command.on });
      return null;
    },
  }),
  'stage.flash': defineCommand(cmd('stage.flash', {}), {
    roles: MODERATOR,
    decide: (d) => {
      d.emit({ type: 'stageFlashed' });
      return null;
    },
  }),
};

export const STAGE_EVENTS = defineEvolvers<StageEvent['type']>({
  messageShown: (state, { message }) => ({ ...state, message }),
  messageCleared: (state) => ({ ...state, message: null }),
  messagePresetsSet: (state, { presets }) => ({ ...state, messagePresets: presets }),
  stageBlanked: (state, { on }) => ({ ...state, stage: { ...state.stage, blank: on } }),
  stageFlashed: (state, { at }) => ({ ...state, stage: { ...state.stage, flashAt: at } }),
});
