/**
 * Every refusal the server can give, met for real (handshakes, HTTP routes, limits, the hub, a log
 * that fails), and each checked: its key is one of `REFUSALS`, French words it too, both sentences
 * name the same `{placeholders}`, and its English message is the key's sentence with its values.
 * The last case checks that the walk met every key the server's code names.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import frenchRefusals from '../../client/i18n/refusals/fr.json' with { type: 'json' };
import type { GavelError } from '../../shared/errors.ts';
import { PROTOCOL_VERSION, type CommandAck, type HandshakeRefusal } from '../../shared/protocol.ts';
import { fillSentence, REFUSALS, type RefusalKey } from '../../shared/refusals.ts';
import { FREE_FAILURES } from '../../server/attempts.ts';
import { admit } from '../../server/auth.ts';
import type { EventLog } from '../../server/eventLog.ts';
import { clientFault } from '../../server/http.ts';
import { checkShape } from '../../server/limits.ts';
import {
  refusalOf,
  SESSION,
  STAGE_KEY,
  startServer,
  TestClient,
  TOKEN,
  type ClientSocket,
  type TestServer,
  OFFICER_TOKEN,
  SECRETARIAT_TOKEN,
} from './helpers.ts';

/** The files whose refusals this walk covers. */
const SOURCES = [
  'server/attempts.ts',
  'server/auth.ts',
  'server/http.ts',
  'server/limits.ts',
  'server/live.ts',
  'server/sessionHub.ts',
  'shared/programme.ts',
];

const SECRETS = {
  moderatorToken: TOKEN,
  floorOfficerToken: OFFICER_TOKEN,
  secretariatToken: SECRETARIAT_TOKEN,
  stageKey: STAGE_KEY,
};
const DEVICE = 'device-0123456789abcdef';
const M = { token: TOKEN };

/** Every key met, with the refusals that carried it. */
const met = new Map<string, GavelError[]>();

let servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
});

async function serve(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The French sentence of a key as its catalogue writes it, with its placeholders. */
const french = (key: string) => (frenchRefusals as Record<string, string>)[key] ?? '';

/** Checks one refusal and counts it as met. */
function keyed(error: GavelError | null | undefined): GavelError {
  expect(error, 'a refusal').toBeTruthy();
  const e = error as GavelError;
  expect(e.key, `"${e.message}" carries no key`).toBeTypeOf('string');
  const key = e.key as string;
  expect(Object.hasOwn(REFUSALS, key), `${key} is not in REFUSALS`).toBe(true);
  const english = REFUSALS[key as RefusalKey];
  expect(e.message).toBe(fillSentence(english, e.params));
  expect(placeholders(french(key)), `${key}: French and English name other values`).toEqual(
    placeholders(english),
  );
  expect(french(key)).not.toBe(english);
  // Every value the sentence names is given.
  for (const name of placeholders(english)) expect(e.params, key).toHaveProperty(name as string);
  met.set(key, [...(met.get(key) ?? []), e]);
  return e;
}

/** A socket with its own Socket.IO defaults, as a page or a script opens one. */
function socket(server: TestServer, auth: Record<string, unknown>, origin?: string): TestClient {
  const s: ClientSocket = connectSocket(server.url, {
    auth: { session: SESSION, ...auth },
    forceNew: true,
    reconnection: false,
    transports: ['websocket'],
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  return new TestClient(s);
}

/** The refusal of a handshake that must be refused. */
async function refusedHandshake(
  server: TestServer,
  auth: Record<string, unknown>,
  origin?: string,
) {
  const client = socket(server, auth, origin);
  try {
    const outcome = await Promise.race([
      client.next('session:snapshot').then(() => null),
      refusalOf(client),
    ]);
    expect(outcome, `${JSON.stringify(auth)} was admitted`).not.toBeNull();
    // `connect_error` carries the refusal whole, its key included.
    keyed(outcome as HandshakeRefusal);
  } finally {
    client.close();
  }
}

/** An HTTP request that must be refused; its refusal, checked. */
async function refusedHttp(
  server: TestServer,
  method: string,
  path: string,
  options: Parameters<TestServer['http']>[2] = {},
): Promise<GavelError> {
  const res = await server.http(method, path, options);
  expect(res.json?.ok, `${method} ${path} was not refused`).toBe(false);
  return keyed(res.json.error as GavelError);
}

/**
 * A request exactly as written, over a plain connection: fetch would tidy a broken %-escape away
 * and give every POST a length.
 */
function raw(server: TestServer, head: string): Promise<GavelError> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const conn = connect(Number(port), '127.0.0.1', () =>
      conn.write(`${head}\r\nHost: gavel\r\nConnection: close\r\n\r\n`),
    );
    let text = '';
    conn.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    conn.on('error', reject);
    conn.on('end', () => {
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      resolve((JSON.parse(body) as { error: GavelError }).error);
    });
  });
}

