/**
 * The per-room patches: applying one to the view a page holds gives exactly the new view, and a
 * "next speaker" update to a phone stays small however far the meeting has gone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execute } from '../../shared/machine.ts';
import { applyPatch } from '../../shared/patch.ts';
import type { Command } from '../../shared/commands.ts';
import { initialState, type SessionState } from '../../shared/state.ts';
import { viewFor } from '../../shared/views.ts';
import { builtInPlenary } from '../../server/config.ts';
import { diff as viewPatch } from '../../shared/patch.ts';

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 5 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('viewPatch', () => {
  it('turns any JSON value into any other under applyPatch', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const patched = applyPatch(structuredClone(a), viewPatch(a, b));
        expect(patched).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves the view it patches untouched', () => {
    const a = { turns: [{ id: 't1' }], current: { turnId: 't1' } };
    const frozen = JSON.stringify(a);
    applyPatch(a, viewPatch(a, { turns: [{ id: 't1' }, { id: 't2' }], current: { turnId: 't2' } }));
    expect(JSON.stringify(a)).toBe(frozen);
  });

  it('sends only the new entry when a list grows', () => {
    const ops = viewPatch({ list: [1, 2, 3] }, { list: [1, 2, 3, 4] });
    expect(ops).toEqual([{ p: ['list', 3], v: 4 }]);
  });

  it('keeps a "next speaker" update to a phone under 1 KB, at the start and late in the panel', () => {
    const moderator = { actor: { role: 'moderator' as const } };
    let state: SessionState = initialState(builtInPlenary());
    let now = Date.UTC(2016, 10, 16, 9, 0, 0);
    const run = (command: Command) => {
      const result = execute(state, command, { now, ...moderator });
      if (!result.ok) throw new Error(result.error.message);
      state = result.state;
    };
    run({ type: 'session.start' });
    const sizes: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = viewFor(state, { role: 'viewer' });
      run({ type: 'speaker.next', start: true });
      const after = viewFor(state, { role: 'viewer' });
      const patch = viewPatch(before, after);
      expect(applyPatch(before, patch)).toEqual(after);
      const update = { fromVersion: before.version, version: after.version, serverNow: now, patch };
      // As the phone receives it: Socket.IO's event frame around the JSON.
      sizes.push(Buffer.byteLength(`42${JSON.stringify(['session:update', update])}`));
      now += 11 * 60_000;
    }
    // Under 1 KB as Socket.IO frames it: the new turn itself is about half of it.
    expect(Math.max(...sizes)).toBeLessThan(1024);
    // Late in the panel costs no more than early: past turns are not resent.
    expect(Math.abs((sizes[8] ?? 0) - (sizes[2] ?? 0))).toBeLessThan(200);
  });
});
