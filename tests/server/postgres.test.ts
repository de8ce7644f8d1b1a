/**
 * Gavel on many machines: `gavel serve` nodes sharing a log in a real PostgreSQL that this file
 * starts itself, reached by phones through a small load balancer. Every acknowledged command is in
 * the log once, in order; a node's phones see another's commands; a killed node's pages move to
 * another; a late node catches up; a database that stops refuses commands in words and, once
 * back, takes them again without a restart.
 */
import { rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol.ts';
import type { SessionView } from '../../shared/views.ts';
import { FakeClock } from '../../server/clock.ts';
import { builtInPlenary } from '../../server/config.ts';
import { localBus } from '../../server/eventLog.ts';
import { silentLogger } from '../../server/logger.ts';
import { pgBus, PgLog } from '../../server/pgLog.ts';
import { SessionHub } from '../../server/sessionHub.ts';
import { GavelProcess, killLeftovers, runGavel } from './child.ts';
import {
  connectTo,
  eventLogAt,
  STAGE_KEY,
  START,
  startServer,
  tempDir,
  TOKEN,
  until,
  type TestClient,
} from './helpers.ts';
import { TestPostgres } from './postgres.ts';

let pg: TestPostgres;
const dirs: string[] = [];
const nodes: GavelProcess[] = [];
const clients: TestClient[] = [];
const proxies: Server[] = [];

beforeAll(async () => {
  pg = await TestPostgres.start();
});
afterAll(() => {
  killLeftovers();
  pg?.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const proxy of proxies.splice(0)) proxy.close();
  for (const node of nodes.splice(0)) {
    node.kill('SIGKILL');
    await node.exited;
  }
});

/** One node on its own port and data folder, sharing the log; each test has its own database. */
async function startNode(database: string): Promise<{ node: GavelProcess; url: string }> {
  const data = tempDir();
  dirs.push(data);
  const node = new GavelProcess(
    ['serve', '--port', '0', '--host', '127.0.0.1', '--data', data, '--database-url', database],
    { GAVEL_MODERATOR_TOKEN: TOKEN, GAVEL_STAGE_KEY: STAGE_KEY },
  );
  nodes.push(node);
  const port = await node.listening();
  return { node, url: `http://127.0.0.1:${port}` };
}

let databases = 0;
/** A fresh database in the test cluster, so tests do not see one another's sessions. */
async function freshDatabase(): Promise<string> {
  databases += 1;
  const name = `gavel_${databases}`;
  const { default: pgClient } = await import('pg');
  const admin = new pgClient.Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return pg.url.replace(/\/gavel$/, `/${name}`);
}

const connect = (url: string, auth: Record<string, unknown> = {}) => connectTo(url, auth, clients);

/**
 * A load balancer in a few lines: each connection goes to the first backend that accepts it, as
 * a balancer with health checks would send it to a live node.
 */
