/**
 * The HTTP API, as an AV technician's script or Companion would use it: it alone runs the panel
 * and the open floor, and every refusal says what is wrong and changes nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { remainingAt } from '../../shared/timer.ts';
import { SESSION, STAGE_KEY, startServer, tempDir, TOKEN, type TestServer } from './helpers.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const MIN = 60_000;

describe('the HTTP API alone runs the plenary', () => {
  it('drives the panel and the open floor, with versions, the final view and a record that matches', async () => {
    server = await startServer({ testClock: true });
    let version = 0;
    const run = async (command: object) => {
      const res = await server.post(command);
      expect(res.json, JSON.stringify(command)).toEqual({ ok: true, version: version + 1 });
      expect(res.status).toBe(200);
      version += 1;
    };
    const advance = async (ms: number) => {
      const res = await server.http('POST', '/api/test/clock', {
        body: { advanceMs: ms },
        token: TOKEN,
      });
      expect(res.json.ok).toBe(true);
      return res.json.serverNow as number;
    };
    const requestId = async (delegation: string, kind: string) => {
      const view = await server.viewAs('moderator');
      const found = view.floor.requests.find(
        (r) => r.delegation.id === delegation && r.kind === kind,
      );
      if (!found) throw new Error(`no ${kind} request of ${delegation}`);
      return found.id;
    };

    // The panel.
    await run({ type: 'session.start' });
    await run({ type: 'speaker.next', start: true }); // Ambassador Wilke, 4 min
    await advance(3 * MIN + 50_000);
    await run({ type: 'speaker.next', start: true }); // Mr IJzerman, 4 min: runs 20 s over
    await advance(4 * MIN + 20_000);
    await run({ type: 'speaker.next', start: true }); // Ms Bensouda, 11 min, paused for 1 min
    await advance(5 * MIN);
    await run({ type: 'timer.pause' });
    await advance(1 * MIN);
    await run({ type: 'timer.start' });
    await advance(6 * MIN);
    await run({ type: 'speaker.next', start: true }); // Mr Al-Sour, given one more minute
    await advance(2 * MIN);
    await run({ type: 'timer.adjust', deltaMs: MIN });
    await advance(10 * MIN);
    await run({ type: 'speaker.skip', itemId: 'gassama' });
    await run({ type: 'speaker.next', start: true }); // Ms Coninsx
    await advance(11 * MIN);
    await run({ type: 'speaker.next', start: true }); // Ms Bomberger
    await advance(10 * MIN);
    await run({ type: 'speaker.next', start: true }); // too early: undone
    await run({ type: 'undo' });
    await advance(1 * MIN);
    await run({ type: 'speaker.next', start: true }); // Mr von Hebel
    await advance(11 * MIN);
    await run({ type: 'speaker.next', start: true }); // Ms Bernard (Ms Gassama skipped)
    await advance(9 * MIN);
    await run({ type: 'speaker.next', start: true }); // the moderator's summary
    const midSummary = await server.http('GET', `/api/sessions/${SESSION}/now?format=text`);
    expect(midSummary.text).toMatch(/^Mr Arie IJzerman \| 5:00 normal \| next: .*open floor/);
    await advance(5 * MIN);
    await run({ type: 'speaker.next' }); // into the open floor, nobody speaking

    // The open floor: the secretariat inscribes, precedence orders, a point of order interrupts.
    await run({ type: 'floor.open' });
    await run({ type: 'floor.request', delegation: 'hrw', kind: 'statement' });
    await run({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
    await run({ type: 'floor.request', delegation: 'eu', kind: 'statement' });
    await run({
      type: 'floor.request',
      delegation: 'deu',
      kind: 'question',
      addressedTo: 'bensouda',
    });
    await run({ type: 'floor.request', delegation: 'dza', kind: 'statement' });
    const queued = await server.viewAs('viewer');
    expect(queued.floor.queue.map((q) => q.delegation.id)).toEqual([
      'fra',
      'deu',
      'dza',
      'eu',
      'hrw',
    ]);

    await run({ type: 'speaker.next', start: true }); // France
    await advance(2 * MIN + 30_000);
    await run({ type: 'floor.request', delegation: 'jpn', kind: 'point-of-order' });
    await run({
      type: 'floor.give',
      requestId: await requestId('jpn', 'point-of-order'),
      start: true,
    });
    await advance(40_000);
    await run({ type: 'speaker.finish' }); // back to France, paused
    await run({ type: 'timer.start' });
    await advance(30_000);
    await run({ type: 'speaker.next', start: true }); // Germany's question
    await advance(110_000);
    await run({
      type: 'floor.decline',
      requestId: await requestId('hrw', 'statement'),
      reason: 'time',
    });
    await run({ type: 'speaker.next', start: true }); // Algeria
    await advance(3 * MIN);
    await run({ type: 'floor.close' });
    await run({ type: 'segment.end' }); // the EU is still queued: not heard

    const view = await server.viewAs('moderator');
    expect(view.version).toBe(version);
    expect(view.current.segmentId).toBe('closing');
    expect(view.segments[0]?.items.map((i) => i.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
      'done',
      'done',
      'skipped',
      'done',
      'done',
    ]);
    const statuses = Object.fromEntries(
      view.floor.requests.map((r) => [r.delegation.id, r.status]),
    );
    expect(statuses).toEqual({
      hrw: 'declined',
      fra: 'done',
      eu: 'not-heard',
      deu: 'done',
      dza: 'done',
      jpn: 'done',
    });
    expect(view.floor.status).toBe('closed');

    const record = await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN });
    expect(record.status).toBe(200);
    const turns = record.json.turns as {
      itemId: string;
      kind: string;
      spokenMs: number;
      pausedMs: number;
      overrunMs: number;
      grantedMs: number;
      delegation: { id: string } | null;
    }[];
    const spoken = (itemId: string) =>
      turns.filter((t) => t.itemId === itemId).map((t) => t.spokenMs);
    expect(spoken('opening')).toEqual([3 * MIN + 50_000]);
    expect(turns.find((t) => t.itemId === 'introduction')?.overrunMs).toBe(20_000);
    expect(spoken('bensouda')).toEqual([11 * MIN]);
    expect(turns.find((t) => t.itemId === 'bensouda')?.pausedMs).toBe(MIN);
    expect(turns.find((t) => t.itemId === 'al-sour')).toMatchObject({
      grantedMs: 12 * MIN,
      spokenMs: 12 * MIN,
      overrunMs: 0,
    });
    expect(spoken('bomberger')).toEqual([11 * MIN]);
    expect(spoken('von-hebel')).toEqual([11 * MIN]);
    expect(spoken('gassama')).toEqual([]);
    const floor = turns.filter(
      (t) => t.delegation !== null && ['fra', 'jpn', 'deu', 'dza'].includes(t.delegation.id),
    );
    expect(floor.map((t) => [t.delegation?.id, t.kind, t.spokenMs])).toEqual([
      ['fra', 'statement', 3 * MIN],
      ['jpn', 'point-of-order', 40_000],
      ['deu', 'question', 110_000],
      ['dza', 'statement', 3 * MIN],
    ]);
    // The undone "next" left no turn behind: ten panel turns, four on the floor.
    expect(turns).toHaveLength(9 + 4);

    const csv = await server.http('GET', `/api/sessions/${SESSION}/record?format=csv&table=turns`, {
      token: TOKEN,
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text.trim().split('\n')).toHaveLength(1 + 13);

    const events = await server.http('GET', `/api/sessions/${SESSION}/events`, { token: TOKEN });
    expect(events.json.rows.map((r: { version: number }) => r.version)).toEqual(
      Array.from({ length: version }, (_, i) => i + 1),
    );
    expect(events.json.rows[0]).toMatchObject({
      actor: 'moderator',
      command: { type: 'session.start' },
    });
  });
});

describe('refusals over HTTP', () => {
  it('answers every malformed body with a code, a sentence and its status, and changes nothing', async () => {
    server = await startServer();
    await server.post({ type: 'session.start' });
    const before = server.stateText();
    const path = `/api/sessions/${SESSION}/commands`;
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const bodies: [string, string, number, string][] = [
      ['not JSON', '{"type": speaker.next}', 400, 'invalid'],
      ['cut short', '{"type":"speaker.next"', 400, 'invalid'],
      ['empty', '', 400, 'invalid'],
      ['a list', '[]', 400, 'invalid'],
      ['a string', '"speaker.next"', 400, 'invalid'],
      ['deeply nested', deep, 400, 'invalid'],
      ['an unknown command', '{"type":"gavel.bang"}', 400, 'invalid'],
      ['a wrong field', '{"type":"timer.set","remainingMs":-5}', 400, 'invalid'],
      [
        'a huge string',
        JSON.stringify({ type: 'message.show', text: 'x'.repeat(30_000) }),
        413,
        'too-large',
      ],
      [
        'over 64 KB',
        JSON.stringify({ type: 'message.show', text: 'x'.repeat(70_000) }),
        413,
        'too-large',
      ],
      ['a stale command', '{"type":"speaker.next","expectedVersion":0}', 409, 'stale'],
    ];
    for (const [name, raw, status, code] of bodies) {
      const res = await server.http('POST', path, {
        raw,
        token: TOKEN,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, name).toBe(status);
      expect(res.json, name).toMatchObject({ ok: false, error: { code } });
      expect(res.json.error.message.length, name).toBeGreaterThan(10);
    }
    expect(server.stateText()).toBe(before);
  });

  it('takes JSON whatever content type a tool sends, as curl -d does', async () => {
    server = await startServer();
    const res = await server.http('POST', `/api/sessions/${SESSION}/commands`, {
      raw: '{"type":"session.start"}',
      token: TOKEN,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.json).toEqual({ ok: true, version: 1 });
  });

  it('needs the moderator token, compared whole', async () => {
    server = await startServer();
    const path = `/api/sessions/${SESSION}/commands`;
    const body = { type: 'session.start' };
    const cases: [Record<string, string>, number, string][] = [
      [{}, 401, 'unauthorized'],
      [{ authorization: `Bearer ${TOKEN}x` }, 401, 'unauthorized'],
      [{ authorization: `Bearer ${TOKEN.slice(0, -1)}` }, 401, 'unauthorized'],
      [{ authorization: TOKEN }, 401, 'unauthorized'],
      [{ authorization: `Bearer ${STAGE_KEY}` }, 401, 'unauthorized'],
      [{ 'x-gavel-stage-key': STAGE_KEY }, 403, 'forbidden'],
    ];
    for (const [headers, status, code] of cases) {
      const res = await server.http('POST', path, { body, headers });
      expect(res.status, JSON.stringify(headers)).toBe(status);
      expect(res.json.error.code).toBe(code);
    }
    expect(server.app.hub.state(SESSION)?.version).toBe(0);
  });

  it('answers an unknown session and an unknown route with 404 not-found', async () => {
    server = await startServer();
    const unknown = await server.http('POST', '/api/sessions/nope/commands', {
      body: { type: 'session.start' },
      token: TOKEN,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('not-found');
    const route = await server.http('GET', '/api/sessions/asp15-cooperation/whatever');
    expect(route.status).toBe(404);
    expect(route.json).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(route.json.error.message).toContain('docs/api.md');
  });

  it('slows down a script that sends too fast, with Retry-After', async () => {
    // The budgets' time stands still, so a slow machine cannot refill them mid-test.
    server = await startServer({ monotonic: () => 0 });
    const responses = await Promise.all(
      Array.from({ length: 400 }, () => server.post({ type: 'timer.pause' })),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.json.error.code).toBe('rate-limited');
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('checks credentials first: a flood from the venue address never spends the moderator budget', async () => {
    server = await startServer({ monotonic: () => 0 });
    const flood = await Promise.all(
      Array.from({ length: 100 }, () =>
        server.http('POST', `/api/sessions/${SESSION}/commands`, {
          body: { type: 'speaker.next' },
        }),
      ),
    );
    expect(flood.some((r) => r.status === 429)).toBe(true);
    expect(flood.every((r) => r.status === 429 || r.status === 401)).toBe(true);
    const moderator = [];
    for (let i = 0; i < 10; i++) moderator.push(await server.post({ type: 'session.start' }));
    expect(moderator[0]?.status).toBe(200);
    // Refused for what they are (the session has started), never for their rate.
    expect(moderator.slice(1).every((r) => r.status === 409)).toBe(true);
  });
});

describe('reading a session', () => {
  it('gives each caller the view of its role', async () => {
    server = await startServer();
    await server.post({ type: 'session.start' });
    await server.post({ type: 'speaker.next', start: true });
    await server.post({ type: 'message.show', text: 'Two minutes, please' });
    const viewer = await server.viewAs('viewer');
    const stage = await server.viewAs('stage');
    const moderator = await server.viewAs('moderator');
    expect([viewer.role, stage.role, moderator.role]).toEqual(['viewer', 'stage', 'moderator']);
    expect(viewer.message).toBeNull();
    expect(stage.message?.text).toBe('Two minutes, please');
    expect(moderator.undo.length).toBe(3);
    expect(viewer.serverNow).toBe(server.fake.now());
    const wrong = await server.http('GET', `/api/sessions/${SESSION}`, {
      headers: { 'x-gavel-stage-key': 'wrong-stage-key' },
    });
    expect(wrong.status).toBe(401);
    // The key never in the address of an API request: addresses are written in proxies' logs.
    const byQuery = await server.http('GET', `/api/sessions/${SESSION}?key=${STAGE_KEY}`);
    expect(byQuery.status).toBe(400);
    expect(byQuery.json.error.message).toContain('X-Gavel-Stage-Key');
    const missing = await server.http('GET', '/api/sessions/no-such-session');
    expect(missing.status).toBe(404);
  });

  it('says what is on now, as JSON and as one line', async () => {
    server = await startServer();
    await server.post({ type: 'session.start' });
    await server.post({ type: 'speaker.next', start: true });
    server.fake.advance(4 * MIN + 5_000);
    const now = await server.http('GET', `/api/sessions/${SESSION}/now`);
    expect(now.json).toMatchObject({
      speaker: 'Ambassador Paul Wilke',
      timeLeft: '+0:05',
      phase: 'overtime',
      running: true,
    });
    const line = await server.http('GET', `/api/sessions/${SESSION}/now?format=text`);
    expect(line.text).toBe('Ambassador Paul Wilke | +0:05 overtime | next: Mr Arie IJzerman\n');
    const view = await server.viewAs('viewer');
    expect(view.timer && remainingAt(view.timer, view.serverNow)).toBe(-5_000);
  });

  it('keeps the record and the event log for the moderator, and device keys out of the log', async () => {
    server = await startServer();
    await server.post({ type: 'session.start' });
    await server.post({ type: 'floor.open' });
    const delegate = await server.connect({ deviceKey: 'device-with-a-secret-key-123' });
    expect(
      (await delegate.command({ type: 'floor.request', delegation: 'fra', kind: 'statement' })).ok,
    ).toBe(true);
    for (const path of ['record', 'events']) {
      const res = await server.http('GET', `/api/sessions/${SESSION}/${path}`);
      expect(res.status).toBe(401);
      const staged = await server.http('GET', `/api/sessions/${SESSION}/${path}`, {
        headers: { 'x-gavel-stage-key': STAGE_KEY },
      });
      expect(staged.status).toBe(403);
    }
    const events = await server.http('GET', `/api/sessions/${SESSION}/events?after=2`, {
      token: TOKEN,
    });
    expect(events.json.rows).toHaveLength(1);
    expect(events.json.rows[0].actor).toBe('delegate');
    expect(events.text).not.toContain('device-with-a-secret-key-123');
    expect(events.text).toMatch(/device-[0-9a-f]{10}/);
    const badTable = await server.http(
      'GET',
      `/api/sessions/${SESSION}/record?format=csv&table=people`,
      { token: TOKEN },
    );
    expect(badTable.status).toBe(400);
    const requests = await server.http(
      'GET',
      `/api/sessions/${SESSION}/record?format=csv&table=requests`,
      { token: TOKEN },
    );
    expect(requests.text).toContain('France');
  });

  it('lists the shipped delegations with their as-of date, and the sessions', async () => {
    server = await startServer();
    const delegations = await server.http('GET', '/api/delegations');
    expect(delegations.json.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(delegations.json.delegations.find((d: { id: string }) => d.id === 'fra')).toMatchObject({
      en: 'France',
    });
    const sessions = await server.http('GET', '/api/sessions');
    expect(sessions.json.sessions).toEqual([
      expect.objectContaining({ id: SESSION, status: 'scheduled', version: 0 }),
    ]);
    const health = await server.http('GET', '/healthz');
    expect(health.json).toMatchObject({ ok: true, sessions: 1 });
  });
});

describe('creating a session', () => {
  const programme = {
    id: 'side-event',
    title: 'Side event on victims',
    timeZone: 'Europe/Amsterdam',
    segments: [
      {
        id: 'talks',
        kind: 'panel',
        title: 'Talks',
        budget: 20,
        items: [{ id: 'one', kind: 'presentation', speaker: { name: 'A. Speaker' }, minutes: 10 }],
      },
    ],
  };

  it('creates a session from a programme file, once; a bad file gets every problem named', async () => {
    server = await startServer();
    const anonymous = await server.http('POST', '/api/sessions', { body: programme });
    expect(anonymous.status).toBe(401);
    const created = await server.http('POST', '/api/sessions', { body: programme, token: TOKEN });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ ok: true, id: 'side-event', version: 0 });
    const again = await server.http('POST', '/api/sessions', { body: programme, token: TOKEN });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('not-allowed');
    const bad = await server.http('POST', '/api/sessions', {
      body: {
        ...programme,
        id: 'other',
        timeZone: 'Mars/Olympus',
        segments: [{ ...programme.segments[0], budget: -1 }],
      },
      token: TOKEN,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.problems.map((p: { path: string }) => p.path)).toEqual([
      'timeZone',
      'segments[0].budget',
    ]);
    expect(bad.json.error.message).toContain('2 problems');

    const moderator = await server.connect({ session: 'side-event', token: TOKEN });
    expect(moderator.view?.meta.title).toBe('Side event on victims');
    const list = await server.http('GET', '/api/sessions');
    expect(list.json.sessions.map((s: { id: string }) => s.id).sort()).toEqual([
      SESSION,
      'side-event',
    ]);
  });
});

describe('the test clock', () => {
  it('does not exist unless asked for', async () => {
    server = await startServer();
    const res = await server.http('POST', '/api/test/clock', {
      body: { advanceMs: 1000 },
      token: TOKEN,
    });
    expect(res.status).toBe(404);
  });

  it('moves the server time forward only, and only for the moderator', async () => {
    server = await startServer({ testClock: true });
    const start = server.clock.now();
    const back = await server.http('POST', '/api/test/clock', {
      body: { advanceMs: -1 },
      token: TOKEN,
    });
    expect(back.status).toBe(400);
    const anonymous = await server.http('POST', '/api/test/clock', { body: { advanceMs: 1 } });
    expect(anonymous.status).toBe(401);
    const moved = await server.http('POST', '/api/test/clock', {
      body: { advanceMs: 90_000 },
      token: TOKEN,
    });
    expect(moved.json).toEqual({ ok: true, serverNow: start + 90_000 });
  });
});

describe('pages', () => {
  it('asks for a build when the pages are missing, and serves them once built', async () => {
    const dir = tempDir();
    const clientDir = join(dir, 'client');
    server = await startServer({ clientDir });
    const missing = await server.http('GET', `/console/${SESSION}?token=${TOKEN}`);
    expect(missing.status).toBe(503);
    expect(missing.text).toContain('npm run build');

    mkdirSync(join(clientDir, 'assets'), { recursive: true });
    for (const page of ['console', 'stage', 'live', 'overlay', 'report']) {
      writeFileSync(join(clientDir, `${page}.html`), `<!doctype html><title>${page}</title>`);
    }
    writeFileSync(join(clientDir, 'assets', 'live-abc123.js'), 'console.log(1)');
    for (const [path, title] of [
      [`/console/${SESSION}`, 'console'],
      [`/stage/${SESSION}`, 'stage'],
      [`/live/${SESSION}`, 'live'],
      ['/', 'live'],
      [`/overlay/${SESSION}`, 'overlay'],
      [`/report/${SESSION}`, 'report'],
    ] as const) {
      const res = await server.http('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.text).toContain(`<title>${title}</title>`);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const asset = await server.http('GET', '/assets/live-abc123.js');
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    const nothing = await server.http('GET', '/nowhere');
    expect(nothing.status).toBe(404);
  });
});
