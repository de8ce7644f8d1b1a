/** The record: correcting a turn after it ended (times, whether it counts, why). Pure. */
import { z } from 'zod';
import type { E } from '../events.ts';
import { Id } from '../programme.ts';
import { findTurn } from '../state.ts';
import { cmd, text } from './fields.ts';
import {
  defineCommand,
  defineEvolvers,
  invalid,
  mapTurn,
  MODERATOR,
  notAllowed,
  turnNotFound,
} from './kit.ts';

export type RecordEvent = E<
  'recordCorrected',
  { turnId: string; startedAt?: number; endedAt?: number; counts?: boolean; note: string }
>;

export const RECORD_COMMANDS = {
  'record.correct': defineCommand(
    cmd('record.correct', {
      turnId: Id,
      startedAt: z.number().int().nonnegative().optional(),
      endedAt: z.number().int().nonnegative().optional(),
      counts: z.boolean().optional(),
      note: text(500),
    }),
    {
      roles: MODERATOR,
      afterEnd: true,
      decide: (d, command) => {
        const turn = findTurn(d.state, command.turnId);
        if (!turn) return turnNotFound(command.turnId);
        if (turn.endedAt === null) return notAllowed('turn-running');
        // Checked against the figures as earlier corrections left them.
        const latest = (field: 'startedAt' | 'endedAt') =>
          turn.corrections.reduce<number | undefined>((v, c) => c[field] ?? v, undefined);
        const startedAt =
          command.startedAt ?? latest('startedAt') ?? turn.firstStartedAt ?? turn.calledAt;
        const endedAt = command.endedAt ?? latest('endedAt') ?? turn.endedAt;
        if (endedAt < startedAt) return invalid('ended-before-started');
        const { type: _t, expectedVersion: _v, ...fields } = command;
        d.emit({ type: 'recordCorrected', ...fields });
        return null;
      },
    },
  ),
};

export const RECORD_EVENTS = defineEvolvers<RecordEvent['type']>({
  recordCorrected: (state, event) => {
    const { turnId, type: _type, v: _v, at: correctedAt, external: _external, ...fields } = event;
    return mapTurn(state, turnId, (t) => ({
      ...t,
      corrections: [...t.corrections, { at: correctedAt, ...fields }],
    }));
  },
});
