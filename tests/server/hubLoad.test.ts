/**
 * A process that starts while another takes commands on the same log (a worker replacing one that
 * died, a node joining): what the other appends while this one reads the log is not lost. It
 * listens first, then reads, and catches up on what it heard meanwhile; before, a command taken
 * during the read stayed unseen on the new process until the next command.
 */
import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { FakeClock } from '../../server/clock.ts';
import { builtInPlenary } from '../../server/config.ts';
import type { Announcement, Bus, EventLog } from '../../server/eventLog.ts';
import { silentLogger, type Logger } from '../../server/logger.ts';
import { SessionHub } from '../../server/sessionHub.ts';
import { Store } from '../../server/store.ts';
import { START, tempDir, until } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh data folder for one test, removed after the file. */
function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

/** Announcements between hubs of one test, delivered at once, as IPC or NOTIFY would. */
function sharedBus(): () => Bus {
  const listeners = new Set<(a: Announcement) => void>();
  return () => {
    const mine = new Set<(a: Announcement) => void>();
    return {
      shared: true,
      publish: (a) => {
        for (const l of listeners) if (!mine.has(l)) l(a);
      },
      subscribe(listener) {
        listeners.add(listener);
        mine.add(listener);
        return () => listeners.delete(listener);
      },
      onResync: () => () => {},
      close: () => {},
    };
  };
}

it('a hub that starts while another commits sees the command taken during its read of the log', async () => {
  const dir = dataDir();
  const clock = new FakeClock(START);
  const bus = sharedBus();
  const running = await SessionHub.load(Store.open(dir), clock, silentLogger, bus());
  const plenary = builtInPlenary();
  expect(await running.create(plenary)).toBeNull();
  const moderator = { role: 'moderator' } as const;
  expect((await running.command(plenary.id, { type: 'session.start' }, moderator)).ok).toBe(true);

  // The new process's log: once it has read a session's rows, it waits until the other process
  // has taken a command, as a slow start on a busy machine would.
  const log = Store.open(dir);
  let readRows: () => void = () => {};
  const reading = new Promise<void>((resolve) => (readRows = resolve));
  let rowsRead: () => void = () => {};
  const hasRead = new Promise<void>((resolve) => (rowsRead = resolve));
  const slowLog: EventLog = Object.create(log, {
    rowsAfter: {
      value: async (session: string, version: number) => {
        const rows = await log.rowsAfter(session, version);
        rowsRead();
        await reading;
        return rows;
      },
    },
  }) as EventLog;
  const starting = SessionHub.load(slowLog, clock, silentLogger, bus());
  await hasRead;
  const next = await running.command(plenary.id, { type: 'speaker.next', start: true }, moderator);
  expect(next.ok).toBe(true);
  readRows();
  const started = await starting;

  expect(started.state(plenary.id)?.version).toBe(next.ok ? next.version : -1);
  expect(started.state(plenary.id)?.currentTurnId).not.toBeNull();
  started.close();
  running.close();
  await log.close();
});

it('a hub that cannot read the log when it hears of a command reads it again each second, and says so once', async () => {
  const dir = dataDir();
  const clock = new FakeClock(START);
  const bus = sharedBus();
  const running = await SessionHub.load(Store.open(dir), clock, silentLogger, bus());
  const plenary = builtInPlenary();
  expect(await running.create(plenary)).toBeNull();
  const moderator = { role: 'moderator' } as const;

  // The other process's log fails its next three reads, as a database away for a while would.
  const log = Store.open(dir);
  let away = 0;
  let failedReads = 0;
  const flakyLog: EventLog = Object.create(log, {
    rowsAfter: {
      value: async (session: string, version: number) => {
        if (away > 0) {
          away -= 1;
          failedReads += 1;
          throw new Error('the database is away');
        }
        return log.rowsAfter(session, version);
      },
    },
  }) as EventLog;
  const lines: string[] = [];
  const logger: Logger = {
    info: (line) => lines.push(`info: ${line}`),
    warn: (line) => lines.push(`warn: ${line}`),
    error: (line) => lines.push(`error: ${line}`),
  };
  const other = await SessionHub.load(flakyLog, clock, logger, bus());
  away = 3;
  const started = await running.command(plenary.id, { type: 'session.start' }, moderator);
  expect(started.ok).toBe(true);

  // No other command follows, so no other announcement: the retry alone brings it level.
  await until(
    () => other.state(plenary.id)?.version === (started.ok ? started.version : -1),
    'the second hub reading the log again',
  );
  expect(failedReads).toBe(3);
  expect(other.state(plenary.id)?.status).toBe('live');
  // Whoever runs the server reads of the outage once, and of its end once.
  expect(lines).toEqual([
    `error: Could not catch up "${plenary.id}" from the log (trying again every second): Error: the database is away`,
    `info: "${plenary.id}" is caught up from the log again.`,
  ]);
  other.close();
  running.close();
  await log.close();
});