const command = (client: TestClient, c: unknown) =>
  client.command(c).then((ack: CommandAck) => (ack.ok ? null : ack.error));

/**
 * The arguments after the code of every `refuse(` call in a source file, up to its closing
 * parenthesis (the keys a call can give, ternaries included).
 */
function refuseCalls(source: string): string[] {
  const calls: string[] = [];
  for (const start of source.matchAll(/\brefuse\(\s*'[a-z-]+',/g)) {
    let depth = 1;
    let i = (start.index ?? 0) + start[0].length;
    const from = i;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '(') depth++;
      else if (source[i] === ')') depth--;
    }
    calls.push(source.slice(from, i));
  }
  return calls;
}

describe('handshakes', () => {
  it.each([
    ['no session', {}],
    ['an empty token', { session: SESSION, token: '' }],
    ['a token that is a number', { session: SESSION, token: 1 }],
    ['an unknown role', { session: SESSION, role: 'chair' }],
    ['a session id Gavel cannot make', { session: 'Not An Id!' }],
    ['a wrong token', { session: SESSION, token: 'not-the-token' }],
    ['a wrong stage key', { session: SESSION, stageKey: 'not-the-stage-key' }],
    ['a device key of the wrong shape', { session: SESSION, deviceKey: 'short' }],
    ['the console without the token', { session: SESSION, role: 'moderator' }],
    ['the stage without its key', { session: SESSION, role: 'stage' }],
    ["the floor officer's console without its token", { session: SESSION, role: 'floor-officer' }],
    [
      "the secretariat's console with the floor officer's token",
      { session: SESSION, role: 'secretariat', token: OFFICER_TOKEN },
    ],
    ['a delegate without a device key', { session: SESSION, role: 'delegate' }],
    ['a page of an older protocol', { session: SESSION, protocol: PROTOCOL_VERSION - 1 }],
    ['a page of a newer protocol', { session: SESSION, protocol: PROTOCOL_VERSION + 1 }],
    ['a protocol that is not a number', { session: SESSION, protocol: 'one' }],
  ])('admit refuses %s with a keyed refusal', (_name, auth) => {
    const decided = admit(auth, SECRETS);
    expect(decided.ok).toBe(false);
    if (!decided.ok) keyed(decided.error);
  });

  it('refuses over the socket: an unknown session, another site, a device held off', async () => {
    const server = await serve();
    await refusedHandshake(server, { session: 'no-such-session' });
    await refusedHandshake(server, {}, 'http://evil.example');

    // A delegate's device that floods is cut off, then kept away.
    const flooder = socket(server, { deviceKey: DEVICE });
    await flooder.next('session:snapshot');
    const closed = flooder.next<GavelError>('session:closed');
    // Its budget, then one more: that one is refused and the connection cut.
    const acks = Array.from({ length: 11 }, () =>
      command(flooder, { type: 'floor.withdraw', requestId: 'r-1' }),
    );
    keyed(await closed);
    const limited = (await Promise.all(acks)).filter((e) => e?.code === 'rate-limited');
    expect(limited.length).toBeGreaterThan(0);
    for (const e of limited) keyed(e);
    flooder.close();
    await refusedHandshake(server, { deviceKey: DEVICE });
  });

  it('refuses a phone past the cap of its address', async () => {
    const server = await serve({ socketsPerAddress: 1 });
    const phone = socket(server, {});
    await phone.next('session:snapshot');
    await refusedHandshake(server, {});
    phone.close();
  });

  it('slows an address that guessed too many tokens, over HTTP and at the handshake', async () => {
    const server = await serve();
    for (let i = 0; i <= FREE_FAILURES; i++) {
      await refusedHttp(server, 'GET', '/api/sessions', { token: `guess-${i}` });
    }
    const waiting = await refusedHttp(server, 'GET', '/api/sessions', { token: TOKEN });
    expect(waiting.key).toBe('too-many-wrong');
    await refusedHandshake(server, { token: TOKEN });
  });

  it("refuses a role's token what is not its role's, and a token the console may not replace", async () => {
    const server = await serve();
    const notEnough = await refusedHttp(server, 'GET', `/api/sessions/${SESSION}/record`, {
      token: OFFICER_TOKEN,
    });
    expect(notEnough.key).toBe('token-not-enough');
    await refusedHttp(server, 'POST', `/api/sessions/${SESSION}/commands`, {
      token: SECRETARIAT_TOKEN,
      body: { type: 'floor.open' },
    });
    const unknown = await refusedHttp(server, 'POST', '/api/tokens/moderator/replace', {
      token: TOKEN,
    });
    expect(unknown.key).toBe('token-role-unknown');
  });
});

