/** Who may send which command. Roles are decided by the server at the handshake. */
import type { GavelError } from './errors.ts';
import { refuse } from './refusals.ts';
import { COMMAND_TYPES, COMMANDS, type CommandType } from './registry.ts';

export const ROLES = [
  'viewer',
  'delegate',
  'stage',
  'secretariat',
  'floor-officer',
  'moderator',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles a token opens, each with a token of its own: the moderator (everything), the floor
 * officer (the list of speakers, beside the chair) and the secretariat (the record, read only).
 */
export const TOKEN_ROLES = ['moderator', 'floor-officer', 'secretariat'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

// In the domains' kit, which the registry imports: here it would make an import cycle.
export { atTheChair } from './domains/kit.ts';

/** What a token may read over HTTP beyond the public view. */
export type Readable = 'record' | 'programme' | 'events';

/**
 * Who may read what: the record (with its CSV tables, the report's source) and the programme file
 * are the secretariat's as well as the moderator's; the event log, with every command as sent, is
 * the moderator's alone.
 */
export const READS: Readonly<Record<Readable, readonly Role[]>> = {
  record: ['moderator', 'secretariat'],
  programme: ['moderator', 'secretariat'],
  events: ['moderator'],
};

/** True when the role may read this over HTTP. Pure. */
export function mayRead(role: Role, what: Readable): boolean {
  return READS[what].includes(role);
}

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
  const allowed = PERMISSIONS[type];
  const key = allowed.includes('delegate')
    ? 'forbidden-command-delegate'
    : allowed.includes('floor-officer')
      ? 'forbidden-command-floor'
      : 'forbidden-command';
  return refuse('forbidden', key, { role: actor.role, command: type });
}
