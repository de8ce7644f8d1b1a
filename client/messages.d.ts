// A message catalogue compiled by scripts/messageCatalogues.ts: each message is a function of its
// parameters (nested objects for a catalogue's sections).
declare module '*.json?messages' {
  import type { CompiledMessages } from './lib/i18n.ts';
  const messages: CompiledMessages;
  export default messages;
}

/** Engine.IO's long-polling transport on its own (`webSocketFirst` in vite.config.ts). */
declare module 'virtual:engine.io-polling' {
  export { XHR } from 'engine.io-client';
}
