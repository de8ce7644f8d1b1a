/**
 * The protocol version at the handshake, over real sockets. The server refuses a page of another
 * version in words, with a key (`protocol-old`, `protocol-new`), before anything else is looked
 * at; a handshake without a version (a script, Companion) is admitted as it always was. And the
 * page's own connection (client/lib/connection.ts, run here with the browser's globals stood in
 * for) sends its version, reloads once on that refusal, and shows the sentence after.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REFUSALS } from '../../shared/refusals.ts';
import { PROTOCOL_VERSION, type Handshake, type HandshakeRefusal } from '../../shared/protocol.ts';
import { admit } from '../../server/auth.ts';
import { connect, disconnect } from '../../client/lib/connection.ts';
import { useGavel } from '../../client/lib/store.ts';
import {
  refusalOf,
  SESSION,
  STAGE_KEY,
  startServer,
  TOKEN,
  until,
  type TestServer,
  OFFICER_TOKEN,
  SECRETARIAT_TOKEN,
} from './helpers.ts';

const SECRETS = {
  moderatorToken: TOKEN,
  floorOfficerToken: OFFICER_TOKEN,
  secretariatToken: SECRETARIAT_TOKEN,
  stageKey: STAGE_KEY,
};

let servers: TestServer[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
/** Whether a test stood in for the browser: its page is disconnected first, then the globals go. */
let browser = false;
afterEach(async () => {
  if (browser) {
    disconnect();
    vi.unstubAllGlobals();
    useGavel.setState({ view: null, connection: 'connecting', handshakeError: null });
    browser = false;
  }
  for (const server of servers) await server.close();
  servers = [];
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(): Promise<TestServer> {
  const server = await startServer();
  servers.push(server);
  return server;
}

/** Whether a handshake was admitted (its snapshot came) or refused, whichever comes first. */
function outcomeOf(
  server: TestServer,
  auth: Record<string, unknown>,
): Promise<{ admitted: true } | { admitted: false; refusal: HandshakeRefusal }> {
  // Typed as the pages send it; here it may be anything a script sends.
  const client = server.socket(auth as Partial<Handshake>, { reconnection: false });
  return Promise.race([
    client.next('session:snapshot').then(() => ({ admitted: true as const })),
    refusalOf(client).then((refusal) => ({ admitted: false as const, refusal })),
  ]);
}

describe('admit (pure)', () => {
  it.each([
    ['the same version', { protocol: PROTOCOL_VERSION }],
    ['no version', {}],
    ['an explicitly absent version', { protocol: undefined }],
  ])('admits a handshake with %s', (_name, auth) => {
    expect(admit({ session: SESSION, ...auth }, SECRETS)).toMatchObject({ ok: true });
  });

  it.each([
    ['an older version', PROTOCOL_VERSION - 1, 'protocol-old'],
    ['version 0', 0, 'protocol-old'],
    ['a newer version', PROTOCOL_VERSION + 1, 'protocol-new'],
    ['a version as text', String(PROTOCOL_VERSION), 'protocol-malformed'],
    ['a fractional version', PROTOCOL_VERSION + 0.5, 'protocol-malformed'],
    ['null', null, 'protocol-malformed'],
  ])('refuses %s with its key, before the secrets', (_name, protocol, key) => {
    // A wrong token beside it is not looked at: nothing counts against the address.
    const decided = admit({ session: SESSION, protocol, token: 'not-the-token' }, SECRETS);
    expect(decided).toMatchObject({ ok: false, error: { code: 'invalid', key } });
    if (!decided.ok) expect(decided.wrong).toBeUndefined();
  });
});

describe('the handshake, over real sockets', () => {
  it.each([
    ['a page of this version', { protocol: PROTOCOL_VERSION }],
    ['a script that sends no version', {}],
    ['a console of this version', { protocol: PROTOCOL_VERSION, token: TOKEN }],
    ['a stage that sends no version', { stageKey: STAGE_KEY }],
  ])('admits %s', async (_name, auth) => {
    const server = await serve();
    expect(await outcomeOf(server, auth)).toEqual({ admitted: true });
  });

  it('refuses a page older than the server in words, with its key', async () => {
    const server = await serve();
    const outcome = await outcomeOf(server, { protocol: PROTOCOL_VERSION - 1 });
    expect(outcome).toEqual({
      admitted: false,
      refusal: { code: 'invalid', key: 'protocol-old', message: REFUSALS['protocol-old'] },
    });
    if (!outcome.admitted) expect(outcome.refusal.message).toMatch(/older than the server/);
  });

  it('refuses a page newer than the server, and a console of another version with the token', async () => {
    const server = await serve();
    expect(await outcomeOf(server, { protocol: PROTOCOL_VERSION + 1 })).toMatchObject({
      admitted: false,
      refusal: { code: 'invalid', key: 'protocol-new' },
    });
    expect(
      await outcomeOf(server, { protocol: PROTOCOL_VERSION - 1, token: TOKEN, role: 'moderator' }),
    ).toMatchObject({ admitted: false, refusal: { code: 'invalid', key: 'protocol-old' } });
  });

  it('refuses a version that is not a whole number, naming the version it takes', async () => {
    const server = await serve();
    const outcome = await outcomeOf(server, { protocol: 'v1' });
    expect(outcome).toMatchObject({
      admitted: false,
      refusal: {
        code: 'invalid',
        key: 'protocol-malformed',
        params: { version: PROTOCOL_VERSION },
      },
    });
    if (!outcome.admitted) expect(outcome.refusal.message).toContain(`(${PROTOCOL_VERSION})`);
  });
});

/** The browser a page runs in, as far as connection.ts uses it; `reload` counts the reloads. */
function standInBrowser(url: string, storage = new Map<string, string>()) {
  const { protocol, host, hostname, port, href } = new URL(url);
  const reload = vi.fn();
  vi.stubGlobal('location', { protocol, host, hostname, port, href, reload });
  vi.stubGlobal('document', {
    visibilityState: 'visible',
    addEventListener: () => {},
    removeEventListener: () => {},
  });
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
  });
  browser = true;
  return { reload, storage };
}

