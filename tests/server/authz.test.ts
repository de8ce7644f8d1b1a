/**
 * The authorization matrix: every command and every route, asked by every role and with every
 * wrong credential. The tables are typed by the unions (`Role`, `CommandType`), so a new role is one
 * more row of `AS` and a new command one more scene, or the file does not compile.
 *
 * Every request and handshake comes from an address of its own (the server trusts one proxy and
 * reads `X-Forwarded-For`): wrong credentials slow their address down, and each case is judged on
 * its own. Each case works on a session of its own too, so none depends on another's leftovers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TYPES, type CommandType } from '../../shared/commands.ts';
import type { Handshake, HandshakeRefusal } from '../../shared/protocol.ts';
import { mayCommand, ROLES, type Role } from '../../shared/roles.ts';
import type { SessionView } from '../../shared/views.ts';
import { FREE_FAILURES } from '../../server/attempts.ts';
import { builtInPlenary } from '../../server/config.ts';
import { ROOT } from './child.ts';
import {
  OFFICER_TOKEN,
  SECRETARIAT_TOKEN,
  SESSION,
  STAGE_KEY,
  startServer,
  tempDir,
  TestClient,
  TOKEN,
  type ClientSocket,
  type TestServer,
} from './helpers.ts';

/** The device key of the delegate under test; `OTHER_DEVICE` is someone else's phone. */
const DEVICE = 'device-authz-0123456789abcdef';
const OTHER_DEVICE = 'device-other-0123456789abcdef';
const WRONG_TOKEN = 'not-the-moderator-token';
const WRONG_KEY = 'not-the-stage-key-at-all';

/**
 * How each role shows itself: its handshake over the socket, its headers over HTTP (null: the role
 * has no HTTP credential, and is a viewer there), and how a handshake asking for the role without
 * its secret is refused (null: the role needs none).
 */
const AS: Record<
  Role,
  {
    readonly auth: Partial<Handshake>;
    readonly headers: Readonly<Record<string, string>> | null;
    readonly withoutSecret: 'unauthorized' | 'invalid' | null;
  }
> = {
  viewer: { auth: {}, headers: {}, withoutSecret: null },
  delegate: { auth: { deviceKey: DEVICE }, headers: null, withoutSecret: 'invalid' },
  stage: {
    auth: { stageKey: STAGE_KEY },
    headers: { 'x-gavel-stage-key': STAGE_KEY },
    withoutSecret: 'unauthorized',
  },
  secretariat: {
    auth: { token: SECRETARIAT_TOKEN },
    headers: { authorization: `Bearer ${SECRETARIAT_TOKEN}` },
    withoutSecret: 'unauthorized',
  },
  'floor-officer': {
    auth: { token: OFFICER_TOKEN },
    headers: { authorization: `Bearer ${OFFICER_TOKEN}` },
    withoutSecret: 'unauthorized',
  },
  moderator: {
    auth: { token: TOKEN },
    headers: { authorization: `Bearer ${TOKEN}` },
    withoutSecret: 'unauthorized',
  },
};

/** One valid example of every command: the first curl example of its type in docs/api.md. */
const EXAMPLES = new Map<string, Record<string, unknown>>();
for (const m of readFileSync(join(ROOT, 'docs/api.md'), 'utf8').matchAll(
  /\/commands" -H "Authorization: Bearer \$TOKEN" -d '([^']+)'/g,
)) {
  const command = JSON.parse(m[1] as string) as Record<string, unknown>;
  if (!EXAMPLES.has(String(command.type))) EXAMPLES.set(String(command.type), command);
}

/** A step of a scene: a moderator's command, or a delegate's (sent with `DEVICE`). */
type Step = Readonly<Record<string, unknown>> | { readonly delegate: Record<string, unknown> };

const LIVE: readonly Step[] = [{ type: 'session.start' }];
const SPEAKING: readonly Step[] = [...LIVE, { type: 'speaker.next', start: true }];
const FINISHED: readonly Step[] = [...SPEAKING, { type: 'speaker.finish' }];
/** The open floor: the panel ended, the list of speakers open. */
const FLOOR: readonly Step[] = [...LIVE, { type: 'segment.end' }, { type: 'floor.open' }];
/** A delegate's request waiting for the moderator. */
const ASKED: readonly Step[] = [
  ...FLOOR,
  { delegate: { type: 'floor.request', delegation: 'fra', kind: 'statement' } },
];
/** Two requests on the list (inscribed by the moderator, so queued at once). */
const QUEUED: readonly Step[] = [
  ...FLOOR,
  { type: 'floor.request', delegation: 'deu', kind: 'statement' },
  { type: 'floor.request', delegation: 'fra', kind: 'statement' },
];

