/**
 * A real Gavel server on port 0 with a temporary data folder, and real Socket.IO clients that
 * keep every payload they receive and the view they would show. Tests wait for events; they never
 * sleep.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { applyPatch } from '../../shared/patch.ts';
import type {
  ClientToServerEvents,
  CommandAck,
  HandshakeRefusal,
  Handshake,
  ServerToClientEvents,
} from '../../shared/protocol.ts';
import type { SessionView } from '../../shared/views.ts';
import { createApp, listen, type App, type AppOptions } from '../../server/app.ts';
import { FakeClock, type Clock } from '../../server/clock.ts';
import { builtInPlenary } from '../../server/config.ts';

export const TOKEN = 'moderator-token-for-tests';
export const STAGE_KEY = 'stage-key-for-tests';
export const OFFICER_TOKEN = 'floor-officer-token-for-tests';
export const SECRETARIAT_TOKEN = 'secretariat-token-for-tests';
export const SESSION = 'asp15-cooperation';
/** 16 November 2016, 10:00 in The Hague: the plenary's first day. */
export const START = Date.UTC(2016, 10, 16, 9, 0, 0);

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One event a client received: its name and payload. */
export interface Received {
  readonly event: string;
  readonly payload: unknown;
}

const WAIT_LIMIT_MS = 10_000;

/**
 * A Socket.IO client that keeps every payload and applies updates to the view it holds, the way
 * a page would: a snapshot replaces it; an update applies when it starts from the version held.
 */
export class TestClient {
  readonly received: Received[] = [];
  view: SessionView | null = null;
  version = -1;
  /** Updates that did not start from the version held (a page would ask for a snapshot). */
  readonly gaps: { fromVersion: number; held: number }[] = [];
  private waiters: { test: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];

  constructor(readonly socket: ClientSocket) {
    socket.onAny((event: string, payload: unknown) => this.take({ event, payload }));
    socket.on('session:snapshot', (s) => {
      this.view = s.view;
      this.version = s.version;
    });
    socket.on('session:update', (u) => {
      if (this.view === null || u.fromVersion !== this.version) {
        this.gaps.push({ fromVersion: u.fromVersion, held: this.version });
        return;
      }
      this.view = applyPatch(this.view, u.patch);
      this.version = u.version;
    });
  }

