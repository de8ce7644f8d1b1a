/**
 * The console's side of the registry: a label for every command of shared/registry.ts (its
 * words are in messages.ts; a missing one fails to compile), and the one-key actions with their
 * keys and the command each one sends in the current state.
 */
import { COMMAND_TYPES, type Command, type CommandType } from '../../shared/commands.ts';
import type { SessionView } from '../../shared/views.ts';
import type { MessageKey } from './messages.ts';

/** The console's label of a command: `command.<type>` in messages.ts, English and French. */
export type CommandLabelKey = `command.${CommandType}`;

/**
 * Every command has its label: a command added to the registry without one fails to compile here,
 * naming the missing key.
 */
type MissingLabels = Exclude<CommandLabelKey, MessageKey>;
const LABELS_COMPLETE: [MissingLabels] extends [never] ? true : MissingLabels = true;

const KNOWN_TYPES: ReadonlySet<string> = new Set(COMMAND_TYPES);

/** The label key of a command type the server named (it may be one this build does not know). */
export function commandLabelKey(type: string): MessageKey | null {
  return LABELS_COMPLETE && KNOWN_TYPES.has(type) ? (`command.${type}` as CommandLabelKey) : null;
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
