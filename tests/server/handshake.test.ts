/**
 * The live side's trust boundary, over real sockets: credentials of the wrong type, wrong tokens
 * slowed per address, how many sockets one address may hold, a packet over the limit answered
 * before its connection closes, pages of other sites refused, and a restart that every plain
 * socket.io-client comes back from by itself.
 */
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import type { GavelError } from '../../shared/errors.ts';
import type { CommandAck, HandshakeRefusal } from '../../shared/protocol.ts';
import { admit } from '../../server/auth.ts';
import { createApp, listen } from '../../server/app.ts';
import { foreignOrigin } from '../../server/live.ts';
import { FREE_FAILURES } from '../../server/attempts.ts';
import { builtInPlenary } from '../../server/config.ts';
import { FakeClock } from '../../server/clock.ts';
import type { Logger } from '../../server/logger.ts';
import {
  refusalOf,
  SESSION,
  STAGE_KEY,
  START,
  startServer,
  tempDir,
  TestClient,
  TestServer,
  TOKEN,
  until,
  type ClientSocket,
  OFFICER_TOKEN,
  SECRETARIAT_TOKEN,
} from './helpers.ts';

const SECRETS = {
  moderatorToken: TOKEN,
  floorOfficerToken: OFFICER_TOKEN,
  secretariatToken: SECRETARIAT_TOKEN,
  stageKey: STAGE_KEY,
};
const DEVICE = 'device-0123456789abcdef';

/** Servers and sockets a test made, closed after it whatever happened. */
let servers: TestServer[] = [];
let clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  for (const server of servers) await server.close();
  servers = [];
});

