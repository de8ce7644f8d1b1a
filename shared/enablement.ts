/**
 * Which commands the state allows right now, before looking at what a command carries. The
 * server refuses with it; the console greys out its buttons with it. Each command's rule is in
 * its domain module. Pure.
 */
import type { EnablementInput } from './domains/kit.ts';
import { notAllowed } from './domains/kit.ts';
import type { GavelError } from './errors.ts';
import { COMMANDS, type CommandType } from './registry.ts';

export type { EnablementInput } from './domains/kit.ts';

/**
 * Null when a command of this type may run in this state, else the refusal. Payload checks
 * (which item, which request) come after, in the state machine. Pure.
 */
export function availability(s: EnablementInput, commandType: CommandType): GavelError | null {
  const spec = COMMANDS[commandType];
  if (s.status === 'ended' && !spec.afterEnd) return notAllowed('ended');
  return spec.available(s);
}
