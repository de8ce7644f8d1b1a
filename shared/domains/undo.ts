/**
 * Undo: every moderator command first records a checkpoint (the state before it); `undo` goes
 * back to the latest one, then replays what delegates did since, so their requests stay. What
 * they did was decided against the list the undone command left: an undo after which the list
 * would break a rule its commands keep (a delegation asked again after a decline: two requests
 * waiting) is refused, and says why. Pure.
 */
import type { E } from '../events.ts';
import type { SessionState } from '../state.ts';
import { cmd } from './fields.ts';
import { listConflicts } from './floor.ts';
import { defineCommand, defineEvolvers, MODERATOR, notAllowed } from './kit.ts';

export type UndoEvent =
  E<'checkpointed', { commandType: string }> | E<'undone', { commandType: string }>;

/** How many moderator commands `undo` can reach back. */
export const UNDO_DEPTH = 50;

export const UNDO_COMMANDS = {
  undo: defineCommand(cmd('undo', {}), {
    roles: MODERATOR,
    afterEnd: true,
    available: (s) => (s.undoCount > 0 ? null : notAllowed('nothing-to-undo')),
    decide: (d) => {
      const top = d.state.undo[d.state.undo.length - 1];
      if (!top) return notAllowed('nothing-to-undo');
      // A rule already broken stays the concern of whatever broke it (a log written before this
      // check); the undo answers only for what it would break.
      const broken = new Set(listConflicts(d.state).map((c) => c.where));
      d.emit({ type: 'undone', commandType: top.commandType });
      const conflict = listConflicts(d.state).find((c) => !broken.has(c.where));
      return conflict ? conflict.refusal : null;
    },
  }),
};

export const UNDO_EVENTS = defineEvolvers<UndoEvent['type']>({
  checkpointed: (state, { commandType, at, v }) => {
    const entry = { commandType, at, version: v, before: { ...state, undo: [] }, since: [] };
    return { ...state, undo: [...state.undo, entry].slice(-UNDO_DEPTH) };
  },
  undone: (state, { v }, evolve) => {
    const top = state.undo[state.undo.length - 1];
    if (!top) return state;
    let restored: SessionState = { ...top.before, undo: state.undo.slice(0, -1) };
    for (const later of top.since) restored = evolve(restored, later);
    return { ...restored, seq: Math.max(state.seq, restored.seq), version: v };
  },
});
