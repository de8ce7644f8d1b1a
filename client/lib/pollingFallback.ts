/**
 * Long-polling, for a network where the WebSocket fails (a proxy that blocks the upgrade). Pages
 * open their socket on a WebSocket alone, so this is not in their first load (`webSocketFirst` in
 * vite.config.ts leaves it out of Engine.IO's table of transports); `connection.ts` loads it once a
 * connection fails, and the next attempt tries the WebSocket, then long-polling.
 */
import { transports } from 'engine.io-client';
import { XHR } from 'virtual:engine.io-polling';

/** Puts long-polling back in Engine.IO's table of transports, after the WebSocket in `opts`. */
export function addPolling(opts: { transports?: unknown[] }): void {
  (transports as Record<string, unknown>).polling = XHR;
  opts.transports = ['websocket', 'polling'];
}