/**
 * For each command, the state in which its example runs: a role that may send it succeeds there.
 * In the example, `requestId` becomes the latest request's and `turnId` the latest finished turn's.
 */
const SCENES: Record<CommandType, readonly Step[]> = {
  'session.start': [],
  'session.suspend': LIVE,
  'session.resume': [...LIVE, { type: 'session.suspend' }],
  'session.end': LIVE,
  'session.update': LIVE,
  'speaker.next': LIVE,
  'speaker.call': LIVE,
  'speaker.finish': SPEAKING,
  'speaker.skip': LIVE,
  'speaker.recall': FINISHED,
  'segment.end': LIVE,
  'segment.update': LIVE,
  'timer.start': [...LIVE, { type: 'speaker.next' }],
  'timer.pause': SPEAKING,
  'timer.adjust': SPEAKING,
  'timer.set': SPEAKING,
  'timer.reset': SPEAKING,
  'message.show': SPEAKING,
  'message.clear': [...SPEAKING, { type: 'message.show', text: 'One minute, please' }],
  'message.presets': LIVE,
  'stage.blank': LIVE,
  'stage.flash': LIVE,
  'item.add': LIVE,
  'item.update': LIVE,
  'item.move': LIVE,
  'item.remove': LIVE,
  'floor.open': LIVE,
  'floor.close': FLOOR,
  'floor.request': FLOOR,
  'floor.withdraw': ASKED,
  'floor.approve': ASKED,
  'floor.decline': ASKED,
  'floor.move': QUEUED,
  'floor.give': QUEUED,
  'delegation.add': LIVE,
  'record.correct': FINISHED,
  undo: LIVE,
};

let server: TestServer;
let programme: ReturnType<typeof builtInPlenary>;
/** The client's pages, as a build would leave them. */
let clientDir: string;

beforeAll(async () => {
  clientDir = tempDir();
  for (const page of ['console', 'stage', 'live', 'overlay', 'report']) {
    writeFileSync(join(clientDir, `${page}.html`), `<!doctype html><title>${page}</title>\n`);
  }
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'assets', 'page-0123abcd.js'), 'export {};\n');
  server = await startServer({ trustProxy: 1, testClock: true, clientDir });
  programme = builtInPlenary();
});
afterAll(async () => {
  await server.close();
});

const opened: TestClient[] = [];
afterEach(() => {
  for (const client of opened.splice(0)) client.close();
});

let addresses = 0;
/** A client address no other case has used. */
function newAddress(): string {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

let sessions = 0;
/** A new session with the built-in programme, not started. */
async function newSession(): Promise<string> {
  sessions += 1;
  const id = `authz-${sessions}`;
  expect(await server.app.hub.create({ ...programme, id })).toBeNull();
  return id;
}

const stateOf = (id: string) => JSON.stringify(server.app.hub.state(id));

/** A socket from an address of its own (or the one given). */
function open(auth: Record<string, unknown>, address = newAddress()): TestClient {
  const socket: ClientSocket = connectSocket(server.url, {
    auth,
    extraHeaders: { 'x-forwarded-for': address },
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
  });
  const client = new TestClient(socket);
  opened.push(client);
  return client;
}

/** How a handshake ended: the role of the view it was given, or its refusal. */
async function handshake(
  auth: Record<string, unknown>,
  address?: string,
): Promise<{ role: Role } | { refused: HandshakeRefusal }> {
  const { socket } = open(auth, address);
  return new Promise((resolve) => {
    socket.on('session:snapshot', (s) => resolve({ role: s.view.role }));
    socket.on('connect_error', (err) =>
      resolve({ refused: (err as Error & { data: HandshakeRefusal }).data }),
    );
  });
}

/** Runs a scene's steps on a session; each must succeed, or the scene no longer sets the stage. */
async function play(id: string, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    const [command, actor] =
      'delegate' in step
        ? [step.delegate, { role: 'delegate' as const, deviceKey: DEVICE }]
        : [step, { role: 'moderator' as const }];
    const ack = await server.app.hub.command(id, command, actor);
    expect(ack, `scene step ${JSON.stringify(step)}`).toMatchObject({ ok: true });
  }
}

