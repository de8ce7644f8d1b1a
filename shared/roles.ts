/** Who may send which command. Roles are decided by the server at the handshake. */
import type { GavelError } from './errors.ts';
import { refuse } from './refusals.ts';
import { COMMAND_TYPES, COMMANDS, type CommandType } from './registry.ts';

export const ROLES = ['viewer', 'delegate', 'stage', 'moderator'] as const;
export type Role = (typeof ROLES)[number];

/** The person or device behind a command: its role, and a delegate's device key. */
export interface Actor {
  readonly role: Role;
  readonly deviceKey?: string;
}

/** Which roles may send each command: each domain module says it for its commands. */
export const PERMISSIONS: Readonly<Record<CommandType, readonly Role[]>> = Object.fromEntries(
  COMMAND_TYPES.map((type) => [type, COMMANDS[type].roles]),
) as Record<CommandType, readonly Role[]>;

/** True when the role may send commands of this type at all. Pure. */
export function mayCommand(role: Role, type: CommandType): boolean {
  return PERMISSIONS[type].includes(role);
}

/**
 * Null when the actor's role may send this command, else the one refusal that says who may.
 * The server checks it on arrival and the state machine again in `decide`. Pure.
 */
export function authorize(actor: Actor, type: CommandType): GavelError | null {
  if (mayCommand(actor.role, type)) return null;
  const key = PERMISSIONS[type].includes('delegate')
    ? 'forbidden-command-delegate'
    : 'forbidden-command';
  return refuse('forbidden', key, { role: actor.role, command: type });
}
