/**
 * The open floor from phones, over real sockets: many devices asking at once, a device flooding,
 * a delegate reaching for what is not its own, the floor code, and the plenary's interactive
 * segment with its record.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { categoryRank } from '../../shared/categories.ts';
import { DELEGATIONS } from '../../shared/delegations.ts';
import type { SessionRecord } from '../../shared/record.ts';
import type { RequestView } from '../../shared/views.ts';
import type { GavelError } from '../../shared/errors.ts';
import type { CommandAck } from '../../shared/protocol.ts';
import {
  refusalOf,
  SESSION,
  startServer,
  TOKEN,
  type TestClient,
  type TestServer,
  until,
} from './helpers.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const MIN = 60_000;
/** A device key as a browser makes one: 16 characters at least. */
const key = (name: string) => `${name}-0123456789abcdef`;
const CODE = 'ICC15';

/** Opens the floor of the plenary: start, end the panel, open the list with a floor code. */
async function openFloor(moderator: TestClient): Promise<void> {
  for (const command of [
    { type: 'session.start' },
    { type: 'segment.end' },
    { type: 'floor.open', floorCode: CODE },
  ]) {
    expect(await moderator.command(command)).toMatchObject({ ok: true });
  }
}

/** Delegations of every category, in an order that is not their precedence. */
function mixedDelegations(n: number) {
  const byCategory = ['civil-society', 'organisation', 'observer-state', 'state-party'].map((c) =>
    DELEGATIONS.filter((d) => d.category === c && !d.group),
  );
  const out: (typeof DELEGATIONS)[number][] = [];
  for (let i = 0; out.length < n; i++) {
    const list = byCategory[i % byCategory.length] ?? [];
    const d = list[Math.floor(i / byCategory.length)];
    if (d) out.push(d);
  }
  return out;
}

