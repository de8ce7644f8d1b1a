/** The programme's JSON Schema for editors is generated from the zod schema, and kept current. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { programmeJsonSchema } from '../../shared/programmeSchema.ts';

describe('docs/programme.schema.json', () => {
  it('is what `npm run schema` writes from the zod schema today', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../docs/programme.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(file).toEqual(programmeJsonSchema());
  });

  it('names the keys a programme file has, and refuses unknown ones', () => {
    const schema = programmeJsonSchema() as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['id', 'title', 'plannedStart', 'timeZone', 'segments']),
    );
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'title', 'timeZone', 'segments']),
    );
    expect(schema.additionalProperties).toBe(false);
  });

  it('lets a text people read be plain or in several languages, and keeps an id plain', () => {
    const schema = programmeJsonSchema() as {
      properties: Record<string, { anyOf?: Record<string, unknown>[]; type?: string }>;
    };
    expect(schema.properties.title?.anyOf).toEqual([
      { type: 'string', minLength: 1, maxLength: 200 },
      {
        type: 'object',
        propertyNames: { type: 'string', pattern: '^[a-z]{2,3}$' },
        additionalProperties: { type: 'string', minLength: 1, maxLength: 200 },
        minProperties: 1,
      },
    ]);
    expect(schema.properties.id?.type).toBe('string');
  });
});
