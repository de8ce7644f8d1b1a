/** The programme file's JSON Schema, generated from the zod schema (one source for both). Pure. */
import { z } from 'zod';
import { ProgrammeFile } from './programme.ts';

/** JSON Schema (draft 2020-12) of a Gavel programme file. */
export function programmeJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ProgrammeFile, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://gavel.invalid/programme.schema.json',
    title: 'Gavel programme',
    description:
      'A meeting programme for Gavel: segments (panel or open floor) with their budgets, and the items of each panel. Durations are minutes (a number) or "m:ss".',
  };
}