/** A command's example with the ids the scene created. */
function exampleIn(id: string, type: CommandType): Record<string, unknown> {
  const example = EXAMPLES.get(type);
  if (!example) throw new Error(`docs/api.md has no example of ${type}`);
  const state = server.app.hub.state(id);
  const command = { ...example };
  // The example's version is the docs' session's: the same claim, made of this one.
  if ('expectedVersion' in command) command.expectedVersion = state?.version;
  if ('requestId' in command) command.requestId = state?.floor.requests.at(-1)?.id;
  if ('turnId' in command) {
    command.turnId = state?.turns.filter((t) => t.endedAt !== null).at(-1)?.id;
  }
  return command;
}

describe('commands: every command as every role', () => {
  it('has a documented example of every command', () => {
    expect(COMMAND_TYPES.filter((type) => !EXAMPLES.has(type))).toEqual([]);
  });

  const cases = COMMAND_TYPES.flatMap((type) => ROLES.map((role) => [type, role] as const));
  it.each(cases)('%s as the %s, over the socket', async (type, role) => {
    const id = await newSession();
    await play(id, SCENES[type]);
    const actor = open({ session: id, ...AS[role].auth });
    const snapshot = await actor.next<{ view: SessionView }>('session:snapshot');
    expect(snapshot.view.role).toBe(role);
    const command = exampleIn(id, type);
    const before = stateOf(id);

    const ack = await actor.command(command);
    const said = `${JSON.stringify(command)}: ${JSON.stringify(ack)}`;
    if (mayCommand(role, type)) {
      // Not refused by the role, nor by the meeting: the scene makes the command possible.
      expect(ack, said).toMatchObject({ ok: true });
    } else {
      expect(ack, said).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // A sentence that names the command.
      if (!ack.ok)
        expect(ack.error.message).toMatch(new RegExp(`${type.replace('.', '\\.')}.*[.:]`));
      expect(stateOf(id)).toBe(before);
    }
  });

  const overHttp = cases.filter(([, role]) => AS[role].headers !== null);
  it.each(overHttp)('%s as the %s, over HTTP', async (type, role) => {
    const id = await newSession();
    await play(id, SCENES[type]);
    const command = exampleIn(id, type);
    const before = stateOf(id);

    const res = await http('POST', `${S(id)}/commands`, AS[role].headers ?? {}, command);
    const said = `${JSON.stringify(command)}: ${res.status} ${JSON.stringify(res.json)}`;
    if (mayCommand(role, type)) {
      expect(res.status, said).toBe(200);
      expect(res.json, said).toMatchObject({ ok: true });
    } else {
      const refusal = refusalFor(role);
      expect(res.status, said).toBe(refusal.status);
      expect(res.json, said).toMatchObject({ ok: false, error: { code: refusal.code } });
      expect(stateOf(id)).toBe(before);
    }
  });
});

/** A refused handshake: what it is, its `auth`, and the code of its refusal. */
type RefusedHandshake = readonly [string, Record<string, unknown>, 'unauthorized' | 'invalid'];

describe('handshakes: every wrong credential, every role without its secret', () => {
  const cases: RefusedHandshake[] = [
    ['a wrong token', { token: WRONG_TOKEN }, 'unauthorized'],
    ['the stage key as the token', { token: STAGE_KEY }, 'unauthorized'],
    ['a wrong stage key', { stageKey: WRONG_KEY }, 'unauthorized'],
    ['the token as the stage key', { stageKey: TOKEN }, 'unauthorized'],
    ['a wrong token asking to be a viewer', { token: WRONG_TOKEN, role: 'viewer' }, 'unauthorized'],
    [
      'a wrong stage key beside a device key',
      { stageKey: WRONG_KEY, deviceKey: DEVICE },
      'unauthorized',
    ],
    [
      'the right token beside a wrong stage key',
      { token: TOKEN, stageKey: WRONG_KEY },
      'unauthorized',
    ],
    ['a device key too short', { deviceKey: 'short' }, 'invalid'],
    ['a device key too long', { deviceKey: 'k'.repeat(129) }, 'invalid'],
    ['a device key with spaces', { deviceKey: 'a device key with spaces' }, 'invalid'],
    ['a token that is a number', { token: 1 }, 'invalid'],
    ['a token that is a list', { token: [TOKEN] }, 'invalid'],
    ['an empty token', { token: '' }, 'invalid'],
    ['a stage key that is an object', { stageKey: {} }, 'invalid'],
    ['a device key that is a number', { deviceKey: 1234567890123456 }, 'invalid'],
    ['a role that does not exist', { role: 'admin' }, 'invalid'],
    [
      'the console with only the stage key',
      { role: 'moderator', stageKey: STAGE_KEY },
      'unauthorized',
    ],
    [
      'the console with only a device key',
      { role: 'moderator', deviceKey: DEVICE },
      'unauthorized',
    ],
    ['the stage with only a device key', { role: 'stage', deviceKey: DEVICE }, 'unauthorized'],
    ...ROLES.flatMap((role) => {
      const code = AS[role].withoutSecret;
      return code === null
        ? []
        : [[`the ${role} asked for without its secret`, { role }, code] as const];
    }),
  ];

  it.each(cases)('refuses %s', async (_name, auth, code) => {
    const outcome = await handshake({ session: SESSION, ...auth });
    // Each refusal names its sentence by key, so a page can say it in its own language.
    expect(outcome).toMatchObject({
      refused: { code, message: expect.stringMatching(/^.{10,}[.:]/), key: expect.any(String) },
    });
  });

  it.each(ROLES)('admits the %s with its own credential, as that role', async (role) => {
    expect(await handshake({ session: SESSION, ...AS[role].auth })).toEqual({ role });
  });
});