async function serve(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

/**
 * A plain socket.io-client socket: Socket.IO's own defaults (reconnection on, polling then
 * WebSocket) unless told otherwise, with short reconnection delays so a test need not wait.
 */
function plain(
  url: string,
  auth: Record<string, unknown>,
  options: {
    transports?: ('polling' | 'websocket')[];
    origin?: string;
    reconnection?: boolean;
  } = {},
): TestClient {
  const socket: ClientSocket = connectSocket(url, {
    auth: { session: SESSION, ...auth },
    forceNew: true,
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
    ...(options.reconnection === false ? { reconnection: false } : {}),
    ...(options.transports ? { transports: options.transports } : {}),
    ...(options.origin ? { extraHeaders: { origin: options.origin } } : {}),
  });
  const client = new TestClient(socket);
  clients.push(client);
  return client;
}

/** Whether a handshake was admitted (its snapshot came) or refused, whichever comes first. */
function outcomeOf(
  client: TestClient,
): Promise<{ admitted: true } | { admitted: false; refusal: HandshakeRefusal }> {
  return Promise.race([
    client.next('session:snapshot').then(() => ({ admitted: true as const })),
    refusalOf(client).then((refusal) => ({ admitted: false as const, refusal })),
  ]);
}

/** The HTTP status of an Engine.IO long-polling handshake, as a browser page of `origin` sends it. */
function pollingHandshake(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/socket.io/?EIO=4&transport=polling`,
      { headers: origin ? { origin } : {}, agent: false },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A logger that keeps what it is told. */
function collecting(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  };
}

describe('admit (pure)', () => {
  it.each([
    ['token: 1', { token: 1 }, 'token'],
    ['token: [TOKEN]', { token: [TOKEN] }, 'token'],
    ['token: ""', { token: '' }, 'token'],
    ['token: null', { token: null }, 'token'],
    ['token: true', { token: true }, 'token'],
    ['stageKey: {}', { stageKey: {} }, 'stageKey'],
    ['stageKey: [STAGE_KEY]', { stageKey: [STAGE_KEY] }, 'stageKey'],
    ['stageKey: ""', { stageKey: '' }, 'stageKey'],
    ['deviceKey: 1', { deviceKey: 1 }, 'deviceKey'],
    ['deviceKey: ""', { deviceKey: '' }, 'deviceKey'],
    ['deviceKey: [DEVICE]', { deviceKey: [DEVICE] }, 'deviceKey'],
    ['role: 1', { role: 1 }, 'role'],
    ['role: ""', { role: '' }, 'role'],
    ['role: ["moderator"]', { role: ['moderator'] }, 'role'],
    ['session: 1', { session: 1 }, 'session'],
    ['session: [SESSION]', { session: [SESSION] }, 'session'],
    ['session: ""', { session: '' }, 'session'],
    [
      'a right token beside a stage key of the wrong type',
      { token: TOKEN, stageKey: 7 },
      'stageKey',
    ],
  ])('refuses %s as invalid, naming the field', (_name, auth, field) => {
    const decided = admit({ session: SESSION, ...auth }, SECRETS);
    expect(decided).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!decided.ok) {
      expect(decided.error.message).toContain(field);
      expect(decided.error.message).toMatch(/\.$/);
      // A credential of the wrong type is not a wrong guess: nothing for the address to pay.
      expect(decided.wrong).toBeUndefined();
    }
  });

  it.each([
    ['nothing', {}, { role: 'viewer' }],
    ['an absent token (undefined)', { token: undefined, stageKey: undefined }, { role: 'viewer' }],
    ['the token', { token: TOKEN }, { role: 'moderator' }],
    ['the stage key', { stageKey: STAGE_KEY }, { role: 'stage' }],
    ['the token, asking for the stage', { token: TOKEN, role: 'stage' }, { role: 'stage' }],
    ['a device key', { deviceKey: DEVICE }, { role: 'delegate', deviceKey: DEVICE }],
    ['a device key, asking to view', { deviceKey: DEVICE, role: 'viewer' }, { role: 'viewer' }],
  ])('admits %s', (_name, auth, actor) => {
    expect(admit({ session: SESSION, ...auth }, SECRETS)).toEqual({
      ok: true,
      admission: { session: SESSION, actor },
    });
  });

  it.each([
    ['a wrong token', { token: 'not-the-token' }, 'token'],
    ['a wrong stage key', { stageKey: 'not-the-stage-key' }, 'stage key'],
  ])('refuses %s as unauthorized and says which secret was wrong', (_name, auth, wrong) => {
    expect(admit({ session: SESSION, ...auth }, SECRETS)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
      wrong,
    });
  });

  it('asks for the console without the token: refused, but no wrong secret was shown', () => {
    const decided = admit({ session: SESSION, role: 'moderator' }, SECRETS);
    expect(decided).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    if (!decided.ok) expect(decided.wrong).toBeUndefined();
  });
});

describe('credentials of the wrong type (finding 7)', () => {
  it.each([
    ['token: 1', { token: 1 }, 'token'],
    ['token: [TOKEN]', { token: [TOKEN] }, 'token'],
    ['token: ""', { token: '' }, 'token'],
    ['stageKey: {}', { stageKey: {} }, 'stageKey'],
    ['deviceKey: 5', { deviceKey: 5 }, 'deviceKey'],
    ['role: 7', { role: 7 }, 'role'],
    ['session: 1', { session: 1 }, 'session'],
  ])('refuses a handshake with %s instead of admitting a viewer', async (_name, auth, field) => {
    const server = await serve();
    const outcome = await outcomeOf(plain(server.url, auth, { reconnection: false }));
    expect(outcome).toMatchObject({ admitted: false, refusal: { code: 'invalid' } });
    if (!outcome.admitted) expect(outcome.refusal.message).toContain(field);
  });
});

describe('wrong tokens from one address (finding 8)', () => {
  it('makes the address wait past the free allowance, even with the right token; a viewer still connects, and the log says so', async () => {
    const logger = collecting();
    const server = await serve({ logger });
    const guess = async (auth: Record<string, unknown>) =>
      outcomeOf(plain(server.url, auth, { reconnection: false, transports: ['websocket'] }));

    expect(await guess({ stageKey: 'not-the-stage-key' })).toMatchObject({
      admitted: false,
      refusal: { code: 'unauthorized' },
    });
    for (let i = 1; i <= FREE_FAILURES; i++) {
      expect(await guess({ token: `guess-${i}` })).toMatchObject({
        admitted: false,
        refusal: { code: 'unauthorized' },
      });
    }
    // FREE_FAILURES + 1 wrong credentials: the next one is not even looked at, right or not.
    const right = await guess({ token: TOKEN });
    expect(right).toMatchObject({ admitted: false, refusal: { code: 'rate-limited' } });
    if (!right.admitted) {
      expect(right.refusal.retryAfterMs).toBeGreaterThan(0);
      expect(right.refusal.message).toMatch(/wait \d+ s/);
    }
    const stage = await guess({ stageKey: STAGE_KEY });
    expect(stage).toMatchObject({ admitted: false, refusal: { code: 'rate-limited' } });

    // A handshake with no credential is never slowed.
    expect(await guess({})).toEqual({ admitted: true });
    expect(await guess({ deviceKey: DEVICE })).toEqual({ admitted: true });

    expect(logger.lines.some((l) => /wrong stage key from 127\.0\.0\.1/.test(l))).toBe(true);
    expect(
      logger.lines.some((l) =>
        new RegExp(`wrong token from 127\\.0\\.0\\.1 \\(${FREE_FAILURES} wrong`).test(l),
      ),
    ).toBe(true);
  });
});

describe('a restart (finding 10)', () => {
  it('brings every plain socket.io-client back by itself, each with a fresh snapshot', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock(START);
    const first = await startServer({ dataDir, clock });
    const port = Number(new URL(first.url).port);
    let second: TestServer | null = null;
    try {
      const moderator = plain(first.url, { token: TOKEN });
      const stage = plain(first.url, { stageKey: STAGE_KEY }, { transports: ['websocket'] });
      const viewer = plain(first.url, {}, { transports: ['polling'] });
      const all = [moderator, stage, viewer];
      await Promise.all(all.map((c) => c.next('session:snapshot')));
      expect(await moderator.command({ type: 'session.start' })).toEqual({ ok: true, version: 1 });
      await Promise.all(all.map((c) => c.reach(1)));

      const reasons = all.map(
        (c) => new Promise<string>((resolve) => c.socket.once('disconnect', resolve)),
      );
      const marks = all.map((c) => c.received.length);
      await first.app.close();
      // Not Socket.IO's goodbye ("io server disconnect"), after which a client stays away.
      for (const reason of await Promise.all(reasons)) {
        expect(reason).toMatch(/^transport (close|error)$/);
      }

      const app = await createApp({
        moderatorToken: TOKEN,
        stageKey: STAGE_KEY,
        programmes: [builtInPlenary()],
        clientDir: join(dataDir, 'no-client'),
        dataDir,
        clock,
      });
      second = new TestServer(app, first.url, clock, dataDir, false);
      expect(await listen(app.httpServer, port, '127.0.0.1')).toBe(port);

      for (const [i, client] of all.entries()) {
        await client.next('session:snapshot', () => true, marks[i]);
        expect(client.socket.connected).toBe(true);
        expect(client.version).toBe(1);
        expect(client.view?.status).toBe('live');
      }
      // And they follow the new server from there.
      expect(await moderator.command({ type: 'speaker.next' })).toMatchObject({ ok: true });
      await Promise.all(all.map((c) => c.reach(2)));
    } finally {
      for (const client of clients) client.close();
      clients = [];
      await second?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('sockets per address (finding 11a)', () => {
  it('refuses the audience past the cap with rate-limited, never the moderator or the stage, and admits again once some close', async () => {
    const logger = collecting();
    const server = await serve({ socketsPerAddress: 3, logger });
    const ws = { transports: ['websocket' as const], reconnection: false };
    const phones = [
      plain(server.url, {}, ws),
      plain(server.url, { deviceKey: DEVICE }, ws),
      plain(server.url, {}, ws),
    ];
    for (const phone of phones) expect(await outcomeOf(phone)).toEqual({ admitted: true });

    const fourth = await outcomeOf(plain(server.url, {}, ws));
    expect(fourth).toMatchObject({ admitted: false, refusal: { code: 'rate-limited' } });
    if (!fourth.admitted) {
      expect(fourth.refusal.message).toContain('3');
      expect(fourth.refusal.retryAfterMs).toBeGreaterThan(0);
    }
    expect(logger.lines.some((l) => /127\.0\.0\.1/.test(l) && /3 connections/.test(l))).toBe(true);
    // The people running the meeting are never kept out by the room's phones.
    const moderator = plain(server.url, { token: TOKEN }, ws);
    expect(await outcomeOf(moderator)).toEqual({ admitted: true });
    expect(await outcomeOf(plain(server.url, { stageKey: STAGE_KEY }, ws))).toEqual({
      admitted: true,
    });

    moderator.close();
    phones[0]?.close();
    phones[1]?.close();
    // Counted down as the connections close.
    await until(() => server.app.io.engine.clientsCount <= 2, 'the connections closing');
    expect(await outcomeOf(plain(server.url, {}, ws))).toEqual({ admitted: true });
  });
});

describe('connections that never finish their handshake (finding 11a)', () => {
  it('gives an address no Engine.IO session at all past twice its cap', async () => {
    const server = await serve({ socketsPerAddress: 2 });
    // Engine.IO handshakes with no Socket.IO handshake after them: each holds a connection.
    for (let i = 0; i < 4; i++) expect(await pollingHandshake(server.url)).toBe(200);
    expect(await pollingHandshake(server.url)).toBe(403);
  });
});

describe('a packet over the limit (finding 11b)', () => {
  it.each([['websocket' as const], ['polling' as const]])(
    'answers a 100 KB command with too-large, says why, and only then closes the connection; the console comes back by itself (%s)',
    async (transport) => {
      const server = await serve();
      const moderator = plain(server.url, { token: TOKEN }, { transports: [transport] });
      await moderator.next('session:snapshot');
      const before = server.stateText();
      const order: string[] = [];
      const gone = new Promise<string>((resolve) =>
        moderator.socket.once('disconnect', (reason) => {
          order.push('disconnect');
          resolve(reason);
        }),
      );
      const closed = moderator.next<GavelError>('session:closed').then((reason) => {
        order.push('session:closed');
        return reason;
      });
      const ack = new Promise<CommandAck>((resolve) =>
        moderator.socket.emit(
          'session:command',
          { type: 'message.show', text: 'x'.repeat(100_000) },
          (a) => {
            order.push('ack');
            resolve(a);
          },
        ),
      );
      const mark = moderator.received.length;
      expect(await gone).toBe('transport close');
      // Both had arrived by then: one connection keeps order.
      expect(order).toEqual(['ack', 'session:closed', 'disconnect']);
      const answer = await ack;
      expect(answer).toMatchObject({ ok: false, error: { code: 'too-large' } });
      if (!answer.ok) expect(answer.error.message).toMatch(/KB/);
      expect(await closed).toMatchObject({ code: 'too-large' });
      expect(server.stateText()).toBe(before);
      // A lost connection, not a goodbye: socket.io-client reconnects by itself.
      await moderator.next('session:snapshot', () => true, mark);
      expect(await moderator.command({ type: 'session.start' })).toEqual({ ok: true, version: 1 });
    },
  );
});

describe("other sites' pages (finding 11c)", () => {
  const LISTED = 'https://gavel.example.org';

  it('refuses a handshake from another origin with forbidden, and admits the same origin, a listed one and none', async () => {
    const server = await serve({ allowedOrigins: [LISTED] });
    const ws = { transports: ['websocket' as const], reconnection: false };
    const evil = await outcomeOf(plain(server.url, {}, { ...ws, origin: 'http://evil.example' }));
    expect(evil).toMatchObject({ admitted: false, refusal: { code: 'forbidden' } });
    if (!evil.admitted) expect(evil.refusal.message).toContain('http://evil.example');
    // Even with the token: a page of another site never acts for the moderator.
    expect(
      await outcomeOf(
        plain(server.url, { token: TOKEN }, { ...ws, origin: 'http://evil.example' }),
      ),
    ).toMatchObject({ admitted: false, refusal: { code: 'forbidden' } });

    expect(await outcomeOf(plain(server.url, {}, { ...ws, origin: server.url }))).toEqual({
      admitted: true,
    });
    expect(await outcomeOf(plain(server.url, {}, { ...ws, origin: LISTED }))).toEqual({
      admitted: true,
    });
    expect(await outcomeOf(plain(server.url, { token: TOKEN }, ws))).toEqual({ admitted: true });
  });

  it.each([
    ['no Origin (a script)', {}, null],
    ['the same origin', { origin: 'http://gavel.local:8080', host: 'gavel.local:8080' }, null],
    [
      'the default port left out',
      { origin: 'https://gavel.example.org', host: 'gavel.example.org:443' },
      null,
    ],
    ['a Host in capitals', { origin: 'http://gavel.local', host: 'GAVEL.local' }, null],
    ['a listed site', { origin: LISTED, host: '127.0.0.1:8080' }, null],
    [
      'another port',
      { origin: 'http://gavel.local:9090', host: 'gavel.local:8080' },
      'http://gavel.local:9090',
    ],
    ['another site', { origin: 'http://evil.example', host: 'gavel.local' }, 'http://evil.example'],
    ['a sandboxed frame', { origin: 'null', host: 'gavel.local' }, 'null'],
    ['a page with no Host to compare', { origin: 'http://gavel.local' }, 'http://gavel.local'],
  ])('foreignOrigin: %s', (_name, headers, expected) => {
    expect(foreignOrigin(headers, new Set([LISTED]))).toBe(expected);
  });

  it('serves no long-polling handshake to another origin', async () => {
    const server = await serve({ allowedOrigins: [LISTED] });
    expect(await pollingHandshake(server.url, 'http://evil.example')).toBe(403);
    expect(await pollingHandshake(server.url, server.url)).toBe(200);
    expect(await pollingHandshake(server.url, LISTED)).toBe(200);
    expect(await pollingHandshake(server.url)).toBe(200);
  });
});

/**
 * A full garbage collection, for the test below (the flag is set once, at run time).
 */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('what a joined phone costs the server (issue 11)', () => {
  it.each([['websocket' as const], ['polling' as const]])(
    'lets go of the upgrade request once a phone is on the WebSocket (first on %s), and the phone still follows the meeting',
    async (first) => {
      const server = await serve();
      const gc = collectGarbage();
      const upgrades: WeakRef<object>[] = [];
      server.app.httpServer.on('upgrade', (request: object) => upgrades.push(new WeakRef(request)));
      const socket: ClientSocket = connectSocket(server.url, {
        auth: { session: SESSION },
        forceNew: true,
        transports: first === 'websocket' ? ['websocket'] : ['polling', 'websocket'],
        reconnection: false,
      });
      const phone = new TestClient(socket);
      clients.push(phone);
      await phone.next('session:snapshot');
      if (first === 'polling') {
        await until(() => socket.io.engine.transport.name === 'websocket', 'the phone upgrading');
      }
      await until(() => upgrades.length === 1, 'the upgrade request arriving');
      // A WeakRef keeps what it was last read for until the job that read it ends: each look
      // collects first, in a turn of its own, then reads.
      let held = true;
      for (let i = 0; i < 100 && held; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        gc();
        held = upgrades[0]?.deref() !== undefined;
      }
      expect(held, 'the upgrade request, still held by the server').toBe(false);

      // The phone still hears the meeting, and the server still hears it leave.
      const moderator = await server.moderator();
      clients.push(moderator);
      await moderator.command({ type: 'session.start' });
      expect((await phone.reach(1)).status).toBe('live');
      phone.close();
      await until(() => server.app.io.engine.clientsCount === 1, 'the phone leaving');
    },
  );
});
