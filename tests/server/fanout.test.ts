/**
 * The audience never delays the chair: a broadcast to a large room is sent in slices with the
 * event loop free between them, in order, and a joining phone gets a packed snapshot.
 */
import { inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackedSnapshot, Snapshot } from '../../shared/protocol.ts';
import { Fanout } from '../../server/fanout.ts';
import { startServer, type TestClient, type TestServer } from './helpers.ts';

/** A clock that moves 1 ms each time it is read, so a 2 ms slice runs about two sends. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 1);
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the fan-out queue', () => {
  it('sends in the order queued, a first slice at once and the rest after the event loop turns', async () => {
    const fanout = new Fanout(2, steppingClock());
    const sent: number[] = [];
    for (let i = 0; i < 10; i++) fanout.push(() => sent.push(i));
    fanout.flush();
    // Only the first slice ran: the rest waits for I/O (a moderator's command) to be served.
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(10);
    let ioRanBetweenSlices = false;
    setImmediate(() => (ioRanBetweenSlices = sent.length < 10));
    while (fanout.pending > 0) await turn();
    expect(ioRanBetweenSlices).toBe(true);
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('puts what is queued during a fan-out after what was queued before it', async () => {
    const fanout = new Fanout(2, steppingClock());
    const sent: string[] = [];
    for (let i = 0; i < 6; i++) fanout.push(() => sent.push(`a${i}`));
    fanout.flush();
    for (let i = 0; i < 6; i++) fanout.push(() => sent.push(`b${i}`));
    fanout.flush();
    while (fanout.pending > 0) await turn();
    expect(sent).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
  });

  it('runs a small room entirely before flush returns', () => {
    const fanout = new Fanout(2, () => 0);
    const sent: number[] = [];
    for (let i = 0; i < 100; i++) fanout.push(() => sent.push(i));
    fanout.flush();
    expect(sent).toHaveLength(100);
    expect(fanout.pending).toBe(0);
  });

  it('drops what is queued when the server closes', async () => {
    const fanout = new Fanout(2, steppingClock());
    const sent: number[] = [];
    for (let i = 0; i < 10; i++) fanout.push(() => sent.push(i));
    fanout.flush();
    const before = sent.length;
    fanout.close();
    await turn();
    await turn();
    expect(sent).toHaveLength(before);
    expect(fanout.pending).toBe(0);
  });
});

describe('a large room', () => {
  let server: TestServer;
  afterEach(async () => server.app.close());

  it('brings every phone every update in order, across many shards, while the moderator goes on', async () => {
    server = await startServer();
    const phones: TestClient[] = [];
    // 300 phones fill five shards of the audience's room.
    for (let i = 0; i < 300; i += 50) {
      phones.push(...(await Promise.all(Array.from({ length: 50 }, () => server.connect()))));
    }
    const moderator = await server.moderator();
    await moderator.command({ type: 'session.start' });
    let version = 0;
    for (let i = 0; i < 5; i++) {
      const ack = await moderator.command({ type: 'speaker.next', start: true });
      expect(ack.ok).toBe(true);
      if (ack.ok) version = ack.version;
    }
    const views = await Promise.all(phones.map((p) => p.reach(version)));
    // What each phone built from its updates is what a phone joining now is sent whole.
    const latecomer = await server.connect();
    for (const [i, view] of views.entries()) {
      expect(view, `phone ${i}`).toEqual(latecomer.view);
      expect(phones[i]?.gaps, `phone ${i}`).toEqual([]);
    }
    expect(views[0]?.current.turnId).not.toBeNull();
  });

  it('sends a page that asks for it its snapshot packed: the same view in far fewer bytes', async () => {
    server = await startServer();
    const plain = await server.connect();
    const packedPhone = server.socket({ packed: true });
    const packed = await packedPhone.next<PackedSnapshot>('session:packed');
    const snapshot = plain.received.find((r) => r.event === 'session:snapshot')
      ?.payload as Snapshot;
    const bytes = Buffer.from(packed.packed as Uint8Array);
    const view: unknown = JSON.parse(inflateRawSync(bytes).toString('utf8'));
    expect(view).toEqual(snapshot.view);
    expect(packed.version).toBe(snapshot.version);
    expect(bytes.length).toBeLessThan(JSON.stringify(snapshot.view).length / 2);
    expect(packedPhone.received.some((r) => r.event === 'session:snapshot')).toBe(false);
  });
});