/** An HTTP request from an address of its own (or the one given). */
async function http(
  method: string,
  path: string,
  headers: Readonly<Record<string, string>>,
  body?: unknown,
  address = newAddress(),
  // The API's JSON is read field by field by the assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...headers,
      'x-forwarded-for': address,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, headers: res.headers };
}

/**
 * How HTTP refuses a role what it may not do: a caller with no credential is asked for one (401);
 * a caller whose credential is not enough is told so (403).
 */
function refusalFor(role: Role): { status: 401 | 403; code: 'unauthorized' | 'forbidden' } {
  return Object.keys(AS[role].headers ?? {}).length === 0
    ? { status: 401, code: 'unauthorized' }
    : { status: 403, code: 'forbidden' };
}

/** A route of docs/api.md, and what it takes to succeed. */
interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The address, for the session the case works on. */
  readonly path: (id: string) => string;
  /** Who may: anyone, or these roles. */
  readonly who: 'anyone' | readonly Role[];
  /**
   * An API route reads credentials; a page (HTML for anyone) and the health check (for load
   * balancers) read none, whatever they are sent.
   */
  readonly kind: 'api' | 'page';
  /** A body it succeeds with. */
  readonly body?: (id: string) => unknown;
  /** Its status on success; 200 by default. */
  readonly status?: number;
}

const M = ['moderator'] as const;
/** The record's readers: the moderator and the secretariat. */
const READERS = ['moderator', 'secretariat'] as const;
/** Those who send commands over HTTP: the moderator and the floor officer. */
const COMMANDERS = ['moderator', 'floor-officer'] as const;
const S = (id: string) => `/api/sessions/${id}`;
const ROUTES: readonly Route[] = [
  { method: 'GET', path: () => '/healthz', who: 'anyone', kind: 'page' },
  { method: 'GET', path: () => '/api/sessions', who: 'anyone', kind: 'api' },
  {
    method: 'POST',
    path: () => '/api/sessions',
    who: M,
    kind: 'api',
    body: (id) => ({ ...programmeFile(), id: `${id}-new` }),
    status: 201,
  },
  { method: 'GET', path: S, who: 'anyone', kind: 'api' },
  { method: 'GET', path: (id) => `${S(id)}/now`, who: 'anyone', kind: 'api' },
  { method: 'GET', path: (id) => `${S(id)}/programme`, who: READERS, kind: 'api' },
  {
    method: 'POST',
    path: (id) => `${S(id)}/copy`,
    who: M,
    kind: 'api',
    body: (id) => ({ id: `${id}-copy` }),
    status: 201,
  },
  { method: 'PATCH', path: S, who: M, kind: 'api', body: () => ({ archived: true }) },
  { method: 'DELETE', path: S, who: M, kind: 'api' },
  { method: 'GET', path: (id) => `${S(id)}/record`, who: READERS, kind: 'api' },
  { method: 'GET', path: (id) => `${S(id)}/access`, who: M, kind: 'api' },
  { method: 'GET', path: (id) => `${S(id)}/events`, who: M, kind: 'api' },
  { method: 'GET', path: () => '/api/delegations', who: 'anyone', kind: 'api' },
  {
    method: 'POST',
    path: (id) => `${S(id)}/commands`,
    who: M,
    kind: 'api',
    body: () => ({ type: 'session.update', changes: { title: 'Renamed' } }),
  },
  {
    method: 'POST',
    path: (id) => `${S(id)}/commands`,
    who: COMMANDERS,
    kind: 'api',
    body: () => ({ type: 'floor.open' }),
  },
  {
    method: 'POST',
    path: () => '/api/test/clock',
    who: M,
    kind: 'api',
    body: () => ({ advanceMs: 1 }),
  },
  { method: 'GET', path: (id) => `/console/${id}`, who: 'anyone', kind: 'page' },
  { method: 'GET', path: (id) => `/stage/${id}`, who: 'anyone', kind: 'page' },
  { method: 'GET', path: (id) => `/live/${id}`, who: 'anyone', kind: 'page' },
  { method: 'GET', path: () => '/', who: 'anyone', kind: 'page' },
  { method: 'GET', path: (id) => `/overlay/${id}`, who: 'anyone', kind: 'page' },
  { method: 'GET', path: (id) => `/report/${id}`, who: 'anyone', kind: 'page' },
  { method: 'GET', path: () => '/assets/page-0123abcd.js', who: 'anyone', kind: 'page' },
];

