/**
 * The pieces command schemas are built from: the fields every command carries, and the field
 * types several domains share. Pure.
 */
import { z } from 'zod';
import {
  Duration,
  Id,
  ITEM_KINDS,
  localText,
  ProgrammeItemFile,
  Speaker,
  Threshold,
} from '../programme.ts';

/** The longest time a timer can be set to, in ms. */
export const MAX_DURATION_MS = 24 * 3_600_000;
export const Ms = z.number().int({ message: 'must be a whole number of milliseconds' });
/** Trimmed text of 1 to `max` characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` });
/** `start: true` starts the timer of the turn a command begins. */
export const start = z.boolean().optional();
/** A place in a list, from 0. */
export const Index = z.number().int().nonnegative({ message: 'must be 0 or more' });

/** Fields every command may carry. */
const base = {
  /** When given and not the session's current version, the command is refused as `stale`. */
  expectedVersion: z.number().int().nonnegative().optional(),
};

/** The schema of one command: its `type`, the common fields, and its own. */
export const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...base, ...shape });

/** An item as a command carries it: the programme file's item, the id optional on `item.add`. */
export const ItemInput = ProgrammeItemFile.extend({ id: Id.optional() });
export type ItemInput = z.infer<typeof ItemInput>;

export const ItemChanges = z.strictObject({
  kind: z.enum(ITEM_KINDS).optional(),
  speaker: Speaker.optional(),
  topic: localText(300).nullable().optional(),
  minutes: Duration.optional(),
  warning: Threshold.nullable().optional(),
  danger: Threshold.nullable().optional(),
  note: text(1000).nullable().optional(),
});
export type ItemChanges = z.infer<typeof ItemChanges>;
