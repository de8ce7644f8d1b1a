/** Who may send which command. Roles are decided by the server at the handshake. */
import type { CommandType } from './commands.ts';

export const ROLES = ['viewer', 'delegate', 'stage', 'moderator'] as const;
export type Role = (typeof ROLES)[number];

/** The person or device behind a command: its role, and a delegate's device key. */
export interface Actor {
  readonly role: Role;
  readonly deviceKey?: string;
}

const M = ['moderator'] as const;
const DM = ['delegate', 'moderator'] as const;

/** Which roles may send each command. A missing row fails to compile. */
export const PERMISSIONS: Readonly<Record<CommandType, readonly Role[]>> = {
  'session.start': M,
  'session.suspend': M,
  'session.resume': M,
  'session.end': M,
  'session.update': M,
  'speaker.next': M,
  'speaker.call': M,
  'speaker.finish': M,
  'speaker.skip': M,
  'speaker.recall': M,
  'segment.end': M,
  'segment.update': M,
  'timer.start': M,
  'timer.pause': M,
  'timer.adjust': M,
  'timer.set': M,
  'timer.reset': M,
  'message.show': M,
  'message.clear': M,
  'stage.blank': M,
  'stage.flash': M,
  'item.add': M,
  'item.update': M,
  'item.move': M,
  'item.remove': M,
  'floor.open': M,
  'floor.close': M,
  'floor.request': DM,
  'floor.withdraw': DM,
  'floor.approve': M,
  'floor.decline': M,
  'floor.move': M,
  'floor.give': M,
  'delegation.add': M,
  'record.correct': M,
  undo: M,
};

/** True when the role may send commands of this type at all. Pure. */
export function mayCommand(role: Role, type: CommandType): boolean {
  return PERMISSIONS[type].includes(role);
}
