/**
 * Commands: Gavel's public API, the same objects over the socket and over HTTP. The schema is
 * joined in `registry.ts` from the domain modules; this is where the rest of Gavel imports it.
 */
export { Command, COMMAND_TYPES, type CommandOf, type CommandType } from './registry.ts';
export { ItemChanges, ItemInput } from './domains/fields.ts';
