/**
 * The composition root: one call builds a whole Gavel server (log, hub, HTTP, Socket.IO) from its
 * parts, with nothing held in module state, so tests build as many as they like on port 0.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import type { DelegationList } from '../shared/delegationList.ts';
import type { Programme } from '../shared/programme.ts';
import { newSecret } from './auth.ts';
import { isAdjustable, offsetClock, systemClock, type Clock } from './clock.ts';
import { createHttpApp } from './http.ts';
import { attachLive, ENGINE_PAYLOAD_BYTES, type GavelServer, type Live } from './live.ts';
import { silentLogger, type Logger } from './logger.ts';
import { compileTrust, type TrustProxy } from './proxy.ts';
import { FailedAttempts } from './attempts.ts';
import { memoryKeyring, type Keyring } from './keyring.ts';
import { SessionHub } from './sessionHub.ts';
import { localBus, type Bus, type EventLog } from './eventLog.ts';
import { Store } from './store.ts';

/** Everything a Gavel server is made from. */
export interface AppOptions {
  /** The folder holding `gavel.db`; it must exist. Not read when `log` is given. */
  readonly dataDir: string;
  /** An event log already opened (PostgreSQL); by default `gavel.db` in `dataDir`. */
  readonly log?: EventLog;
  /** How this process hears of other processes sharing the log; none by default. */
  readonly bus?: Bus;
  readonly moderatorToken: string;
  readonly stageKey: string;
  /** The floor officer's and the secretariat's tokens; random ones (kept in memory) by default. */
  readonly floorOfficerToken?: string;
  readonly secretariatToken?: string;
  /**
   * Where the secrets are read on every check and tokens replaced (`secrets.json`, the database);
   * by default in memory, from the tokens above.
   */
  readonly keyring?: Keyring;
  /** The server's clock; the wall clock at start plus monotonic time by default. */
  readonly clock?: Clock;
  /**
   * The list of delegations in effect, checked (`config.ts` `loadDelegationList`); the shipped
   * one by default.
   */
  readonly delegations?: DelegationList;
  /** Sessions to create when the log does not hold them yet (the built-in plenary, a file). */
  readonly programmes?: readonly Programme[];
  /** Adds `POST /api/test/clock` (tests only). */
  readonly testClock?: boolean;
  readonly logger?: Logger;
  /**
   * Behind a TLS proxy: the proxies whose `X-Forwarded-For` entries are believed (a hop count or
   * their addresses); none by default.
   */
  readonly trustProxy?: TrustProxy | null;
  /**
   * Other sites whose pages may open a socket (a browser's `Origin`), besides the address the
   * page was loaded from; none by default (the command line adds the public URL's).
   */
  readonly allowedOrigins?: readonly string[];
  /** Sites that may show the overlay in a frame (a vision mixer's web source); none by default. */
  readonly overlayFrameAncestors?: readonly string[];
  /**
   * Sockets one address may hold at once; generous, so a venue behind one NAT never meets it
   * (`SOCKETS_PER_ADDRESS` of live.ts, 5,000, by default).
   */
  readonly socketsPerAddress?: number;
  /** Monotonic time for the HTTP budgets; `performance.now` by default (tests freeze it). */
  readonly monotonic?: () => number;
  /** The built client; `dist/client` of the project by default. */
  readonly clientDir?: string;
  /**
   * The address phones use (the public URL, else the LAN address), for the stage's QR code; a
   * function because it is known only once the server listens.
   */
  readonly publicUrl?: () => string | null;
}

/** A built server, not yet listening. */
export interface App {
  readonly httpServer: HttpServer;
  readonly io: GavelServer;
  readonly hub: SessionHub;
  readonly store: EventLog;
  readonly clock: Clock;
  readonly live: Live;
  /** Stops everything: sockets, HTTP, the database. */
  close(): Promise<void>;
}

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../dist/client', import.meta.url));

/**
 * Builds a server. Rejects with a `StoreError` (one sentence) when the database cannot be used,
 * and then leaves it untouched.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const logger = options.logger ?? silentLogger;
  const base = options.clock ?? systemClock();
  const testClock = options.testClock ?? false;
  const clock = testClock && !isAdjustable(base) ? offsetClock(base) : base;
  const keyring =
    options.keyring ??
    memoryKeyring({
      moderatorToken: options.moderatorToken,
      floorOfficerToken: options.floorOfficerToken ?? newSecret(),
      secretariatToken: options.secretariatToken ?? newSecret(),
      stageKey: options.stageKey,
    });
  const trust = compileTrust(options.trustProxy ?? null);
  const attempts = new FailedAttempts(logger);

  const store = options.log ?? Store.open(options.dataDir);
  const bus = options.bus ?? localBus();
  let hub: SessionHub;
  try {
    hub = await SessionHub.load(store, clock, logger, bus, options.delegations);
    for (const programme of options.programmes ?? []) {
      // Another process may create it at the same moment: either way it exists afterwards.
      if (!hub.has(programme.id)) await hub.create(programme);
    }
  } catch (error) {
    await store.close();
    throw error;
  }

  const app = createHttpApp({
    hub,
    store,
    clock,
    keyring,
    publicUrl: options.publicUrl ?? (() => null),
    logger,
    testClock,
    trust,
    attempts,
    overlayFrameAncestors: options.overlayFrameAncestors ?? [],
    ...(options.monotonic ? { monotonic: options.monotonic } : {}),
    clientDir: options.clientDir ?? DEFAULT_CLIENT_DIR,
  });
  const httpServer = createServer(app);
  // What Node's HTTP parser cannot read never reaches Express: answer it in the API's words too.
  httpServer.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A request that broke after Express began answering it cannot be answered again.
    const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })
      ._httpMessage;
    if (!socket.writable || answering?.headersSent) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      ok: false,
      error: tooLarge
        ? {
            code: 'too-large',
            message: 'The request headers are too large: send a shorter request.',
          }
        : {
            code: 'invalid',
            message: 'The request is not HTTP that Gavel can read: check how it is written.',
          },
    });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '413 Content Too Large' : '400 Bad Request'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  const io: GavelServer = new Server(httpServer, {
    // Above Gavel's own limit, so a packet a little over it is answered in words (live.ts).
    maxHttpBufferSize: ENGINE_PAYLOAD_BYTES,
    // The client is bundled with the pages; the server need not serve its own copy.
    serveClient: false,
  });
  const live = attachLive(io, {
    hub,
    clock,
    keyring,
    trust,
    attempts,
    bus,
    logger,
    allowedOrigins: options.allowedOrigins ?? [],
    socketsPerAddress: options.socketsPerAddress,
  });

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    // Every connection is dropped under its socket, with no Socket.IO goodbye: clients see
    // "transport close" and reconnect by themselves, to the next Gavel on this address (a
    // restart, a new version). Then the HTTP server, its idle keep-alive connections first.
    live.close();
    hub.close();
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => {
      // Closing a server that never listened reports an error; either way it is closed.
      void io.close(() => resolve());
    });
    bus.close();
    await store.close();
  }

  return {
    httpServer,
    io,
    hub,
    store,
    clock,
    live,
    close: () => (closing ??= close()),
  };
}

/** Starts listening; resolves with the port, rejects with the listen error (port in use…). */
export function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
