/** docs/api.md stays true: every command has a curl example, and every example is a valid command. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES } from '../../shared/commands.ts';
import { parseCommand } from '../../server/sessionHub.ts';
import { ROOT } from './child.ts';

const doc = readFileSync(`${ROOT}/docs/api.md`, 'utf8');
const examples = [
  ...doc.matchAll(/\/commands" -H "Authorization: Bearer \$TOKEN" -d '([^']+)'/g),
].map((m) => m[1] as string);

describe('docs/api.md', () => {
  it('shows every command with curl', () => {
    const shown = new Set(examples.map((e) => (JSON.parse(e) as { type: string }).type));
    expect(COMMAND_TYPES.filter((type) => !shown.has(type))).toEqual([]);
  });

  it.each(examples)('%s is a valid command', (example) => {
    const parsed = parseCommand(JSON.parse(example));
    expect(parsed.ok ? 'valid' : parsed.error.message).toBe('valid');
  });
});