describe('commands', () => {
  it('refuses what is too big, too deep, malformed, unknown, invalid or not allowed', async () => {
    const server = await serve();
    const moderator = await server.connect(M);
    const viewer = await server.connect({});
    keyed(checkShape({ type: 'undo', n: 1n }));
    keyed(await command(moderator, { type: 'message.show', values: Array(2_100).fill(0) }));
    let deep: unknown = 'x';
    for (let i = 0; i < 10; i++) deep = { deep };
    keyed(await command(moderator, { type: 'message.show', deep }));
    keyed(await command(moderator, { type: 'message.show', text: 'x'.repeat(20_000) }));
    keyed(await command(moderator, ['speaker.next']));
    keyed(await command(moderator, { type: 5 }));
    keyed(await command(moderator, { type: 'speaker.fly' }));
    keyed(await command(moderator, { type: 'speaker.call' }));
    keyed(await command(viewer, { type: 'session.start' }));
    keyed(await command(viewer, { type: 'floor.request', delegation: 'fra', kind: 'statement' }));

    // Over the limit of a packet: answered, then the connection closes.
    keyed(await command(moderator, { type: 'message.show', text: 'x'.repeat(100_000) }));
  });

  it('refuses, in the hub, sessions that do not exist, ids taken and meetings under way', async () => {
    const server = await serve();
    const { hub } = server.app;
    const ack = await hub.command('no-such-session', { type: 'undo' }, { role: 'moderator' });
    keyed(ack.ok ? null : ack.error);
    keyed(await hub.setArchived('no-such-session', true));
    keyed(await hub.delete('no-such-session'));
    await refusedHttp(server, 'POST', `/api/sessions/${SESSION}/copy`, {
      body: { id: SESSION },
      token: TOKEN,
    });
    await refusedHttp(server, 'POST', `/api/sessions/${SESSION}/copy`, {
      body: { id: 'Not An Id!' },
      token: TOKEN,
    });
    expect((await server.post({ type: 'session.start' })).json.ok).toBe(true);
    await refusedHttp(server, 'DELETE', `/api/sessions/${SESSION}`, { token: TOKEN });
  });

  it('refuses when the log cannot be written, or is taken again and again', async () => {
    const server = await serve();
    const log = server.app.store as { -readonly [K in keyof EventLog]: EventLog[K] };
    const { append, rowsAfter } = log;
    try {
      log.append = () => Promise.reject(new Error('disk full'));
      keyed((await server.post({ type: 'session.start' })).json.error);
      log.append = () => Promise.resolve('taken');
      log.rowsAfter = () => Promise.resolve([]);
      keyed((await server.post({ type: 'session.start' })).json.error);
      log.rowsAfter = () => Promise.reject(new Error('unreadable'));
      await refusedHttp(server, 'GET', `/api/sessions/${SESSION}/events`, { token: TOKEN });
    } finally {
      log.append = append;
      log.rowsAfter = rowsAfter;
    }
  });
});

