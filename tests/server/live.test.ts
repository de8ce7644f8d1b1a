/**
 * The live side over real sockets: what each role receives, what each role may do, what a
 * refused or malformed command leaves behind (nothing), and what a viewer never sees.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GavelError } from '../../shared/errors.ts';
import type { CommandAck, Presence, Update } from '../../shared/protocol.ts';
import { remainingAt } from '../../shared/timer.ts';
import { offsetClock, systemClock } from '../../server/clock.ts';
import { bestEstimate, type ClockSampleTimes } from '../../shared/clockSync.ts';
import { refusalOf, SESSION, STAGE_KEY, startServer, TOKEN, type TestServer } from './helpers.ts';

const DEVICE_A = 'device-a-0123456789abcdef';
const DEVICE_B = 'device-b-0123456789abcdef';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

describe('a moderator command', () => {
  it('reaches the stage, viewers and delegates with the next version, and their views match the server', async () => {
    const moderator = await server.moderator();
    const stage = await server.connect({ stageKey: STAGE_KEY });
    const viewer = await server.connect();
    const delegate = await server.connect({ deviceKey: DEVICE_A });
    expect([moderator, stage, viewer, delegate].map((c) => c.version)).toEqual([0, 0, 0, 0]);

    expect(await moderator.command({ type: 'session.start' })).toEqual({ ok: true, version: 1 });
    expect(await moderator.command({ type: 'speaker.next', start: true })).toEqual({
      ok: true,
      version: 2,
    });

    for (const client of [stage, viewer, delegate]) {
      const update = await client.next<Update>('session:update', (u) => u.version === 2);
      expect(update.fromVersion).toBe(1);
      const view = await client.reach(2);
      expect(view.status).toBe('live');
      expect(view.timer?.itemId).toBe('opening');
      expect(view.timer?.startedAt).toBe(server.fake.now());
    }
    // Each page, by applying patches alone, holds exactly the view the server would give it now.
    const { serverNow: _s, ...stageView } = await server.viewAs('stage');
    const { serverNow: _v, ...viewerView } = await server.viewAs('viewer');
    expect(stage.view).toEqual(stageView);
    expect(viewer.view).toEqual(viewerView);
    expect(stage.gaps).toEqual([]);
    expect(viewer.gaps).toEqual([]);
  });

  it('costs no traffic while a timer runs: nothing arrives until the next command', async () => {
    const moderator = await server.moderator();
    const viewer = await server.connect();
    await moderator.command({ type: 'session.start' });
    await moderator.command({ type: 'speaker.next', start: true });
    await viewer.reach(2);
    const count = viewer.received.length;
    server.fake.advance(5 * 60_000);
    await viewer.barrier();
    // Only the clock sample's own answer (an ack, not an event) crossed the wire.
    expect(viewer.received.length).toBe(count);
    const timer = viewer.view?.timer;
    expect(timer && remainingAt(timer, server.fake.now())).toBe(4 * 60_000 - 5 * 60_000);
  });
});

describe('rights', () => {
  it("refuses a viewer's, a stage's and a delegate's commands beyond their rights, and changes nothing", async () => {
    const moderator = await server.moderator();
    await moderator.command({ type: 'session.start' });
    const viewer = await server.connect();
    const stage = await server.connect({ stageKey: STAGE_KEY });
    const delegate = await server.connect({ deviceKey: DEVICE_A });
    const before = server.stateText();

    const attempts = [
      [viewer, { type: 'speaker.next' }],
      [viewer, { type: 'floor.request', delegation: 'fra', kind: 'statement' }],
      [stage, { type: 'message.show', text: 'Hello' }],
      [stage, { type: 'timer.pause' }],
      [delegate, { type: 'speaker.next' }],
      [delegate, { type: 'floor.open' }],
      [delegate, { type: 'floor.approve', requestId: 'r1' }],
      [delegate, { type: 'undo' }],
    ] as const;
    for (const [client, command] of attempts) {
      const ack = await client.command(command);
      expect(ack.ok, JSON.stringify(command)).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe('forbidden');
        expect(ack.error.message).toMatch(/moderator/);
      }
    }
    // The floor is not open yet: the machine itself refuses the delegate's request.
    const early = await delegate.command({
      type: 'floor.request',
      delegation: 'fra',
      kind: 'statement',
    });
    expect(early).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    // An answer is the secretariat's to inscribe. (A point of order was too, until issue 15: a
    // delegate now raises one from the phone, as the next test shows.)
    await moderator.command({ type: 'floor.open' });
    const beforeAnswer = server.stateText();
    const answer = await delegate.command({
      type: 'floor.request',
      delegation: 'bensouda',
      kind: 'answer',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(server.stateText()).toBe(beforeAnswer);
    expect(JSON.parse(before).version).toBe(1);
  });

  it("takes a delegate's point of order, which interrupts the speaker once the moderator gives the floor", async () => {
    const moderator = await server.moderator();
    await moderator.command({ type: 'session.start' });
    await moderator.command({ type: 'speaker.next', start: true });
    await moderator.command({ type: 'floor.open' });
    const delegate = await server.connect({ deviceKey: DEVICE_A });
    const viewer = await server.connect();

    const ack = await delegate.command({
      type: 'floor.request',
      delegation: 'fra',
      kind: 'point-of-order',
    });
    expect(ack).toMatchObject({ ok: true });
    const mine = await delegate.next<{ requests: { id: string; kind: string; status: string }[] }>(
      'floor:mine',
      (m) => m.requests.length === 1,
    );
    expect(mine.requests[0]).toMatchObject({ kind: 'point-of-order', status: 'requested' });
    const requestId = mine.requests[0]?.id ?? '';
    // Asking changes no turn: only the moderator's giving the floor interrupts.
    const speaking = (await moderator.reach(ack.ok ? ack.version : 0)).current.turnId;
    expect(speaking).not.toBeNull();

    const given = await moderator.command({ type: 'floor.give', requestId, start: true });
    expect(given).toMatchObject({ ok: true });
    const view = await viewer.reach(given.ok ? given.version : 0);
    const turn = view.turns.find((t) => t.id === view.current.turnId);
    expect(turn).toMatchObject({ kind: 'point-of-order', interrupts: speaking });
    await delegate.next<{ requests: { status: string }[] }>(
      'floor:mine',
      (m) => m.requests[0]?.status === 'speaking',
    );
  });

  it('gives a delegate its own requests on floor:mine, to that device only, and the room sees them once approved', async () => {
    const moderator = await server.moderator();
    await moderator.command({ type: 'session.start' });
    await moderator.command({ type: 'floor.open' });
    const viewer = await server.connect();
    const a = await server.connect({ deviceKey: DEVICE_A });
    const b = await server.connect({ deviceKey: DEVICE_B });

    const ack = await a.command({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
    expect(ack).toEqual({ ok: true, version: 3 });
    const mine = await a.next<{ requests: { id: string; mine?: boolean; status: string }[] }>(
      'floor:mine',
      (m) => m.requests.length === 1,
    );
    expect(mine.requests[0]).toMatchObject({ mine: true, status: 'requested' });
    const requestId = mine.requests[0]?.id;
    // Another device hears nothing of it; the moderator sees it waiting.
    const modView = await moderator.reach(3);
    expect(modView.floor.requests.map((r) => r.id)).toEqual([requestId]);
    await b.barrier();
    expect(
      b.received
        .filter((r) => r.event === 'floor:mine')
        .every((r) => (r.payload as { requests: unknown[] }).requests.length === 0),
    ).toBe(true);
    expect(JSON.stringify(b.received)).not.toContain(requestId);

    await moderator.command({ type: 'floor.approve', requestId });
    const viewerView = await viewer.reach(4);
    expect(viewerView.floor.queue.map((q) => q.delegation.en)).toEqual(['France']);
    expect(viewerView.floor.requests).toEqual([]);
    await a.next<{ requests: { status: string }[] }>(
      'floor:mine',
      (m) => m.requests[0]?.status === 'queued',
    );

    // Only the device that asked may withdraw.
    const other = await b.command({ type: 'floor.withdraw', requestId });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await a.command({ type: 'floor.withdraw', requestId })).toEqual({
      ok: true,
      version: 5,
    });
    // No device key ever reaches anyone.
    for (const client of [moderator, viewer, a, b])
      expect(client.allText()).not.toContain(DEVICE_A);
  });
});

describe('malformed commands', () => {
  const deep = (levels: number): unknown => {
    let v: unknown = 'x';
    for (let i = 0; i < levels; i++) v = { a: v };
    return v;
  };
  const cases: [string, unknown, string][] = [
    ['null', null, 'invalid'],
    ['a number', 42, 'invalid'],
    ['a bare string', 'speaker.next', 'invalid'],
    ['a list', [{ type: 'speaker.next' }], 'invalid'],
    ['an object without type', { start: true }, 'invalid'],
    ['a type that is a number', { type: 7 }, 'invalid'],
    ['an unknown command', { type: 'speaker.shout' }, 'invalid'],
    ['an unknown field', { type: 'speaker.next', loud: true }, 'invalid'],
    ['a wrong type of field', { type: 'timer.adjust', deltaMs: '30000' }, 'invalid'],
    ['a fraction of a ms', { type: 'timer.adjust', deltaMs: 1.5 }, 'invalid'],
    ['a missing field', { type: 'message.show' }, 'invalid'],
    ['text over its limit', { type: 'message.show', text: 'x'.repeat(281) }, 'invalid'],
    ['a huge string', { type: 'message.show', text: 'x'.repeat(40_000) }, 'too-large'],
    ['a deep object', { type: 'message.show', text: 'hi', extra: deep(60) }, 'invalid'],
    [
      'thousands of values',
      { type: 'message.show', text: 'hi', extra: Array.from({ length: 5000 }, () => 1) },
      'too-large',
    ],
    ['a stale version', { type: 'speaker.next', expectedVersion: 0 }, 'stale'],
  ];

  it.each(cases)(
    'refuses %s with a code and a sentence, and changes nothing',
    async (_name, payload, code) => {
      const moderator = await server.moderator();
      await moderator.command({ type: 'session.start' });
      const viewer = await server.connect();
      const before = server.stateText();
      const ack = await moderator.command(payload);
      expect(ack.ok).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe(code);
        expect(ack.error.message.length).toBeGreaterThan(10);
        expect(ack.error.message).toMatch(/[.:]/);
      }
      expect(server.stateText()).toBe(before);
      await viewer.barrier();
      expect(viewer.received.filter((r) => r.event === 'session:update')).toEqual([]);
    },
  );

  it('names the field at fault', async () => {
    const moderator = await server.moderator();
    const ack = await moderator.command({ type: 'timer.adjust', deltaMs: 'thirty' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!ack.ok) expect(ack.error.message).toContain('deltaMs');
  });

  it('cuts off a socket that sends more than 64 KB at once, and nothing changes', async () => {
    const moderator = await server.moderator();
    const before = server.stateText();
    const closed = new Promise<string>((resolve) => moderator.socket.on('disconnect', resolve));
    moderator.socket.emit(
      'session:command',
      { type: 'message.show', text: 'x'.repeat(100_000) },
      () => {},
    );
    expect(await closed).toMatch(/close/);
    expect(server.stateText()).toBe(before);
  });

  it('answers a socket over its command limit with the time to wait, then cuts it off', async () => {
    const viewer = await server.connect();
    const acks: CommandAck[] = [];
    const gone = new Promise<string>((resolve) => viewer.socket.on('disconnect', resolve));
    for (let i = 0; i < 40; i++) {
      viewer.socket.emit('session:command', { type: 'speaker.next' }, (ack) => acks.push(ack));
    }
    const closed = await viewer.next<GavelError>('session:closed');
    expect(await gone).toBe('io server disconnect');
    expect(closed).toMatchObject({ code: 'rate-limited' });
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate-limited');
    expect(limited).toHaveLength(1);
    const first = limited[0];
    if (first && !first.ok) expect(first.error.retryAfterMs).toBeGreaterThan(0);
    // What came before the limit was refused for what it was, not for its rate.
    expect(acks.filter((a) => !a.ok && a.error.code === 'forbidden').length).toBeGreaterThan(5);
  });

  it('cuts off a socket that streams clock samples, as no page does', async () => {
    const viewer = await server.connect();
    const gone = new Promise<string>((resolve) => viewer.socket.on('disconnect', resolve));
    let answered = 0;
    for (let i = 0; i < 100; i++) viewer.socket.emit('clock:sync', i, () => (answered += 1));
    const closed = await viewer.next<GavelError>('session:closed');
    expect(closed.code).toBe('rate-limited');
    expect(await gone).toBe('io server disconnect');
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(100);
  });

  it('never rate-limits the moderator, whose budget no flooding phone can spend', async () => {
    const moderator = await server.moderator();
    const flooder = await server.connect();
    const gone = new Promise<string>((resolve) => flooder.socket.on('disconnect', resolve));
    for (let i = 0; i < 200; i++) {
      flooder.socket.emit('session:command', { type: 'speaker.next' }, () => {});
    }
    const acks = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        moderator.command({ type: 'message.show', text: `Note ${i}` }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(await gone).toBe('io server disconnect');
  });
});

describe('what a viewer never receives', () => {
  it('never carries the message to the speaker, the floor code or presence to a viewer', async () => {
    const viewer = await server.connect();
    const delegate = await server.connect({ deviceKey: DEVICE_A });
    const moderator = await server.moderator();
    const stage = await server.connect({ stageKey: STAGE_KEY });
    await moderator.command({ type: 'session.start' });
    await moderator.command({ type: 'speaker.next', start: true });
    const secret = 'Please wrap up, the Vice-President is waiting';
    const shown = await moderator.command({ type: 'message.show', text: secret, flash: true });
    expect(shown.ok).toBe(true);
    await moderator.command({ type: 'floor.open', floorCode: 'HAGUE16' });
    await moderator.command({ type: 'message.clear' });

    const stageView = await stage.reach(5);
    expect(JSON.stringify(stage.received)).toContain(secret);
    expect(stageView.floor.floorCode).toBe('HAGUE16');
    expect(stageView.message).toBeNull();

    // The viewer asks for a fresh snapshot too: it must not carry the secret either.
    viewer.socket.emit('session:sync');
    await viewer.next<{ version: number }>('session:snapshot', (s) => s.version >= 4, 1);
    await viewer.reach(4);
    for (const client of [viewer, delegate]) {
      await client.barrier();
      const text = client.allText();
      expect(text).not.toContain('Vice-President');
      expect(text).not.toContain('HAGUE16');
      expect(client.received.some((r) => r.event === 'presence')).toBe(false);
    }
    // The viewer learnt that a floor code is required, without the code.
    expect(viewer.view?.floor.floorCodeRequired).toBe(true);
    // The message changed nothing a viewer sees, so the viewer got no update for it.
    const viewerVersions = viewer.received
      .filter((r) => r.event === 'session:update')
      .map((r) => (r.payload as Update).version);
    expect(viewerVersions).toEqual([1, 2, 4]);
  });
});

describe('presence', () => {
  it('tells the moderator who is connected; a viewer coming and going tells other viewers nothing', async () => {
    const moderator = await server.moderator();
    const first = await moderator.next<Presence>('presence');
    expect(first).toMatchObject({ session: SESSION, consoles: 1, viewers: 0 });
    const viewer = await server.connect();
    const afterViewer = await moderator.next<Presence>('presence', (p) => p.viewers === 1);
    expect(afterViewer.consoles).toBe(1);
    const mark = viewer.received.length;

    const passerby = await server.connect();
    await moderator.next<Presence>('presence', (p) => p.viewers === 2);
    passerby.close();
    await moderator.next<Presence>('presence', (p) => p.viewers === 1);
    await server.connect({ deviceKey: DEVICE_A });
    await server.connect({ stageKey: STAGE_KEY });
    await moderator.next<Presence>('presence', (p) => p.delegates === 1 && p.stages === 1);

    await viewer.barrier();
    expect(viewer.received.slice(mark)).toEqual([]);
  });
});

describe('the handshake', () => {
  it('refuses a wrong token with connect_error { code, message }, and the command it queued never runs', async () => {
    const before = server.stateText();
    const intruder = server.socket({ token: 'not-the-token' }, { autoConnect: false });
    const refusal = refusalOf(intruder);
    let answered = false;
    intruder.socket.emit('session:command', { type: 'session.start' }, () => {
      answered = true;
    });
    intruder.socket.connect();
    expect(await refusal).toEqual({
      code: 'unauthorized',
      message: expect.stringMatching(/token is not right/),
      key: 'token-wrong-link',
    });
    // The session stays as it was, even once a moderator looks.
    const moderator = await server.moderator();
    await moderator.barrier();
    expect(server.stateText()).toBe(before);
    expect(moderator.view?.status).toBe('scheduled');
    expect(answered).toBe(false);
    expect(intruder.socket.connected).toBe(false);
  });

  it.each([
    ['an unknown session', { session: 'no-such-session' }, 'not-found'],
    ['no session', { session: '' }, 'invalid'],
    ['a wrong stage key', { stageKey: 'not-the-stage-key' }, 'unauthorized'],
    ['the console without a token', { role: 'moderator' as const }, 'unauthorized'],
    ['the stage without a key', { role: 'stage' as const }, 'unauthorized'],
    ['a malformed device key', { deviceKey: 'short' }, 'invalid'],
  ])('refuses %s', async (_name, auth, code) => {
    const client = server.socket(auth);
    const refusal = await refusalOf(client);
    expect(refusal.code).toBe(code);
    expect(refusal.message.length).toBeGreaterThan(10);
  });

  it('lets the moderator open the stage view with the token, and a phone be a plain viewer', async () => {
    const stage = await server.connect({ token: TOKEN, role: 'stage' });
    expect(stage.view?.role).toBe('stage');
    const phone = await server.connect({ deviceKey: DEVICE_A, role: 'viewer' });
    expect(phone.view?.role).toBe('viewer');
    const ack = await phone.command({
      type: 'floor.request',
      delegation: 'fra',
      kind: 'statement',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('reconnect', () => {
  it('brings a client cut off while the moderator acts back to the latest state, without a new page', async () => {
    const moderator = await server.moderator();
    const viewer = await server.connect();
    await moderator.command({ type: 'session.start' });
    await viewer.reach(1);

    const gone = new Promise((resolve) => viewer.socket.once('disconnect', resolve));
    viewer.socket.io.engine.close();
    await gone;
    await moderator.command({ type: 'speaker.next', start: true });
    server.fake.advance(30_000);
    await moderator.command({ type: 'timer.adjust', deltaMs: 30_000 });
    await moderator.command({ type: 'speaker.next', start: true });

    const mark = viewer.received.length;
    viewer.socket.connect();
    await viewer.next('session:snapshot', () => true, mark);
    const { serverNow: _n, ...latest } = await server.viewAs('viewer');
    expect(viewer.view).toEqual(latest);
    expect(viewer.view?.timer?.itemId).toBe('introduction');
    // And it keeps following from there.
    await moderator.command({ type: 'timer.pause' });
    const after = await viewer.reach(5);
    expect(after.timer?.startedAt).toBeNull();
    expect(viewer.gaps).toEqual([]);
  });
});

describe('clock samples', () => {
  it('answers clock:sync with the server time and the client time echoed', async () => {
    const viewer = await server.connect();
    server.fake.advance(3 * 3_600_000);
    const sample = await new Promise<{ clientSentAt: number; serverNow: number }>((resolve) =>
      viewer.socket.emit('clock:sync', 1234.5, resolve),
    );
    expect(sample).toEqual({ clientSentAt: 1234.5, serverNow: server.fake.now() });
  });
});

describe('a client whose clock is hours off', () => {
  it('estimates the server time within a few ms on loopback, from the best of several samples', async () => {
    await server.close();
    // The server runs three hours behind this machine's wall clock; the client five hours ahead.
    server = await startServer({ clock: offsetClock(systemClock(Date.now() - 3 * 3_600_000)) });
    const clientNow = () => Date.now() + 5 * 3_600_000;
    const viewer = await server.connect();
    const samples: ClockSampleTimes[] = [];
    for (let i = 0; i < 8; i++) {
      const sentAt = clientNow();
      const { clientSentAt, serverNow } = await new Promise<{
        clientSentAt: number;
        serverNow: number;
      }>((resolve) => viewer.socket.emit('clock:sync', sentAt, resolve));
      samples.push({ clientSentAt, serverNow, clientReceivedAt: clientNow() });
    }
    // The estimator every page uses (NTP's): the sample with the shortest round trip, its answer
    // taken to have been made half-way through it.
    const offset = bestEstimate(samples)?.offsetMs ?? Number.NaN;
    const estimate = clientNow() + offset;
    const truth = server.clock.now();
    expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(5);
    expect(Math.abs(offset + 8 * 3_600_000)).toBeLessThan(1000);
  });
});