  private take(r: Received): void {
    this.received.push(r);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(r)) return true;
      w.resolve(r);
      return false;
    });
  }

  /** Resolves with the first payload (already received or coming) that passes `test`. */
  next<T = unknown>(
    event: string,
    test: (payload: T) => boolean = () => true,
    from = 0,
  ): Promise<T> {
    const match = (r: Received) => r.event === event && test(r.payload as T);
    const seen = this.received.slice(from).find(match);
    if (seen) return Promise.resolve(seen.payload as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No ${event} arrived within ${WAIT_LIMIT_MS} ms`)),
        WAIT_LIMIT_MS,
      );
      this.waiters.push({
        test: match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r.payload as T);
        },
      });
    });
  }

  /** Waits until the view held is at least at `version`. */
  async reach(version: number): Promise<SessionView> {
    if (this.version < version) {
      await this.next<{ version: number }>('session:update', (u) => u.version >= version);
    }
    return this.view as SessionView;
  }

  /**
   * Sends a command and resolves with its acknowledgement; rejects when none comes within 10 s (a
   * command on a connection that died on the way is never answered).
   */
  command(command: unknown): Promise<CommandAck> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`No answer to ${JSON.stringify(command)} within ${WAIT_LIMIT_MS} ms`)),
        WAIT_LIMIT_MS,
      );
      this.socket.emit('session:command', command, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
  }

  /**
   * A round trip: everything the server sent this socket before answering has arrived when it
   * resolves (one connection keeps order).
   */
  barrier(): Promise<number> {
    return new Promise((resolve) => this.socket.emit('clock:sync', 0, (s) => resolve(s.serverNow)));
  }

  /** Every payload received as JSON, to search for what must never arrive. */
  allText(): string {
    return JSON.stringify(this.received);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** A server for one test, with its clock, address and clients. */
export class TestServer {
  private readonly clients: TestClient[] = [];
  constructor(
    readonly app: App,
    readonly url: string,
    readonly clock: Clock,
    readonly dataDir: string,
    private readonly ownsDir: boolean,
  ) {}

  /** The fake clock (tests that built the server with one). */
  get fake(): FakeClock {
    if (!(this.clock instanceof FakeClock)) throw new Error('This server runs on another clock.');
    return this.clock;
  }

  /** A socket that has its snapshot (or its refusal, with `expectRefusal`). */
  async connect(
    auth: Partial<Handshake> = {},
    options: { reconnection?: boolean } = {},
  ): Promise<TestClient> {
    const client = this.socket(auth, options);
    await client.next('session:snapshot');
    return client;
  }

  /** A socket, not yet connected: events it emits wait in its buffer. */
  socket(
    auth: Partial<Handshake> = {},
    options: { reconnection?: boolean; autoConnect?: boolean } = {},
  ): TestClient {
    const socket: ClientSocket = connectSocket(this.url, {
      auth: { session: SESSION, ...auth },
      forceNew: true,
      transports: ['websocket'],
      reconnection: options.reconnection ?? false,
      reconnectionDelay: 20,
      reconnectionDelayMax: 50,
      autoConnect: options.autoConnect ?? true,
    });
    const client = new TestClient(socket);
    this.clients.push(client);
    return client;
  }

  moderator(): Promise<TestClient> {
    return this.connect({ token: TOKEN });
  }

  /** An HTTP request; `token` adds the moderator's Bearer header. */
  async http(
    method: string,
    path: string,
    options: {
      body?: unknown;
      raw?: string;
      token?: string;
      headers?: Record<string, string>;
    } = {},
    // The API's JSON is read field by field by the assertions, which check its shape themselves.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; json: any; text: string; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  }

  /** Sends one command over HTTP as the moderator. */
  post(command: unknown) {
    return this.http('POST', `/api/sessions/${SESSION}/commands`, { body: command, token: TOKEN });
  }

  /** The view an HTTP caller gets. */
  async viewAs(
    role: 'moderator' | 'stage' | 'viewer',
  ): Promise<SessionView & { serverNow: number }> {
    const options =
      role === 'moderator'
        ? { token: TOKEN }
        : role === 'stage'
          ? { headers: { 'x-gavel-stage-key': STAGE_KEY } }
          : {};
    const res = await this.http('GET', `/api/sessions/${SESSION}`, options);
    return res.json;
  }

  /** The session's state as the hub holds it, as JSON (for "nothing changed" checks). */
  stateText(): string {
    return JSON.stringify(this.app.hub.state(SESSION));
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.close();
    await this.app.close();
    if (this.ownsDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gavel-test-'));
}

/** Starts a server with the built-in plenary on 127.0.0.1, port 0, a fake clock by default. */
export async function startServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? tempDir();
  const clock = options.clock ?? new FakeClock(START);
  const app = await createApp({
    moderatorToken: TOKEN,
    stageKey: STAGE_KEY,
    floorOfficerToken: OFFICER_TOKEN,
    secretariatToken: SECRETARIAT_TOKEN,
    programmes: [builtInPlenary()],
    clientDir: join(dataDir, 'no-client'),
    ...options,
    dataDir,
    clock,
  });
  const port = await listen(app.httpServer, 0, '127.0.0.1');
  return new TestServer(app, `http://127.0.0.1:${port}`, app.clock, dataDir, ownsDir);
}

/** The error a refused handshake carries. */
export function refusalOf(client: TestClient): Promise<HandshakeRefusal> {
  return new Promise((resolve) => {
    client.socket.on('connect_error', (err) =>
      resolve((err as Error & { data: HandshakeRefusal }).data),
    );
  });
}

/**
 * A socket to a Gavel at `url` (a process of its own, a node, a balancer) that reconnects by
 * itself, as pages do; resolves once it has its snapshot.
 */
export async function connectTo(
  url: string,
  auth: Record<string, unknown> = {},
  clients: TestClient[] = [],
): Promise<TestClient> {
  const socket: ClientSocket = connectSocket(url, {
    auth: { session: SESSION, ...auth },
    forceNew: true,
    transports: ['websocket'],
    reconnectionDelay: 50,
    reconnectionDelayMax: 250,
    // A connection attempt that meets a process as it dies is given up sooner than a page would.
    timeout: 3_000,
  });
  const client = new TestClient(socket);
  clients.push(client);
  await client.next('session:snapshot');
  return client;
}

/**
 * Waits until `look` finds what it looks for, and returns it; gives up after `limitMs` (generous
 * where processes start and die: a replacement worker compiles Gavel's TypeScript as it starts,
 * which takes seconds on a busy machine).
 */
export async function until<T>(
  look: () => T | undefined | false,
  what: string,
  limitMs = WAIT_LIMIT_MS,
): Promise<T> {
  const limit = Date.now() + limitMs;
  for (;;) {
    const seen = look();
    if (seen) return seen;
    if (Date.now() > limit) throw new Error(`${what} did not happen within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The built-in session's event log as the API gives it to the moderator. */
export async function eventLogAt(
  url: string,
): Promise<{ version: number; command: { type: string } }[]> {
  const res = await fetch(`${url}/api/sessions/${SESSION}/events`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const body = (await res.json()) as { rows: { version: number; command: { type: string } }[] };
  return body.rows;
}
