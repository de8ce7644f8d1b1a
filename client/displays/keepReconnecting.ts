/**
 * A display never gives up on its server. Socket.IO reconnects by itself after a lost connection,
 * but not after the server said goodbye ("io server disconnect"), which is what a server stopping
 * cleanly sends before a restart. Then this asks again, with the same backoff as Socket.IO's,
 * and Socket.IO's own reconnection takes over from the first attempt on. A handshake the server
 * refuses (a wrong key) is not retried: that comes as `connect_error`, not as a disconnect.
 */
import type { Socket } from 'socket.io-client';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5_000;

export function keepReconnecting(socket: Pick<Socket, 'on' | 'connect' | 'connected'>): void {
  let attempt = 0;
  socket.on('connect', () => {
    attempt = 0;
  });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect') return;
    const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
    attempt += 1;
    setTimeout(() => {
      if (!socket.connected) socket.connect();
    }, delay);
  });
}