async function balancer(backends: readonly string[]): Promise<string> {
  const ports = backends.map((b) => Number(new URL(b).port));
  const server = createServer((client: Socket) => {
    client.pause();
    const attempt = (i: number): void => {
      if (i >= ports.length) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port: ports[i] as number });
      upstream.once('error', () => attempt(i + 1));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  proxies.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const versionOf = (ack: CommandAck) => (ack.ok ? ack.version : -1);

/** A door to PostgreSQL that lets connections through only once `opened` settles. */
async function heldDoor(port: number, opened: Promise<void>): Promise<number> {
  const server = createServer((client: Socket) => {
    client.pause();
    void opened.then(() => {
      const upstream = createConnection({ host: '127.0.0.1', port });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    });
  });
  proxies.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

describe('nodes sharing a PostgreSQL log', () => {
  it('puts commands sent to two nodes at once in the log once each, in order, and each node’s phones see the other’s', async () => {
    const database = await freshDatabase();
    const [a, b] = [await startNode(database), await startNode(database)];
    const phoneOnA = await connect(a.url);
    const phoneOnB = await connect(b.url);
    const consoleA = await connect(a.url, { token: TOKEN });
    const consoleB = await connect(b.url, { token: TOKEN });
    await consoleA.command({ type: 'session.start' });
    await consoleA.command({ type: 'speaker.next', start: true });
    const acks = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? consoleB : consoleA).command(
          i % 3 ? { type: 'timer.adjust', deltaMs: 1000 } : { type: 'message.show', text: `${i}` },
        ),
      ),
    );
    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
    expect(new Set(acks.map(versionOf)).size).toBe(30);
    const log = await eventLogAt(a.url);
    expect(log.map((r) => r.version)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(await eventLogAt(b.url)).toEqual(log);

    // A command taken by B reaches the phone on A, and the other way round.
    const fromB = await consoleB.command({ type: 'timer.pause' });
    const onA = await phoneOnA.reach(versionOf(fromB));
    expect(onA.timer?.startedAt).toBeNull();
    const fromA = await consoleA.command({ type: 'timer.start' });
    const onB = await phoneOnB.reach(versionOf(fromA));
    expect(onB.timer?.startedAt).not.toBeNull();
    expect(await phoneOnA.reach(versionOf(fromA))).toEqual(onB);

    // expectedVersion means the same on every node: of two "next" at one version, one runs.
    const at = versionOf(fromA);
    await consoleB.reach(at);
    const both = await Promise.all(
      [consoleA, consoleB].map((c) =>
        c.command({ type: 'speaker.next', start: true, expectedVersion: at }),
      ),
    );
    expect(both.filter((ack) => ack.ok)).toHaveLength(1);
    expect(both.filter((ack) => !ack.ok && ack.error.code === 'stale')).toHaveLength(1);
  });

  it('moves the pages of a killed node to another through the balancer, losing nothing acknowledged', async () => {
    const database = await freshDatabase();
    const a = await startNode(database);
    const b = await startNode(database);
    const front = await balancer([a.url, b.url]);
    const phones = await Promise.all(Array.from({ length: 5 }, () => connect(front)));
    const chair = await connect(front, { token: TOKEN });
    await chair.command({ type: 'session.start' });
    const next = await chair.command({ type: 'speaker.next', start: true });
    await Promise.all(phones.map((p) => p.reach(versionOf(next))));

    // Whoever was on node A notices it is gone before anything more is sent.
    const chairLost = new Promise((resolve) => chair.socket.once('disconnect', resolve));
    a.node.kill('SIGKILL');
    await a.node.exited;
    await chairLost;
    // The console's connection went with node A: it reconnects through the balancer and goes on.
    await until(
      () => chair.socket.connected && chair.version >= versionOf(next),
      'console',
      30_000,
    );
    const after = await chair.command({ type: 'timer.adjust', deltaMs: 30_000 });
    expect(after.ok).toBe(true);
    const views: SessionView[] = await Promise.all(
      phones.map(async (p) => {
        await until(
          () => p.socket.connected && p.version >= versionOf(after),
          'a phone back',
          30_000,
        );
        return p.view as SessionView;
      }),
    );
    const latecomer = await connect(front);
    for (const view of views) expect(view).toEqual(latecomer.view);
    // The adjustment taken after the kill is there, on top of the turn's time.
    const granted = latecomer.view?.timer?.grantedMs ?? 0;
    expect(granted - (latecomer.view?.timer?.plannedMs ?? 0)).toBe(30_000);
    const log = await eventLogAt(b.url);
    expect(log.map((r) => r.command.type)).toEqual([
      'session.start',
      'speaker.next',
      'timer.adjust',
    ]);
  });

  it('lets a node started late catch up from the log and serve the same views', async () => {
    const database = await freshDatabase();
    const a = await startNode(database);
    const chair = await connect(a.url, { token: TOKEN });
    await chair.command({ type: 'session.start' });
    await chair.command({ type: 'speaker.next', start: true });
    const last = await chair.command({ type: 'message.show', text: 'Two minutes' });
    const late = await startNode(database);
    const phoneOnA = await connect(a.url);
    const phoneOnLate = await connect(late.url);
    expect(phoneOnLate.version).toBe(versionOf(last));
    expect(phoneOnLate.view).toEqual(phoneOnA.view);
    const stageOnLate = await connect(late.url, { stageKey: STAGE_KEY });
    expect(stageOnLate.view?.message?.text).toBe('Two minutes');
  });

  it('refuses commands in words while the database is down, keeps pages up, and takes them again once it is back', async () => {
    const database = await freshDatabase();
    const a = await startNode(database);
    const b = await startNode(database);
    const chair = await connect(a.url, { token: TOKEN });
    const phoneOnB = await connect(b.url);
    await chair.command({ type: 'session.start' });
    const running = await chair.command({ type: 'speaker.next', start: true });
    await phoneOnB.reach(versionOf(running));

    pg.stopServer();
    try {
      const refused = await chair.command({ type: 'timer.pause' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(refused.ok ? '' : refused.error.message).toMatch(/did not run/);
      // The pages stay up, with the running countdown they hold.
      expect(chair.socket.connected && phoneOnB.socket.connected).toBe(true);
      expect(phoneOnB.view?.timer?.startedAt).not.toBeNull();
    } finally {
      pg.startServer();
    }
    // Back: the next command goes through on the same nodes, and B's phone hears of it.
    let paused: CommandAck = { ok: false, error: { code: 'unavailable', message: '' } };
    const limit = Date.now() + 10_000;
    while (!paused.ok && Date.now() < limit) {
      paused = await chair.command({ type: 'timer.pause' });
      if (!paused.ok) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(paused.ok).toBe(true);
    const view = await phoneOnB.reach(versionOf(paused));
    expect(view.timer?.startedAt).toBeNull();
    const log = await eventLogAt(b.url);
    expect(log.map((r) => r.command.type)).toEqual([
      'session.start',
      'speaker.next',
      'timer.pause',
    ]);
  });

  it('catches a node up on what was announced before it was listening', async () => {
    const database = await freshDatabase();
    const clock = new FakeClock(START);
    const moderator = { role: 'moderator' } as const;
    const logA = await PgLog.open(database);
    const busA = pgBus(logA, silentLogger);
    const running = await SessionHub.load(logA, clock, silentLogger, busA);
    const plenary = builtInPlenary();
    expect(await running.create(plenary)).toBeNull();
    expect((await running.command(plenary.id, { type: 'session.start' }, moderator)).ok).toBe(true);

    // The second node's connection for LISTEN is held at the door, as on a slow network, while
    // it reads the log on its own connections and the first node takes a command.
    let open: () => void = () => {};
    const door = new Promise<void>((resolve) => (open = resolve));
    const held = await heldDoor(Number(new URL(database).port), door);
    const logB = await PgLog.open(database);
    const listeningLate = Object.create(logB, {
      url: { value: database.replace(/:\d+\//, `:${held}/`) },
    }) as PgLog;
    const busB = pgBus(listeningLate, silentLogger);
    const joining = await SessionHub.load(logB, clock, silentLogger, busB);
    const next = await running.command(
      plenary.id,
      { type: 'speaker.next', start: true },
      moderator,
    );
    expect(next.ok).toBe(true);
    expect(joining.state(plenary.id)?.version).toBe(1);

    open();
    await until(
      () => joining.state(plenary.id)?.version === versionOf(next),
      'the late node catching up',
    );
    expect(joining.state(plenary.id)?.currentTurnId).toBe(running.state(plenary.id)?.currentTurnId);
    for (const closing of [running, joining, busA, busB]) closing.close();
    await Promise.all([logA.close(), logB.close()]);
  });

  it('catches a node up within seconds on a command whose announcement was lost', async () => {
    const database = await freshDatabase();
    const clock = new FakeClock(START);
    const moderator = { role: 'moderator' } as const;
    // The first node writes to the log and announces nothing, as when its NOTIFY is lost.
    const logA = await PgLog.open(database);
    const silent = await SessionHub.load(logA, clock, silentLogger, localBus());
    const plenary = builtInPlenary();
    expect(await silent.create(plenary)).toBeNull();
    const logB = await PgLog.open(database);
    const busB = pgBus(logB, silentLogger);
    let heard: () => void = () => {};
    const listeningNow = new Promise<void>((resolve) => (heard = resolve));
    busB.onResync(() => heard());
    const listening = await SessionHub.load(logB, clock, silentLogger, busB);
    // Once it listens it catches up once; that done, only a later check can bring it what follows.
    await listeningNow;
    await listening.refreshSessions(true);
    expect(listening.state(plenary.id)?.version).toBe(0);

    const started = await silent.command(plenary.id, { type: 'session.start' }, moderator);
    expect(started.ok).toBe(true);
    await until(
      () => listening.state(plenary.id)?.version === versionOf(started),
      'the node hearing nothing catching up',
      15_000,
    );
    expect(listening.state(plenary.id)?.status).toBe('live');
    for (const closing of [silent, listening, busB]) closing.close();
    await Promise.all([logA.close(), logB.close()]);
  });

  it('copies every session with its whole log from a data folder to PostgreSQL and back, and refuses a target that has them', async () => {
    const folder = tempDir();
    dirs.push(folder);
    const server = await startServer({ dataDir: folder });
    await server.post({ type: 'session.start' });
    await server.post({ type: 'speaker.next', start: true });
    await server.post({ type: 'timer.adjust', deltaMs: 30_000 });
    await server.post({ type: 'floor.open' });
    const before = server.stateText();
    await server.close();

    const database = await freshDatabase();
    const there = await runGavel(['db', 'copy', folder, database]);
    expect(there.stderr).toBe('');
    expect(there.stdout).toMatch(/Copied 1 session \(4 log entries\)/);

    // A node on PostgreSQL serves the meeting where it was.
    const node = await startNode(database);
    const log = await eventLogAt(node.url);
    expect(log.map((r) => r.command.type)).toEqual([
      'session.start',
      'speaker.next',
      'timer.adjust',
      'floor.open',
    ]);

    // Copied again into the same database: refused, nothing written.
    const again = await runGavel(['db', 'copy', folder, database]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds "asp15-cooperation": nothing was copied/);
    expect(await eventLogAt(node.url)).toEqual(log);

    // And back into a new folder: the same state, to the byte.
    const back = tempDir();
    dirs.push(back);
    const home = await runGavel(['db', 'copy', database, back]);
    expect(home.code).toBe(0);
    const restored = await startServer({ dataDir: back });
    try {
      expect(restored.stateText()).toBe(before);
    } finally {
      await restored.close();
    }
    // Two gavel processes start and stop here: seconds each on a busy machine.
  }, 150_000);
});