describe('HTTP routes', () => {
  it('refuses credentials, callers, inputs and routes with keyed refusals', async () => {
    const server = await serve({ testClock: true });
    const s = `/api/sessions/${SESSION}`;
    const stage = { headers: { 'x-gavel-stage-key': STAGE_KEY } };
    await refusedHttp(server, 'GET', `/api/sessions?key=${STAGE_KEY}`);
    await refusedHttp(server, 'GET', '/api/sessions', { headers: { 'x-gavel-stage-key': 'no' } });
    await refusedHttp(server, 'GET', '/api/sessions', { token: 'not-the-token' });
    await refusedHttp(server, 'GET', `${s}/record`);
    await refusedHttp(server, 'GET', `${s}/record`, stage);
    await refusedHttp(server, 'GET', '/api/sessions/no-such-session');
    await refusedHttp(server, 'GET', `${s}/programme?format=xml`, { token: TOKEN });
    await refusedHttp(server, 'GET', `${s}/record?format=xml`, { token: TOKEN });
    await refusedHttp(server, 'GET', `${s}/record?format=csv&table=votes`, { token: TOKEN });
    await refusedHttp(server, 'GET', `${s}/events?after=-1`, { token: TOKEN });
    await refusedHttp(server, 'PATCH', s, { body: { archived: 'yes' }, token: TOKEN });
    await refusedHttp(server, 'POST', '/api/test/clock', { body: { advanceMs: -1 }, token: TOKEN });
    await refusedHttp(server, 'GET', '/api/nowhere');
    await refusedHttp(server, 'POST', `${s}/commands`, {
      raw: JSON.stringify({ type: 'message.show', text: 'x'.repeat(70_000) }),
      token: TOKEN,
    });
    await refusedHttp(server, 'POST', `${s}/commands`, {
      raw: 'not json',
      token: TOKEN,
      headers: { 'content-type': 'application/json' },
    });
    await refusedHttp(server, 'POST', `${s}/commands`, {
      raw: '{}',
      token: TOKEN,
      headers: { 'content-type': 'application/json; charset=koi8-r' },
    });
    await refusedHttp(server, 'POST', `${s}/commands`, {
      raw: '{}',
      token: TOKEN,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    keyed(await raw(server, 'GET /api/sessions/%zz HTTP/1.1'));
    // No body at all (no length, not chunked): fetch cannot send that.
    keyed(await raw(server, `POST ${s}/commands HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}`));
    keyed(clientFault({ type: 'request.aborted', status: 400 }));
  });

  it('refuses programmes and spreadsheets with one problem or more', async () => {
    const server = await serve();
    const csv = (body: string, query: string) =>
      refusedHttp(server, 'POST', `/api/sessions?${query}`, {
        raw: body,
        token: TOKEN,
        headers: { 'content-type': 'text/csv' },
      });
    const header = 'segment,segment kind,segment budget,item id,kind,name,minutes\n';
    const one = await csv(`${header}Panel,panel,30,a,remarks,,10\n`, 'id=d&title=D&timeZone=UTC');
    expect(one.key).toBe('spreadsheet-problem');
    const many = await csv(`${header}Panel,panel,30,a,remarks,,10\n`, 'id=d&title=D');
    expect(many.key).toBe('spreadsheet-problems');
    const programmes = await refusedHttp(server, 'POST', '/api/sessions', {
      body: { id: 'Not An Id!' },
      token: TOKEN,
    });
    expect(programmes.key).toBe('programme-problems');
  });
});

afterAll(() => {
  // Kept for a reader of a failed run: which keys were met.
  if (process.env.GAVEL_SHOW_REFUSALS) console.log([...met.keys()].sort().join('\n'));
});

describe('the walk', () => {
  it('met every refusal the server code names', () => {
    const named = new Set<string>();
    for (const file of SOURCES) {
      for (const call of refuseCalls(
        readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'),
      )) {
        for (const literal of call.matchAll(/'([^']+)'/g)) {
          if (Object.hasOwn(REFUSALS, literal[1] as string)) named.add(literal[1] as string);
        }
      }
    }
    expect(named.size).toBeGreaterThan(50);
    expect([...named].filter((key) => !met.has(key)).sort()).toEqual([]);
  });

  it('leaves no refusal without a key in the server code', () => {
    for (const file of SOURCES) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(text, file).not.toMatch(/\bfail\(/);
    }
  });
});
