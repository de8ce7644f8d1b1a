/** The stage screen: the moderator's message to the speaker, blanking and flashing it. Pure. */
import { z } from 'zod';
import type { E } from '../events.ts';
import type { StageMessage } from '../state.ts';
import { cmd, text } from './fields.ts';
import { defineCommand, defineEvolvers, MODERATOR, notAllowed } from './kit.ts';

export type StageEvent =
  | E<'messageShown', { message: StageMessage }>
  | E<'messageCleared'>
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
  stageBlanked: (state, { on }) => ({ ...state, stage: { ...state.stage, blank: on } }),
  stageFlashed: (state, { at }) => ({ ...state, stage: { ...state.stage, flashAt: at } }),
});