describe('the open floor from phones', () => {
  it('queues a hundred devices asking at once, all of them, in the order of precedence', async () => {
    const moderator = await server.moderator();
    await openFloor(moderator);
    const delegations = mixedDelegations(100);
    const devices = await Promise.all(
      delegations.map((_, i) => server.connect({ deviceKey: key(`device-${i}`) })),
    );
    const acks = await Promise.all(
      devices.map((device, i) =>
        device.command({
          type: 'floor.request',
          delegation: delegations[i]?.id,
          kind: 'statement',
          floorCode: CODE,
        }),
      ),
    );
    expect(acks.flatMap((a) => (a.ok ? [] : [a.error]))).toEqual([]);
    const view = await moderator.reach(Math.max(...acks.map((a) => (a.ok ? a.version : 0))));
    const requests = view.floor.requests;
    expect(requests).toHaveLength(100);
    expect(new Set(requests.map((r) => r.delegation.id)).size).toBe(100);

    // Approved in reverse: the list still follows precedence, then the order of asking.
    for (const request of [...requests].reverse()) {
      expect(
        await moderator.command({ type: 'floor.approve', requestId: request.id }),
      ).toMatchObject({ ok: true });
    }
    const final = await moderator.reach(view.version + 100);
    const queue = final.floor.queue;
    expect(queue).toHaveLength(100);
    const seqOf = new Map(requests.map((r) => [r.id, r.seq]));
    const sorted = [...queue].sort(
      (a, b) =>
        categoryRank(a.category) - categoryRank(b.category) ||
        (seqOf.get(a.id) ?? 0) - (seqOf.get(b.id) ?? 0),
    );
    expect(queue.map((q) => q.id)).toEqual(sorted.map((q) => q.id));
    expect(queue[0]?.category).toBe('state-party');
    expect(queue.at(-1)?.category).toBe('civil-society');

    // Each device is told its own request is on the list, and only its own.
    const device = devices[42] as TestClient;
    const mine = await device.next<{ requests: RequestView[] }>('floor:mine', (m) =>
      m.requests.some((r) => r.status === 'queued'),
    );
    expect(mine.requests.map((r) => r.delegation.id)).toEqual([delegations[42]?.id]);
  });

  it('cuts off a device flooding requests, in words, keeps it away, while others go on', async () => {
    const moderator = await server.moderator();
    await openFloor(moderator);
    const flooder = await server.connect({ deviceKey: key('flooding-device') });
    const neighbour = await server.connect({ deviceKey: key('quiet-device') });
    const states = DELEGATIONS.filter((d) => d.category === 'state-party').slice(0, 30);
    const acks: CommandAck[] = [];
    const gone = new Promise<string>((resolve) => flooder.socket.on('disconnect', resolve));
    for (const d of states) {
      flooder.socket.emit(
        'session:command',
        { type: 'floor.request', delegation: d.id, kind: 'statement', floorCode: CODE },
        (ack) => acks.push(ack),
      );
    }
    const closed = await flooder.next<GavelError>('session:closed');
    expect(closed.code).toBe('rate-limited');
    expect(closed.message).toMatch(/too many/i);
    expect(closed.retryAfterMs).toBeGreaterThan(0);
    expect(await gone).toBe('io server disconnect');
    // One request was taken; the machine refused the next ones (one request a device at a time)
    // until the socket's budget was spent; the one over it was answered, then the socket closed.
    expect(acks[0]).toMatchObject({ ok: true });
    expect(acks.slice(1).every((a) => !a.ok && a.error.code === 'rate-limited')).toBe(true);
    const last = acks.at(-1);
    expect(last && !last.ok && last.error.message).toMatch(/Too many commands/);
    expect(acks.length).toBeLessThan(states.length);

    // The same device cannot come straight back, and is told when it may.
    const again = server.socket({ deviceKey: key('flooding-device') });
    const refused = await refusalOf(again);
    expect(refused.code).toBe('rate-limited');
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.message).toMatch(/reconnect in \d+ s/);

    // The room goes on: another phone at the same address asks and is heard.
    const other = await neighbour.command({
      type: 'floor.request',
      delegation: 'cri',
      kind: 'statement',
      floorCode: CODE,
    });
    expect(other).toMatchObject({ ok: true });
    const view = await moderator.reach(other.ok ? other.version : -1);
    expect(view.floor.requests.map((r) => r.delegation.id)).toEqual([states[0]?.id, 'cri']);
  });

  it('gives a device one budget however many connections it opens: twenty sockets of one key get ten commands decided between them, then all are cut off', async () => {
    const moderator = await server.moderator();
    await openFloor(moderator);
    const sockets = await Promise.all(
      Array.from({ length: 20 }, () => server.connect({ deviceKey: key('many-sockets') })),
    );
    const states = DELEGATIONS.filter((d) => d.category === 'state-party');
    const acks: CommandAck[] = [];
    const closed = sockets.map((s) => s.next<GavelError>('session:closed'));
    for (const [i, socket] of sockets.entries()) {
      for (let n = 0; n < 12; n++) {
        socket.socket.emit(
          'session:command',
          {
            type: 'floor.request',
            delegation: states[(i * 12 + n) % states.length]?.id,
            kind: 'statement',
            floorCode: CODE,
          },
          (ack) => acks.push(ack),
        );
      }
    }
    for (const refusal of await Promise.all(closed)) expect(refusal.code).toBe('rate-limited');
    await until(() => acks.length >= 20, 'an answer to each socket');
    // Decided: taken, or refused by the meeting's rules (one request a device every 10 s), not
    // for the device's rate.
    const decided = acks.filter((a) => a.ok || a.error.key !== 'too-many-commands');
    // Ten at once, and the allowance refills at two a second while the sockets send.
    expect(decided.length).toBeGreaterThanOrEqual(10);
    expect(decided.length).toBeLessThanOrEqual(12);
    expect(decided.filter((a) => a.ok)).toHaveLength(1);

    // Another device at the same address still has its own budget.
    const neighbour = await server.connect({ deviceKey: key('one-socket') });
    expect(
      await neighbour.command({
        type: 'floor.request',
        delegation: 'cri',
        kind: 'statement',
        floorCode: CODE,
      }),
    ).toMatchObject({ ok: true });
  });

  it('lets a delegate change nothing but its own request', async () => {
    const moderator = await server.moderator();
    await openFloor(moderator);
    const a = await server.connect({ deviceKey: key('device-a') });
    const b = await server.connect({ deviceKey: key('device-b') });
    await a.command({
      type: 'floor.request',
      delegation: 'fra',
      kind: 'statement',
      floorCode: CODE,
    });
    await b.command({
      type: 'floor.request',
      delegation: 'deu',
      kind: 'statement',
      floorCode: CODE,
    });
    const view = await moderator.reach(5);
    const [fra, deu] = view.floor.requests;
    await moderator.command({ type: 'floor.approve', requestId: fra?.id });
    const before = server.stateText();
    for (const command of [
      { type: 'floor.approve', requestId: deu?.id },
      { type: 'floor.decline', requestId: fra?.id },
      { type: 'floor.move', requestId: fra?.id, toIndex: 0 },
      { type: 'floor.give', requestId: fra?.id },
      { type: 'floor.withdraw', requestId: fra?.id },
      // An answer is the secretariat's to inscribe (a point of order was too, until issue 15).
      { type: 'floor.request', delegation: 'bensouda', kind: 'answer', floorCode: CODE },
      {
        type: 'floor.request',
        delegation: 'ita',
        kind: 'statement',
        category: 'state-party',
        floorCode: CODE,
      },
    ]) {
      const ack = await b.command(command);
      expect(ack, JSON.stringify(command)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(server.stateText()).toBe(before);
    // Its own, it may withdraw.
    expect(await b.command({ type: 'floor.withdraw', requestId: deu?.id })).toMatchObject({
      ok: true,
    });
  });

  it('refuses a device without the floor code, and one with a wrong code, in words', async () => {
    const moderator = await server.moderator();
    await openFloor(moderator);
    const device = await server.connect({ deviceKey: key('no-code') });
    const before = server.stateText();
    const without = await device.command({
      type: 'floor.request',
      delegation: 'bra',
      kind: 'statement',
    });
    expect(without).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(without.ok ? '' : without.error.message).toContain('floor code');
    const wrong = await device.command({
      type: 'floor.request',
      delegation: 'bra',
      kind: 'statement',
      floorCode: 'NOPE1',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(server.stateText()).toBe(before);
    // The code as shown in the room, in any case, is taken.
    expect(
      await device.command({
        type: 'floor.request',
        delegation: 'bra',
        kind: 'statement',
        floorCode: 'icc15',
      }),
    ).toMatchObject({ ok: true });
    // The viewers never learn the code; they learn that one is needed.
    const viewer = await server.connect();
    expect(viewer.view?.floor).toMatchObject({ floorCodeRequired: true, floorCode: null });
  });

  it('runs the interactive segment with 25 requests from 25 devices, and its record', async () => {
    const moderator = await server.moderator();
    await openFloor(moderator);
    const delegations = mixedDelegations(25);
    const devices = await Promise.all(
      delegations.map((_, i) => server.connect({ deviceKey: key(`phone-${i}`) })),
    );
    for (const [i, device] of devices.entries()) {
      const kind = i % 5 === 0 ? 'question' : 'statement';
      const ack = await device.command({
        type: 'floor.request',
        delegation: delegations[i]?.id,
        kind,
        ...(kind === 'question' ? { addressedTo: i % 2 === 0 ? 'bensouda' : 'von-hebel' } : {}),
        floorCode: CODE,
      });
      expect(ack, delegations[i]?.id).toMatchObject({ ok: true });
      server.fake.advance(1_000);
    }
    let view = await moderator.reach((await moderator.barrier(), moderator.version));
    for (const request of view.floor.requests) {
      expect(
        await moderator.command({ type: 'floor.approve', requestId: request.id }),
      ).toMatchObject({ ok: true });
    }
    view = await moderator.reach((await moderator.barrier(), moderator.version));
    const expectedOrder = view.floor.queue.map((q) => q.id);
    expect(expectedOrder).toHaveLength(25);

    // Each is given the floor in turn and speaks a different length: 1:30 plus i seconds.
    const spoken: number[] = [];
    for (let i = 0; i < 25; i++) {
      expect(await moderator.command({ type: 'speaker.next', start: true })).toMatchObject({
        ok: true,
      });
      const ms = 90_000 + i * 1_000;
      spoken.push(ms);
      server.fake.advance(ms);
    }
    expect(await moderator.command({ type: 'speaker.finish' })).toMatchObject({ ok: true });
    expect(await moderator.command({ type: 'segment.end' })).toMatchObject({ ok: true });

    // A phone sees its own request done.
    const last = devices[0] as TestClient;
    await last.next<{ requests: RequestView[] }>(
      'floor:mine',
      (m) => m.requests[0]?.status === 'done',
    );

    const res = await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN });
    const record = res.json as SessionRecord;
    const floorTurns = record.turns.filter((t) => t.segmentId === 'floor');
    expect(floorTurns.map((t) => t.requestId)).toEqual(expectedOrder);
    expect(floorTurns.map((t) => t.spokenMs)).toEqual(spoken);
    const floorSegment = record.segments.find((s) => s.segmentId === 'floor');
    expect(floorSegment).toMatchObject({ turns: 25, spokenMs: spoken.reduce((a, b) => a + b, 0) });
    expect(record.requests.every((r) => r.status === 'done')).toBe(true);
    // Statements of 3 minutes and questions of 2: those who spoke past their time are marked.
    for (const t of floorTurns) {
      expect(t.overrunMs).toBe(
        Math.max(0, t.spokenMs - (t.kind === 'question' ? 2 * MIN : 3 * MIN)),
      );
    }
    const byCategory = Object.fromEntries(record.byCategory.map((c) => [c.category, c.turns]));
    // Asked in turn by civil society, an organisation, an observer State and a State Party.
    expect(byCategory).toMatchObject({
      'state-party': 6,
      'observer-state': 6,
      organisation: 6,
      'civil-society': 7,
    });
  });
});
