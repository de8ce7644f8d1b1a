/**
 * The joining-phone row: every byte the server sends a viewer over a WebSocket-first connection
 * until it holds its snapshot, counted on the TCP socket itself (the HTTP upgrade response and
 * every frame, compressed or not). The phone asks what the live page asks for: a packed
 * snapshot (which a server that does not know it ignores) and permessage-deflate, as browsers do.
 */
import { Agent } from 'node:http';
import { connect as tcpConnect, type NetConnectOpts, type Socket as TcpSocket } from 'node:net';
import { io } from 'socket.io-client';
import type { GavelClient } from './sockets.ts';

export interface JoinResult {
  readonly totalBytes: number;
  /** The `101 Switching Protocols` response, headers included. */
  readonly upgradeBytes: number;
  /** The WebSocket frames up to and including the snapshot. */
  readonly frameBytes: number;
  /** Engine.IO packets received until the snapshot (open, connect, snapshot, …). */
  readonly packets: number;
  /** How the snapshot came: `session:packed` (deflated, for a page that asks) or plain. */
  readonly snapshot: 'packed' | 'plain';
  /** Whether the server took up permessage-deflate. */
  readonly deflate: boolean;
}

/** An agent that hands every byte its TCP socket reads to `onData`, and keeps the socket. */
class CountingAgent extends Agent {
  socket: TcpSocket | null = null;
  constructor(private readonly onData: (chunk: Buffer) => void) {
    super();
  }
  override createConnection(options: NetConnectOpts): TcpSocket {
    this.socket = tcpConnect(options);
    this.socket.on('data', this.onData);
    return this.socket;
  }
}

export function measureJoin(url: string, session: string, timeoutMs = 10_000): Promise<JoinResult> {
  return new Promise((resolve, reject) => {
    let head: Buffer | null = Buffer.alloc(0);
    let upgradeBytes = 0;
    let extensions = '';
    // The upgrade response ends at the first blank line; frames follow.
    const agent = new CountingAgent((chunk) => {
      if (head === null) return;
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      upgradeBytes = end + 4;
      const headers = head.subarray(0, end).toString('latin1');
      extensions = /^sec-websocket-extensions:\s*(.*)$/im.exec(headers)?.[1] ?? '';
      head = null;
    });
    const phone: GavelClient = io(url, {
      auth: { session, packed: true },
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
      // Passed on to the WebSocket client; the option's type names only a browser's string.
      agent: agent as unknown as string,
    });
    let packets = 0;
    // The engine exists as soon as the socket does: this sees every packet, the open one first.
    phone.io.engine.on('packet', () => (packets += 1));
    const timer = setTimeout(() => {
      phone.disconnect();
      reject(new Error(`a joining phone had no snapshot within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    phone.onAny((event: string) => {
      if (event !== 'session:snapshot' && event !== 'session:packed') return;
      clearTimeout(timer);
      const totalBytes = agent.socket?.bytesRead ?? 0;
      phone.disconnect();
      resolve({
        totalBytes,
        upgradeBytes,
        frameBytes: totalBytes - upgradeBytes,
        packets,
        snapshot: event === 'session:packed' ? 'packed' : 'plain',
        deflate: /permessage-deflate/i.test(extensions),
      });
    });
    phone.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
