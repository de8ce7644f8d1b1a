/**
 * `gavel serve --workers 2`: two worker processes share the port and the SQLite file. Commands
 * taken by either are in the log once, in order; each worker's phones see the other's commands;
 * a killed worker is replaced and its pages come back without losing anything acknowledged.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol.ts';
import type { SessionView } from '../../shared/views.ts';
import { GavelProcess, killLeftovers } from './child.ts';
import {
  connectTo,
  eventLogAt,
  STAGE_KEY,
  tempDir,
  TOKEN,
  until,
  type TestClient,
} from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  killLeftovers();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Cluster {
  readonly gavel: GavelProcess;
  readonly url: string;
  readonly clients: TestClient[];
  connect(auth?: Record<string, unknown>): Promise<TestClient>;
}

let running: Cluster | null = null;
afterEach(async () => {
  for (const client of running?.clients ?? []) client.close();
  running?.gavel.kill('SIGTERM');
  await running?.gavel.exited;
  running = null;
});

async function startCluster(): Promise<Cluster> {
  const data = tempDir();
  dirs.push(data);
  const gavel = new GavelProcess(
    ['serve', '--workers', '2', '--port', '0', '--host', '127.0.0.1', '--data', data],
    { GAVEL_MODERATOR_TOKEN: TOKEN, GAVEL_STAGE_KEY: STAGE_KEY },
  );
  const port = await gavel.listening();
  const url = `http://127.0.0.1:${port}`;
  const clients: TestClient[] = [];
  const cluster: Cluster = {
    gavel,
    url,
    clients,
    connect: (auth = {}) => connectTo(url, auth, clients),
  };
  running = cluster;
  return cluster;
}

/** The primary's worker processes, from the kernel's list of its children. */
function workerPids(gavel: GavelProcess): number[] {
  const text = readFileSync(`/proc/${gavel.pid}/task/${gavel.pid}/children`, 'utf8');
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Which worker a socket is on: the Engine.IO session id names it (`w1-…`, `w2-…`). */
const workerOf = (client: TestClient) => /^w(\d+)-/.exec(client.socket.io.engine.id)?.[1];

describe('two workers on one machine', () => {
  it('puts every acknowledged command in the log once, in order, whichever worker took it', async () => {
    const cluster = await startCluster();
    const consoles = [
      await cluster.connect({ token: TOKEN }),
      await cluster.connect({ token: TOKEN }),
    ];
    expect(new Set(consoles.map(workerOf)).size).toBe(2);
    const phones = await Promise.all(Array.from({ length: 6 }, () => cluster.connect()));
    expect(new Set(phones.map(workerOf))).toEqual(new Set(['1', '2']));
    await consoles[0]?.command({ type: 'session.start' });
    await consoles[0]?.command({ type: 'speaker.next', start: true });

    // Both consoles at once, twenty commands each, alternating between two kinds.
    const acks = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (consoles[i % 2] as TestClient).command(
          i % 4 < 2
            ? { type: 'message.show', text: `Note ${i}` }
            : { type: 'timer.adjust', deltaMs: 1000 },
        ),
      ),
    );
    const refused = acks.filter((a) => !a.ok);
    expect(refused).toEqual([]);
    const versions = acks.map((a) => (a as Extract<CommandAck, { ok: true }>).version);
    expect(new Set(versions).size).toBe(40);
    const log = await eventLogAt(cluster.url);
    expect(log.map((r) => r.version)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(log.filter((r) => r.command.type === 'timer.adjust')).toHaveLength(20);

    // Every phone, on either worker, ends with the view a phone joining now is sent whole.
    const last = Math.max(...versions);
    const views = await Promise.all(phones.map((p) => p.reach(last)));
    const latecomer = await cluster.connect();
    for (const view of views) expect(view).toEqual(latecomer.view);
  });

  it('keeps expectedVersion meaning across workers: of two "next" at the same version, one runs', async () => {
    const cluster = await startCluster();
    const [a, b] = [
      await cluster.connect({ token: TOKEN }),
      await cluster.connect({ token: TOKEN }),
    ];
    expect(workerOf(a as TestClient)).not.toBe(workerOf(b as TestClient));
    const started = await a?.command({ type: 'session.start' });
    const version = started?.ok ? started.version : -1;
    await b?.reach(version);
    const both = await Promise.all(
      [a, b].map((c) =>
        (c as TestClient).command({ type: 'speaker.next', start: true, expectedVersion: version }),
      ),
    );
    expect(both.filter((ack) => ack.ok)).toHaveLength(1);
    expect(both.filter((ack) => !ack.ok && ack.error.code === 'stale')).toHaveLength(1);
    const log = await eventLogAt(cluster.url);
    expect(log.filter((r) => r.command.type === 'speaker.next')).toHaveLength(1);
  });

  it('counts every worker in the console, and replaces a killed worker while its pages come back', async () => {
    const cluster = await startCluster();
    const moderator = await cluster.connect({ token: TOKEN });
    const phones = await Promise.all(Array.from({ length: 6 }, () => cluster.connect()));
    await cluster.connect({ stageKey: STAGE_KEY });
    await until(
      () =>
        moderator.received.some(
          (r) =>
            r.event === 'presence' &&
            (r.payload as { viewers: number; stages: number }).viewers === 6 &&
            (r.payload as { stages: number }).stages === 1,
        ),
      'presence of six phones and a stage over both workers',
    );
    const started = await moderator.command({ type: 'session.start' });
    expect(started.ok).toBe(true);

    const before = workerPids(cluster.gavel);
    expect(before).toHaveLength(2);
    // Kill the worker that does not hold the console: the meeting goes on from the other.
    const consoleWorker = workerOf(moderator);
    const victims = phones.filter((p) => workerOf(p) !== consoleWorker);
    expect(victims.length).toBeGreaterThan(0);
    const victimPid = before.find((pid) => {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      return !env.includes(`GAVEL_WORKER_SLOT=${consoleWorker}\0`);
    });
    process.kill(victimPid as number, 'SIGKILL');

    const next = await moderator.command({ type: 'speaker.next', start: true });
    expect(next.ok).toBe(true);
    const version = next.ok ? next.version : -1;
    // The killed worker's phones reconnect (to the survivor or the replacement) and catch up.
    const views: SessionView[] = await Promise.all(
      victims.map(async (p) => {
        await until(
          () => p.socket.connected && p.version >= version,
          'a phone back and in step',
          30_000,
        ).catch((error: unknown) => {
          // Says where the phone got to, for a failure seen only on a busy machine.
          const where = {
            connected: p.socket.connected,
            worker: p.socket.connected ? workerOf(p) : null,
            version: p.version,
            gaps: p.gaps,
            last: p.received.slice(-4).map((r) => r.event),
          };
          throw new Error(`${String(error)}: ${JSON.stringify(where)}`);
        });
        return p.view as SessionView;
      }),
    );
    for (const view of views) expect(view.current.turnId).not.toBeNull();
    const after = await until(
      () => {
        const pids = workerPids(cluster.gavel);
        return pids.length === 2 && !pids.includes(victimPid as number) && pids;
      },
      'a replacement worker',
      30_000,
    );
    expect(after).toHaveLength(2);
    expect(cluster.gavel.stderr).toMatch(/Worker \d stopped \(SIGKILL\): starting another/);
    const log = await eventLogAt(cluster.url);
    expect(log.map((r) => r.version)).toEqual([1, 2]);
  });
});