/** The programme file of the built-in session, as a client would send it. */
function programmeFile(): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(ROOT, 'shared/programmes/asp15-cooperation.json'), 'utf8'),
  ) as Record<string, unknown>;
}

/** A caller over HTTP: a role's own credential, or a wrong one (`as: null`). */
interface Caller {
  readonly name: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly as: Role | null;
}
const CALLERS: readonly Caller[] = [
  ...ROLES.flatMap((role) => {
    const headers = AS[role].headers;
    return headers === null ? [] : [{ name: `the ${role}`, headers, as: role }];
  }),
  { name: 'a wrong token', headers: { authorization: `Bearer ${WRONG_TOKEN}` }, as: null },
  { name: 'the stage key as a token', headers: { authorization: `Bearer ${STAGE_KEY}` }, as: null },
  { name: 'a wrong stage key', headers: { 'x-gavel-stage-key': WRONG_KEY }, as: null },
  { name: 'an empty Bearer', headers: { authorization: 'Bearer' }, as: null },
  { name: 'an empty stage key', headers: { 'x-gavel-stage-key': '' }, as: null },
  {
    name: 'the right token beside a wrong stage key',
    headers: { authorization: `Bearer ${TOKEN}`, 'x-gavel-stage-key': WRONG_KEY },
    as: null,
  },
];

/** Everything a refused request must leave as it was: the sessions, this one's state, the clock. */
function world(id: string): string {
  return JSON.stringify({
    sessions: server.app.hub.list().map((s) => [s.id, s.archived, s.state.version]),
    state: server.app.hub.state(id),
    now: server.clock.now(),
  });
}

