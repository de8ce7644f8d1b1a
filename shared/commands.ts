/**
 * Commands: Gavel's public API, the same objects over the socket and over HTTP. One zod schema
 * checks them wherever they arrive; its type is the union the state machine decides on.
 */
import { z } from 'zod';
import { CATEGORIES } from './categories.ts';
import {
  Duration,
  Id,
  ITEM_KINDS,
  LocalDateTimeOrNull,
  ProgrammeItemFile,
  REQUEST_KINDS,
  RequestTimesFile,
  Speaker,
  Threshold,
  TimeZone,
} from './programme.ts';

const MAX_DURATION_MS = 24 * 3_600_000;
const Ms = z.number().int({ message: 'must be a whole number of milliseconds' });
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` });
const start = z.boolean().optional();

/** Fields every command may carry. */
const base = {
  /** When given and not the session's current version, the command is refused as `stale`. */
  expectedVersion: z.number().int().nonnegative().optional(),
};

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...base, ...shape });

/** An item as a command carries it: the programme file's item, the id optional on `item.add`. */
export const ItemInput = ProgrammeItemFile.extend({ id: Id.optional() });
export type ItemInput = z.infer<typeof ItemInput>;

export const ItemChanges = z.strictObject({
  kind: z.enum(ITEM_KINDS).optional(),
  speaker: Speaker.optional(),
  topic: text(300).nullable().optional(),
  minutes: Duration.optional(),
  warning: Threshold.nullable().optional(),
  danger: Threshold.nullable().optional(),
  note: text(1000).nullable().optional(),
});
export type ItemChanges = z.infer<typeof ItemChanges>;

const DelegationInput = text(120);
const FloorCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{3,12}$/, { message: 'must be 3 to 12 letters or digits' });

export const Command = z.discriminatedUnion('type', [
  cmd('session.start', {}),
  cmd('session.suspend', {}),
  cmd('session.resume', {}),
  cmd('session.end', {}),
  cmd('session.update', {
    changes: z.strictObject({
      title: text(200).optional(),
      venue: text(200).nullable().optional(),
      plannedStart: LocalDateTimeOrNull.optional(),
      timeZone: TimeZone.optional(),
    }),
  }),
  cmd('speaker.next', { start }),
  cmd('speaker.call', { itemId: Id, start }),
  cmd('speaker.finish', {}),
  cmd('speaker.skip', { itemId: Id }),
  cmd('speaker.recall', { start }),
  cmd('segment.end', {}),
  cmd('segment.update', {
    segmentId: Id,
    changes: z.strictObject({
      title: text(200).optional(),
      budget: Duration.optional(),
      times: RequestTimesFile.optional(),
    }),
  }),
  cmd('timer.start', {}),
  cmd('timer.pause', {}),
  cmd('timer.adjust', {
    deltaMs: Ms.refine((v) => v !== 0 && Math.abs(v) <= 3_600_000, {
      message: 'must be a change of 1 ms to 1 hour, up or down',
    }),
  }),
  cmd('timer.set', {
    remainingMs: Ms.min(0, { message: 'must not be negative' }).max(MAX_DURATION_MS, {
      message: 'must be at most 24 hours',
    }),
  }),
  cmd('timer.reset', {}),
  cmd('message.show', {
    text: text(280),
    flash: z.boolean().optional(),
    fullscreen: z.boolean().optional(),
  }),
  cmd('message.clear', {}),
  cmd('stage.blank', { on: z.boolean() }),
  cmd('stage.flash', {}),
  cmd('item.add', { segmentId: Id, item: ItemInput, beforeItemId: Id.optional() }),
  cmd('item.update', { itemId: Id, changes: ItemChanges }),
  cmd('item.move', {
    itemId: Id,
    segmentId: Id.optional(),
    toIndex: z.number().int().nonnegative({ message: 'must be 0 or more' }),
  }),
  cmd('item.remove', { itemId: Id }),
  cmd('floor.open', { floorCode: FloorCode.nullable().optional() }),
  cmd('floor.close', {}),
  cmd('floor.request', {
    delegation: DelegationInput,
    speakerName: text(120).optional(),
    kind: z.enum(REQUEST_KINDS),
    onBehalfOf: DelegationInput.optional(),
    addressedTo: Id.optional(),
    category: z.enum(CATEGORIES).optional(),
    floorCode: z.string().max(40).optional(),
  }),
  cmd('floor.withdraw', { requestId: Id }),
  cmd('floor.approve', { requestId: Id, category: z.enum(CATEGORIES).optional() }),
  cmd('floor.decline', { requestId: Id, reason: text(200).optional() }),
  cmd('floor.move', {
    requestId: Id,
    toIndex: z.number().int().nonnegative({ message: 'must be 0 or more' }),
  }),
  cmd('floor.give', { requestId: Id, start }),
  cmd('delegation.add', {
    id: Id,
    en: text(120),
    fr: text(120).optional(),
    category: z.enum(CATEGORIES),
  }),
  cmd('record.correct', {
    turnId: Id,
    startedAt: z.number().int().nonnegative().optional(),
    endedAt: z.number().int().nonnegative().optional(),
    counts: z.boolean().optional(),
    note: text(500),
  }),
  cmd('undo', {}),
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Every command type, in the order of the schema. */
export const COMMAND_TYPES: readonly CommandType[] = Command.options.map((o) => o.shape.type.value);
