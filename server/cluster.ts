/**
 * `gavel serve --workers N`: N worker processes on one machine, each a whole Gavel replica sharing
 * the SQLite file. The primary process only accepts connections and hands each one, as it is, to
 * a worker: a new connection (a page, an API call, a WebSocket) to the next worker in turn, a
 * long-polling request to the worker that holds its Engine.IO session (whose id names the worker).
 * Announcements between workers travel over the cluster's IPC, relayed by the primary. A worker
 * that dies is replaced; its pages reconnect to the others meanwhile.
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { Announcement, Bus } from './eventLog.ts';
import type { Logger } from './logger.ts';

/** What the primary and its workers say to each other. */
type ClusterMessage =
  | { readonly type: 'gavel:ready' }
  | { readonly type: 'gavel:announce'; readonly announcement: Announcement }
  /** A connection handed over with the bytes the primary read to route it. */
  | { readonly type: 'gavel:connection'; readonly head: string };

const isMessage = (m: unknown): m is ClusterMessage =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';

/** The environment variable that tells a worker its place (1 to N). */
export const WORKER_SLOT = 'GAVEL_WORKER_SLOT';

/** An Engine.IO session id that names the worker holding it, so the primary can route polling. */
export function sessionIdFor(slot: number): string {
  return `w${slot}-${randomBytes(15).toString('base64url')}`;
}

const SID = /[?&]sid=w(\d+)-/;

/** The worker a request's first bytes ask for (its Engine.IO session's), or null for any. */
export function slotOf(head: string): number | null {
  const firstLine = head.slice(0, head.indexOf('\r\n') >>> 0);
  const match = SID.exec(firstLine);
  return match ? Number(match[1]) : null;
}

export interface PrimaryOptions {
  readonly workers: number;
  /**
   * Listens on the port; the workers start once it is bound, with `env(port)` added to their
   * environment (the secrets and the address for links, the same for every worker).
   */
  readonly listen: (server: NetServer) => Promise<number>;
  readonly env: (port: number) => Readonly<Record<string, string>>;
  readonly logger: Logger;
}

export interface Primary {
  readonly port: number;
  /** Stops the workers, then the listening socket. */
  stop(): Promise<void>;
}

/**
 * Listens, starts the workers and routes connections to them; resolves once every worker takes
 * connections. Call in the cluster's primary only. Rejects with the listen error.
 */
export async function startPrimary(options: PrimaryOptions): Promise<Primary> {
  const { logger } = options;
  const workers = new Map<number, Worker>();
  const ready = new Set<number>();
  let stopping = false;
  let turn = 0;
  let env: Readonly<Record<string, string>> = {};
  let resolveReady: () => void = () => {};
  const allReady = new Promise<void>((resolve) => (resolveReady = resolve));

  function fork(slot: number): void {
    const worker = cluster.fork({ ...env, [WORKER_SLOT]: String(slot) });
    workers.set(slot, worker);
    worker.on('message', (message: unknown) => {
      if (!isMessage(message)) return;
      if (message.type === 'gavel:ready') {
        ready.add(slot);
        if (ready.size === options.workers) resolveReady();
      } else if (message.type === 'gavel:announce') {
        // To every other worker, the ones still starting too: a worker listens before it reads
        // the log, so a command taken while it reads is heard, not missed until the next one.
        for (const [other, peer] of workers) {
          if (other !== slot && peer.isConnected()) peer.send(message);
        }
      }
    });
    // The IPC channel closes as the worker dies, often before its exit is reported: from then on
    // no connection is handed to it (one it never took would hang until the page gave up).
    worker.on('disconnect', () => ready.delete(slot));
    worker.on('exit', (code, signal) => {
      if (workers.get(slot) !== worker) return;
      ready.delete(slot);
      workers.delete(slot);
      if (stopping) return;
      logger.error(`Worker ${slot} stopped (${signal ?? `exit ${code}`}): starting another.`);
      fork(slot);
    });
  }
  function route(socket: Socket, head: Buffer): void {
    const asked = slotOf(head.toString('latin1'));
    const slots = [...ready];
    let slot = asked !== null && ready.has(asked) ? asked : null;
    if (slot === null && slots.length > 0) slot = slots[turn++ % slots.length] ?? null;
    const worker = slot === null ? undefined : workers.get(slot);
    if (!worker?.isConnected()) {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n\r\nGavel is starting: try again in a moment',
      );
      return;
    }
    const message: ClusterMessage = { type: 'gavel:connection', head: head.toString('latin1') };
    worker.send(message, socket, (error) => {
      if (error) socket.destroy();
    });
  }

  const server = createServer((socket) => {
    socket.on('error', () => socket.destroy());
    // The first bytes say where a long-polling request belongs; then the connection, with those
    // bytes, goes to its worker, and the primary is no longer in its way.
    socket.once('data', (first: Buffer) => {
      socket.pause();
      // Pausing a stream stops its events, not the reading underneath: stop that too, so every
      // byte after these stays in the kernel for the worker instead of being read here and lost.
      (socket as unknown as { _handle?: { readStop?: () => void } })._handle?.readStop?.();
      // Whatever else was read meanwhile goes along with the first bytes: the worker reads the
      // rest from the connection itself.
      const more = socket.read() as Buffer | null;
      route(socket, more ? Buffer.concat([first, more]) : first);
    });
  });

  const port = await options.listen(server);
  env = options.env(port);
  for (let slot = 1; slot <= options.workers; slot++) fork(slot);
  await allReady;

  return {
    port,
    async stop() {
      stopping = true;
      const exits = [...workers.values()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      );
      await Promise.all(exits);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A worker's side: the bus over IPC, and the connections the primary hands over, given to
 * `accept` (the worker's HTTP server) with the bytes already read.
 */
export function workerBus(accept: (socket: Socket, head: Buffer) => void): Bus & {
  /** Tells the primary this worker takes connections now. */
  ready(): void;
} {
  const listeners = new Set<(announcement: Announcement) => void>();
  const onMessage = (message: unknown, handle: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'gavel:connection') {
      if (handle) accept(handle as Socket, Buffer.from(message.head, 'latin1'));
    } else if (message.type === 'gavel:announce') {
      for (const listener of listeners) listener(message.announcement);
    }
  };
  process.on('message', onMessage);
  const send = (message: ClusterMessage) => {
    if (process.connected) process.send?.(message);
  };
  return {
    shared: true,
    publish: (announcement) => send({ type: 'gavel:announce', announcement }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // IPC to the primary loses nothing while both live; a new worker hears announcements from
    // before it has read the log (SessionHub.load listens first, then reads).
    onResync: () => () => {},
    close: () => {
      process.off('message', onMessage);
    },
    ready: () => send({ type: 'gavel:ready' }),
  };
}