/**
 * A server of another protocol version, as its handshake answers a page: the refusal Gavel's
 * `admit` gives it. Keeps the auth each page sent.
 */
async function otherVersionServer(key: 'protocol-old' | 'protocol-new' | 'no-session') {
  const httpServer = createServer();
  const io = new Server(httpServer);
  const seen: Record<string, unknown>[] = [];
  io.use((socket, next) => {
    seen.push(socket.handshake.auth);
    const err = new Error(REFUSALS[key]) as Error & { data: HandshakeRefusal };
    err.data = { code: 'invalid', message: REFUSALS[key], key };
    next(err);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => void io.close(() => resolve())));
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen };
}

describe("the page's connection", () => {
  it('sends its protocol version and is admitted by the server', async () => {
    const server = await serve();
    const { reload } = standInBrowser(server.url);
    connect({ session: SESSION });
    await until(() => useGavel.getState().view !== null, 'the snapshot');
    expect(useGavel.getState().connection).toBe('online');
    expect(reload).not.toHaveBeenCalled();
  });

  it('reloads once when the server is of another version, noting the version it reloaded for', async () => {
    const other = await otherVersionServer('protocol-old');
    const { reload, storage } = standInBrowser(other.url);
    connect({ session: SESSION });
    await until(() => reload.mock.calls.length > 0, 'the reload');
    expect(other.seen[0]).toMatchObject({ session: SESSION, protocol: PROTOCOL_VERSION });
    expect([...storage.values()]).toEqual([String(PROTOCOL_VERSION)]);
    expect(useGavel.getState().connection).toBe('connecting');
  });

  it('shows the sentence instead when a reload brought back a page of the same version', async () => {
    const other = await otherVersionServer('protocol-new');
    const { reload, storage } = standInBrowser(other.url);
    connect({ session: SESSION });
    await until(() => reload.mock.calls.length > 0, 'the first reload');
    // The reload brought back the same page: same storage, same version, refused again.
    disconnect();
    const again = standInBrowser(other.url, storage);
    connect({ session: SESSION });
    await until(() => useGavel.getState().connection === 'refused', 'the refusal');
    expect(again.reload).not.toHaveBeenCalled();
    expect(useGavel.getState().handshakeError).toMatchObject({
      code: 'invalid',
      key: 'protocol-new',
      message: REFUSALS['protocol-new'],
    });
  });

  it('does not reload for any other refusal', async () => {
    const other = await otherVersionServer('no-session');
    const { reload, storage } = standInBrowser(other.url);
    connect({ session: SESSION });
    await until(() => useGavel.getState().connection === 'refused', 'the refusal');
    expect(reload).not.toHaveBeenCalled();
    expect(storage.size).toBe(0);
    expect(useGavel.getState().handshakeError?.key).toBe('no-session');
  });
});
