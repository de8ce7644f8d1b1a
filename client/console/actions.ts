/**
 * The console's registry: a label for every command (a missing row fails to compile), and the
 * one-key actions with their keys and the command each one sends in the current state.
 */
import type { Command, CommandType } from '../../shared/commands.ts';
import type { SessionView } from '../../shared/views.ts';
import type { MessageKey } from './messages.ts';

/** What each command is called when the console names it (a refusal, the undo button). */
export const COMMAND_LABELS: Readonly<Record<CommandType, MessageKey>> = {
  'session.start': 'command.session.start',
  'session.suspend': 'command.session.suspend',
  'session.resume': 'command.session.resume',
  'session.end': 'command.session.end',
  'session.update': 'command.session.update',
  'speaker.next': 'command.speaker.next',
  'speaker.call': 'command.speaker.call',
  'speaker.finish': 'command.speaker.finish',
  'speaker.skip': 'command.speaker.skip',
  'speaker.recall': 'command.speaker.recall',
  'segment.end': 'command.segment.end',
  'segment.update': 'command.segment.update',
  'timer.start': 'command.timer.start',
  'timer.pause': 'command.timer.pause',
  'timer.adjust': 'command.timer.adjust',
  'timer.set': 'command.timer.set',
  'timer.reset': 'command.timer.reset',
  'message.show': 'command.message.show',
  'message.clear': 'command.message.clear',
  'stage.blank': 'command.stage.blank',
  'stage.flash': 'command.stage.flash',
  'item.add': 'command.item.add',
  'item.update': 'command.item.update',
  'item.move': 'command.item.move',
  'item.remove': 'command.item.remove',
  'floor.open': 'command.floor.open',
  'floor.close': 'command.floor.close',
  'floor.request': 'command.floor.request',
  'floor.withdraw': 'command.floor.withdraw',
  'floor.approve': 'command.floor.approve',
  'floor.decline': 'command.floor.decline',
  'floor.move': 'command.floor.move',
  'floor.give': 'command.floor.give',
  'delegation.add': 'command.delegation.add',
  'record.correct': 'command.record.correct',
  undo: 'command.undo',
};

/** The label key of a command type the server named (it may be one this build does not know). */
export function commandLabelKey(type: string): MessageKey | null {
  return type in COMMAND_LABELS ? COMMAND_LABELS[type as CommandType] : null;
}

export const ADJUST_STEP_MS = 30_000;

export type KeyAction = 'start-pause' | 'next' | 'add-time' | 'remove-time' | 'finish' | 'undo';

export interface KeyActionSpec {
  /** `KeyboardEvent.key` values that trigger it. */
  readonly keys: readonly string[];
  /** How the keys are written next to the button. */
  readonly hint: string;
  /** The value of `aria-keyshortcuts`. */
  readonly aria: string;
}

/**
 * One-key control. `=` sits under `+` on most keyboards, so it adds time too; the numeric
 * keypad's + and − report the same keys.
 */
export const KEY_ACTIONS: Readonly<Record<KeyAction, KeyActionSpec>> = {
  'start-pause': { keys: [' '], hint: 'Space', aria: 'Space' },
  next: { keys: ['n', 'N', 'ArrowRight'], hint: 'N / →', aria: 'N ArrowRight' },
  'add-time': { keys: ['+', '=', ']'], hint: '+ / ]', aria: 'Shift+Equal BracketRight' },
  'remove-time': { keys: ['-', '[', '−'], hint: '− / [', aria: 'Minus BracketLeft' },
  finish: { keys: ['f', 'F'], hint: 'F', aria: 'F' },
  undo: { keys: ['u', 'U'], hint: 'U', aria: 'U' },
};

/** The action a key press asks for, if any. */
export function actionForKey(key: string): KeyAction | null {
  for (const [action, spec] of Object.entries(KEY_ACTIONS) as [KeyAction, KeyActionSpec][]) {
    if (spec.keys.includes(key)) return action;
  }
  return null;
}

/**
 * The command an action sends now. Space starts what is waiting: the session before it opens,
 * the session again after a suspension, else the timer (or pauses it while it runs).
 */
export function commandFor(action: KeyAction, view: SessionView): Command {
  switch (action) {
    case 'start-pause': {
      if (view.status === 'scheduled') return { type: 'session.start' };
      if (view.status === 'suspended') return { type: 'session.resume' };
      const running = view.timer !== null && view.timer.startedAt !== null;
      return { type: running ? 'timer.pause' : 'timer.start' };
    }
    case 'next':
      return { type: 'speaker.next' };
    case 'add-time':
      return { type: 'timer.adjust', deltaMs: ADJUST_STEP_MS };
    case 'remove-time':
      return { type: 'timer.adjust', deltaMs: -ADJUST_STEP_MS };
    case 'finish':
      return { type: 'speaker.finish' };
    case 'undo':
      return { type: 'undo' };
    default: {
      action satisfies never;
      throw new Error('unknown action');
    }
  }
}
