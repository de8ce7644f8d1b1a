/**
 * The registry: every command of Gavel and every event, joined from the domain modules of
 * `shared/domains/`. The command schema, its type, the permissions, `availability`, and the
 * dispatch of `decide` and `evolve` are all read from here, so a command exists in one place: its
 * domain module. Pure.
 */
import { z } from 'zod';
import type { EventType } from './events.ts';
import { FLOOR_COMMANDS, FLOOR_EVENTS } from './domains/floor.ts';
import { ITEM_COMMANDS, ITEM_EVENTS } from './domains/item.ts';
import type { CommandSpec, Evolver } from './domains/kit.ts';
import { RECORD_COMMANDS, RECORD_EVENTS } from './domains/record.ts';
import { SEGMENT_COMMANDS, SEGMENT_EVENTS } from './domains/segment.ts';
import { SESSION_COMMANDS, SESSION_EVENTS } from './domains/session.ts';
import { SPEAKER_COMMANDS, SPEAKER_EVENTS } from './domains/speaker.ts';
import { STAGE_COMMANDS, STAGE_EVENTS } from './domains/stage.ts';
import { TIMER_COMMANDS, TIMER_EVENTS } from './domains/timer.ts';
import { UNDO_COMMANDS, UNDO_EVENTS } from './domains/undo.ts';

/** The domains' commands, in the order the API documents them. */
const ENTRIES = {
  ...SESSION_COMMANDS,
  ...SPEAKER_COMMANDS,
  ...SEGMENT_COMMANDS,
  ...TIMER_COMMANDS,
  ...STAGE_COMMANDS,
  ...ITEM_COMMANDS,
  ...FLOOR_COMMANDS,
  ...RECORD_COMMANDS,
  ...UNDO_COMMANDS,
};

type Schema = (typeof ENTRIES)[keyof typeof ENTRIES]['schema'];

/**
 * Commands: Gavel's public API, the same objects over the socket and over HTTP. One zod schema
 * checks them wherever they arrive; its type is the union the state machine decides on.
 */
export const Command = z.discriminatedUnion(
  'type',
  Object.values(ENTRIES).map((entry) => entry.schema) as [Schema, ...Schema[]],
);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/**
 * Every command's entry, typed by the union: each key's schema parses that very command, and
 * its `decide` takes it.
 */
export const COMMANDS: { readonly [K in CommandType]: CommandSpec<CommandOf<K>> } = ENTRIES;

/** Every command type, in the order of the registry. */
export const COMMAND_TYPES: readonly CommandType[] = Object.keys(COMMANDS) as CommandType[];

/** How each event changes the state. A missing event fails to compile. */
export const EVOLVERS: { readonly [E in EventType]: Evolver<E> } = {
  ...SESSION_EVENTS,
  ...SPEAKER_EVENTS,
  ...SEGMENT_EVENTS,
  ...TIMER_EVENTS,
  ...STAGE_EVENTS,
  ...ITEM_EVENTS,
  ...FLOOR_EVENTS,
  ...RECORD_EVENTS,
  ...UNDO_EVENTS,
};

/** A command type's entry, typed for the command it decides. */
export function commandSpec<K extends CommandType>(type: K): CommandSpec<CommandOf<K>> {
  return COMMANDS[type] as CommandSpec<CommandOf<K>>;
}