/**
 * A log whose next list of sessions, once `hold()` is called, waits until `release()`, as a slow
 * database would; `held` settles when that list has been read. `reads` counts the lists read.
 */
function holdingList(log: Store) {
  let holding = false;
  let release: () => void = () => {};
  let listRead: () => void = () => {};
  const held = new Promise<void>((resolve) => (listRead = resolve));
  const counted = { reads: 0 };
  const slow: EventLog = Object.create(log, {
    sessions: {
      value: async () => {
        counted.reads += 1;
        const list = await log.sessions();
        if (holding) {
          holding = false;
          listRead();
          await new Promise<void>((resolve) => (release = resolve));
        }
        return list;
      },
    },
  }) as EventLog;
  return {
    log: slow,
    held,
    counted,
    hold: () => {
      holding = true;
      counted.reads = 0;
    },
    release: () => release(),
  };
}

it('a list of sessions read before a session was deleted here does not bring it back', async () => {
  const dir = dataDir();
  const clock = new FakeClock(START);
  const log = Store.open(dir);
  const slow = holdingList(log);
  const hub = await SessionHub.load(slow.log, clock, silentLogger, sharedBus()());
  const rehearsal = { ...builtInPlenary(), id: 'rehearsal' };
  expect(await hub.create(rehearsal)).toBeNull();

  slow.hold();
  const reading = hub.refreshSessions();
  await slow.held;
  expect(await hub.delete(rehearsal.id)).toBeNull();
  slow.release();
  await reading;

  expect(hub.has(rehearsal.id)).toBe(false);
  expect((await log.sessions()).map((s) => s.id)).not.toContain(rehearsal.id);
  hub.close();
  await log.close();
});

it('asking for the list of sessions again and again while the log is slow reads it twice, not each time', async () => {
  const dir = dataDir();
  const clock = new FakeClock(START);
  const log = Store.open(dir);
  const slow = holdingList(log);
  const hub = await SessionHub.load(slow.log, clock, silentLogger, sharedBus()());
  expect(await hub.create(builtInPlenary())).toBeNull();

  slow.hold();
  const first = hub.refreshSessions();
  await slow.held;
  // Fifty more asks while the database holds the first reading: every five seconds for minutes.
  const more = Array.from({ length: 50 }, (_, i) => hub.refreshSessions(i % 2 === 0));
  slow.release();
  await Promise.all([first, ...more]);
  expect(slow.counted.reads).toBe(2);
  hub.close();
  await log.close();
});

it("a chair's command that arrives while a crowd's commands run goes before the rest of them", async () => {
  const dir = dataDir();
  const log = Store.open(dir);
  const hub = await SessionHub.load(log, new FakeClock(START), silentLogger);
  const plenary = builtInPlenary();
  expect(await hub.create(plenary)).toBeNull();
  const moderator = { role: 'moderator' } as const;
  expect((await hub.command(plenary.id, { type: 'session.start' }, moderator)).ok).toBe(true);

  // Two thousand delegates ask for the floor before the list is open: each is decided and
  // refused, none written, so each step answers at once.
  const answered: string[] = [];
  const crowd = Array.from({ length: 2000 }, (_, i) =>
    hub
      .command(
        plenary.id,
        { type: 'floor.request', delegation: 'fra', kind: 'statement', floorCode: 'ICC15' },
        { role: 'delegate', deviceKey: `device-${String(i).padStart(16, '0')}` },
      )
      .then((ack) => {
        expect(ack).toMatchObject({ ok: false, error: { key: 'list-not-open-yet' } });
        answered.push('phone');
      }),
  );
  // The moderator's command arrives from the network a moment later: in a later turn of the
  // event loop than the crowd's.
  const chair = new Promise<void>((resolve) =>
    setImmediate(() => {
      void hub
        .command(plenary.id, { type: 'message.show', text: 'Silence, please' }, moderator)
        .then((ack) => {
          expect(ack.ok).toBe(true);
          answered.push('chair');
          resolve();
        });
    }),
  );
  await Promise.all([...crowd, chair]);
  // It waited for a millisecond of the crowd, not for all two thousand.
  expect(answered.indexOf('chair')).toBeLessThan(1000);
  hub.close();
  await log.close();
});