describe('HTTP routes: every route as every caller', () => {
  const cases = ROUTES.flatMap((route) =>
    CALLERS.map(
      (caller) => [`${route.method} ${route.path(':id')}`, caller.name, route, caller] as const,
    ),
  );
  it.each(cases)('%s by %s', async (_route, _caller, route, caller) => {
    const id = await newSession();
    const before = world(id);
    const res = await http(route.method, route.path(id), caller.headers, route.body?.(id));
    const role = caller.as;
    if (route.kind === 'page') {
      // Pages read no header: their scripts send the credential with the socket and the API calls.
      expect(res.status).toBe(200);
      return;
    }
    const expected =
      role === null
        ? { status: 401, code: 'unauthorized' }
        : route.who === 'anyone' || route.who.includes(role)
          ? null
          : refusalFor(role);
    if (expected === null) {
      expect(res.status, JSON.stringify(res.json)).toBe(route.status ?? 200);
      if (route.method === 'GET' && route.path(id) === S(id)) expect(res.json.role).toBe(role);
      return;
    }
    expect(res.status).toBe(expected.status);
    expect(res.json).toMatchObject({
      ok: false,
      error: { code: expected.code, message: expect.stringMatching(/^.{10,}[.:]/) },
    });
    expect(world(id)).toBe(before);
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path(':id')}`, r] as const))(
    'takes the stage key in the address of %s only on a page: an API route answers 400',
    async (_name, route) => {
      const id = await newSession();
      const before = world(id);
      const path = route.path(id);
      const res = await http(route.method, `${path}?key=${STAGE_KEY}`, {}, route.body?.(id));
      if (route.kind === 'page') {
        // The stage page's own link carries the key; the page takes it out of the address.
        expect(res.status).toBe(200);
        return;
      }
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/header/) },
      });
      expect(world(id)).toBe(before);
    },
  );
});

describe('wrong credentials slow their address down', () => {
  it('makes one address wait after too many wrong tokens over HTTP, the right one included; others go on', async () => {
    const guesser = newAddress();
    for (let i = 0; i <= FREE_FAILURES; i++) {
      const res = await http(
        'GET',
        '/api/sessions',
        { authorization: `Bearer guess-${i}` },
        undefined,
        guesser,
      );
      expect(res.status).toBe(401);
    }
    const right = await http(
      'GET',
      '/api/sessions',
      AS.moderator.headers ?? {},
      undefined,
      guesser,
    );
    expect(right.status).toBe(429);
    expect(right.json.error.code).toBe('rate-limited');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Without a credential, the same address reads on; another address is not affected.
    expect((await http('GET', '/api/sessions', {}, undefined, guesser)).status).toBe(200);
    expect((await http('GET', '/api/sessions', AS.moderator.headers ?? {})).status).toBe(200);
  });

  it('counts wrong tokens at the handshake too, shared with HTTP', async () => {
    const guesser = newAddress();
    for (let i = 0; i <= FREE_FAILURES; i++) {
      const outcome = await handshake({ session: SESSION, token: `guess-${i}` }, guesser);
      expect(outcome).toMatchObject({ refused: { code: 'unauthorized' } });
    }
    expect(await handshake({ session: SESSION, token: TOKEN }, guesser)).toMatchObject({
      refused: { code: 'rate-limited', retryAfterMs: expect.any(Number) },
    });
    const right = await http(
      'GET',
      '/api/sessions',
      AS.moderator.headers ?? {},
      undefined,
      guesser,
    );
    expect(right.status).toBe(429);
    expect(await handshake({ session: SESSION }, guesser)).toEqual({ role: 'viewer' });
    expect(await handshake({ session: SESSION, token: TOKEN })).toEqual({ role: 'moderator' });
  });
});

describe('what each role is shown', () => {
  const SECRET = 'Please wrap up, the Vice-President is waiting';
  const CODE = 'HAGUE16';
  /** Whether the role sees the message to the speaker and the floor code. */
  const SEES: Record<Role, boolean> = {
    viewer: false,
    delegate: false,
    stage: true,
    // The floor officer gives out the floor code; the message to the speaker is not its business.
    secretariat: false,
    'floor-officer': false,
    moderator: true,
  };
  /** Whether the role sees the floor code (the stage shows it, the floor officer gives it out). */
  const SEES_CODE: Record<Role, boolean> = { ...SEES, 'floor-officer': true };

  async function scene(): Promise<string> {
    const id = await newSession();
    await play(id, [
      ...SPEAKING,
      { type: 'message.show', text: SECRET },
      { type: 'floor.open', floorCode: CODE },
    ]);
    const ack = await server.app.hub.command(
      id,
      { type: 'floor.request', delegation: 'deu', kind: 'statement', floorCode: CODE },
      { role: 'delegate', deviceKey: OTHER_DEVICE },
    );
    expect(ack).toMatchObject({ ok: true });
    return id;
  }

  it.each(ROLES)('the %s: its snapshot and its HTTP view', async (role) => {
    const id = await scene();
    const client = open({ session: id, ...AS[role].auth });
    const snapshot = await client.next<{ view: SessionView }>('session:snapshot');
    expect(snapshot.view.role).toBe(role);
    const seen = [JSON.stringify(snapshot)];
    const headers = AS[role].headers;
    if (headers !== null) {
      const res = await http('GET', S(id), headers);
      expect(res.json.role).toBe(role);
      seen.push(JSON.stringify(res.json));
    }
    for (const text of seen) {
      expect(text.includes(SECRET), 'the message to the speaker').toBe(SEES[role]);
      expect(text.includes(CODE), 'the floor code').toBe(SEES_CODE[role]);
      // No device key of another phone reaches anyone, the moderator included.
      expect(text).not.toContain(OTHER_DEVICE);
    }
    if (role === 'moderator') {
      const log = await http('GET', `${S(id)}/events`, headers ?? {});
      expect(log.status).toBe(200);
      expect(JSON.stringify(log.json)).not.toContain(OTHER_DEVICE);
    }
  });
});
