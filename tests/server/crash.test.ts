/**
 * Crash: the server is a child process killed with SIGKILL at several points inside a run of
 * commands. Each time it comes back with every acknowledged command and nothing else, and the
 * timer that was running is still running with the right time left. The server's clock is frozen
 * (GAVEL_TEST_CLOCK=frozen) so that the test knows the time of every command, and can work out
 * by itself, with the pure state machine, what the server must hold.
 *
 * Two runs: a short hand-written script, and a whole plenary generated from a seed (set
 * CRASH_SEED to replay or explore another), killed at random points with commands in flight.
 */
import { rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from '../../shared/commands.ts';
import { DELEGATIONS } from '../../shared/delegations.ts';
import type { GavelEvent } from '../../shared/events.ts';
import { execute } from '../../shared/machine.ts';
import type { RequestKind } from '../../shared/programme.ts';
import type { CommandAck, Snapshot } from '../../shared/protocol.ts';
import { initialState, type SessionState } from '../../shared/state.ts';
import { remainingAt } from '../../shared/timer.ts';
import { viewFor } from '../../shared/views.ts';
import { builtInPlenary } from '../../server/config.ts';
import shippedDelegations from '../../shared/programmes/delegations.json' with { type: 'json' };
import { DelegationList } from '../../shared/delegationList.ts';
import { withStatesParties } from '../../shared/membership.ts';
import type { Programme } from '../../shared/programme.ts';
import { GavelProcess, killLeftovers } from './child.ts';
import { SESSION, STAGE_KEY, START, tempDir, TOKEN, type ClientSocket } from './helpers.ts';

/** The built-in plenary as the server creates its session: ranked by the States Parties of its day. */
function plenaryAsCreated(): Programme {
  const created = withStatesParties(
    builtInPlenary(),
    DelegationList.parse(shippedDelegations),
    new Date().toISOString().slice(0, 10),
  );
  if (!created.ok) throw new Error('The built-in plenary names a State the list does not have.');
  return created.programme;
}

type Step =
  | { readonly command: Command }
  | { readonly advanceMs: number }
  | { readonly crash: 'before-send' | number };

const c = (command: Command): Step => ({ command });
const wait = (advanceMs: number): Step => ({ advanceMs });
/** SIGKILL right after sending the next three commands: before any answer, or after `n` answers. */
const crash = (when: 'before-send' | number): Step => ({ crash: when });

const SCRIPT: readonly Step[] = [
  c({ type: 'session.start' }),
  c({ type: 'speaker.next', start: true }),
  wait(60_000),
  crash('before-send'),
  c({ type: 'timer.adjust', deltaMs: 30_000 }),
  c({ type: 'message.show', text: 'One minute left' }),
  c({ type: 'stage.flash' }),
  wait(90_000),
  c({ type: 'speaker.next', start: true }),
  wait(120_000),
  crash(1),
  c({ type: 'timer.adjust', deltaMs: 15_000 }),
  c({ type: 'message.clear' }),
  c({ type: 'speaker.next', start: true }),
  wait(45_000),
  c({ type: 'timer.pause' }),
  wait(10_000),
  c({ type: 'timer.start' }),
  wait(200_000),
  crash(2),
  c({ type: 'timer.adjust', deltaMs: -10_000 }),
  c({ type: 'message.show', text: 'Please conclude' }),
  c({ type: 'timer.adjust', deltaMs: 5_000 }),
  wait(5_000),
  c({ type: 'speaker.next', start: true }),
  wait(30_000),
  crash(3),
  c({ type: 'timer.set', remainingMs: 300_000 }),
  c({ type: 'message.clear' }),
  c({ type: 'stage.flash' }),
  wait(1_000),
  c({ type: 'speaker.next', start: true }),
];

const DOWNTIME_MS = 7_000;
const dirs: string[] = [];
afterAll(() => {
  killLeftovers();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** One run of the server on the data folder, its clock frozen at `clockAt`. */
async function boot(dataDir: string, clockAt: number) {
  const child = new GavelProcess(
    ['serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir],
    {
      GAVEL_TEST_CLOCK: 'frozen',
      GAVEL_TEST_CLOCK_START: String(clockAt),
      GAVEL_MODERATOR_TOKEN: TOKEN,
      GAVEL_STAGE_KEY: STAGE_KEY,
    },
  );
  const port = await child.listening();
  const url = `http://127.0.0.1:${port}`;
  const socket: ClientSocket = connectSocket(url, {
    auth: { session: SESSION, token: TOKEN },
    forceNew: true,
    reconnection: false,
    transports: ['websocket'],
  });
  const snapshot = await new Promise<Snapshot>((resolve) =>
    socket.once('session:snapshot', resolve),
  );
  return { child, url, socket, snapshot };
}

/** Moves the frozen clock of the server forward; resolves with its new time. */
async function advanceClock(url: string, advanceMs: number): Promise<number> {
  const res = await fetch(`${url}/api/test/clock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
  const body = (await res.json()) as { ok: boolean; serverNow: number };
  expect(body.ok).toBe(true);
  return body.serverNow;
}

/* ------------------------------------------------------------------------------------------ */
/* A whole plenary, generated from a seed                                                     */
/* ------------------------------------------------------------------------------------------ */

const MODERATOR = { role: 'moderator' } as const;
/** The seed of the generated meeting; CRASH_SEED replays a failure or explores another one. */
const SEED = Number(process.env.CRASH_SEED ?? 20_161_116);
if (!Number.isSafeInteger(SEED)) throw new Error('CRASH_SEED must be a whole number.');
const MIN_COMMANDS = 300;
const KILLS = 24;
/** The most commands in flight when the process is killed. */
const MAX_IN_FLIGHT = 5;
const FLOOR_CODE = 'ICC15';
const PANELLISTS = ['bensouda', 'al-sour', 'coninsx', 'bomberger', 'von-hebel', 'gassama'];
const STATES = DELEGATIONS.filter((d) => d.category === 'state-party' && !d.group).map((d) => d.id);
const NOTES = [
  'One minute left',
  'Please conclude',
  'Interpretation is on channel 2',
  'The next speaker is ready',
  'Microphone 4, please',
];

/** A small deterministic generator (mulberry32): one seed, one meeting, on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    chance: (p: number): boolean => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
  };
}

/**
 * A SIGKILL: the next `inFlight` commands go out together, and the process dies once `answered`
 * of them are answered (always fewer than were sent). With none in flight, it dies idle.
 */
interface Kill {
  readonly inFlight: number;
  readonly answered: number;
}

type MeetingStep =
  { readonly command: Command } | { readonly advanceMs: number } | { readonly kill: Kill };

/**
 * A moderator's run of the built-in plenary: the panel's speakers, the open floor with its list
 * of speakers (statements, questions, answers, replies, points of order), the concluding remarks
 * and the end; meanwhile the timer, messages and the stage, and time passing. Each command is
 * checked against the pure machine as it is generated, and carries `expectedVersion`: the n-th
 * command (from 0) can only ever become version n + 1, so it is applied once at most, and the log
 * says which of the commands it is. Kills are spread over the first commands, one per stretch.
 */
function generateMeeting(seed: number): MeetingStep[] {
  const rnd = random(seed);
  const steps: MeetingStep[] = [];
  let state = initialState(plenaryAsCreated());
  let now = START;
  let count = 0;
  let burst = 0; // commands still to go in the current kill's burst: no time passes between them
  const stretch = Math.floor((MIN_COMMANDS - 20) / KILLS);
  const kills = new Set(
    Array.from(
      { length: KILLS },
      (_, k) => 2 + k * stretch + rnd.int(0, stretch - MAX_IN_FLIGHT - 1),
    ),
  );

  /** Appends the command if the moderator may send it now; false, nothing appended, if not. */
  const send = (command: Command): boolean => {
    const numbered = { ...command, expectedVersion: count };
    const result = execute(state, numbered, { now, actor: MODERATOR });
    if (!result.ok) return false;
    if (burst === 0 && kills.has(count)) {
      const inFlight = rnd.chance(0.2) ? 0 : rnd.int(1, MAX_IN_FLIGHT);
      steps.push({ kill: { inFlight, answered: inFlight === 0 ? 0 : rnd.int(0, inFlight - 1) } });
      burst = inFlight;
    }
    steps.push({ command: numbered });
    state = result.state;
    count += 1;
    if (burst > 0) burst -= 1;
    return true;
  };
  const must = (command: Command): void => {
    if (!send(command)) throw new Error(`The meeting generator sent a refused ${command.type}.`);
  };
  const wait = (seconds: number): void => {
    if (burst > 0) return;
    steps.push({ advanceMs: seconds * 1000 });
    now += seconds * 1000;
  };

  /** One thing a moderator does while someone speaks; null when it makes no sense now. */
  const chore = (): Command | null => {
    const turn = state.turns.find((t) => t.id === state.currentTurnId);
    if (!turn) return null;
    const running = turn.startedAt !== null;
    switch (rnd.int(0, 11)) {
      case 0:
      case 1: {
        const deltaMs = rnd.pick([5_000, 15_000, 30_000, 60_000, -10_000, -30_000]);
        // Kept well above zero granted time, where the machine refuses: a command retried after
        // a crash runs later than generated, with as much time granted or more, never less.
        return {
          type: 'timer.adjust',
          deltaMs: turn.grantedMs + deltaMs < 60_000 ? -deltaMs : deltaMs,
        };
      }
      case 2:
        return running ? { type: 'timer.pause' } : { type: 'timer.start' };
      case 3:
        return running
          ? { type: 'timer.set', remainingMs: rnd.int(2, 20) * 15_000 }
          : { type: 'timer.start' };
      case 4:
      case 5:
      case 6:
        return {
          type: 'message.show',
          text: `${rnd.pick(NOTES)} (${count + 1})`,
          flash: rnd.chance(0.3),
          fullscreen: rnd.chance(0.1),
        };
      case 7:
      case 8:
        return state.message ? { type: 'message.clear' } : null;
      case 9:
        return { type: 'stage.flash' };
      case 10:
        return rnd.chance(0.3) ? { type: 'stage.blank', on: !state.stage.blank } : null;
      case 11:
        return rnd.chance(0.15) ? { type: 'session.suspend' } : null;
      default:
        return null;
    }
  };
  /** `n` chores during a turn, with time passing between most of them. */
  const during = (n: number): void => {
    for (let done = 0, tries = 0; done < n && tries < 10 * n; tries++) {
      if (rnd.chance(0.6)) wait(rnd.int(2, 90));
      const command = chore();
      if (command && send(command)) done += 1;
      if (state.status === 'suspended') {
        wait(rnd.int(60, 600));
        must({ type: 'session.resume' });
      }
    }
  };
  /** The secretariat inscribes a delegation, or a panellist who answers. */
  const inscribe = (): void => {
    const kind = rnd.pick<RequestKind>([
      'statement',
      'statement',
      'statement',
      'question',
      'question',
      'answer',
      'reply',
      'point-of-order',
    ]);
    if (kind === 'answer') send({ type: 'floor.request', kind, delegation: rnd.pick(PANELLISTS) });
    else if (kind === 'question') {
      const addressedTo = rnd.pick(PANELLISTS);
      send({ type: 'floor.request', kind, delegation: rnd.pick(STATES), addressedTo });
    } else send({ type: 'floor.request', kind, delegation: rnd.pick(STATES) });
  };
  /** Moves, declines or withdraws a waiting request. */
  const tidy = (): void => {
    const queue = state.floor.queue;
    if (queue.length === 0) return;
    const requestId = rnd.pick(queue);
    const choice = rnd.int(0, 2);
    if (choice === 0)
      send({ type: 'floor.move', requestId, toIndex: rnd.int(0, queue.length - 1) });
    else if (choice === 1) send({ type: 'floor.decline', requestId, reason: 'Not on the list' });
    else send({ type: 'floor.withdraw', requestId });
  };

  must({ type: 'session.start' });
  // The panel, speaker after speaker; the `speaker.next` after the last moves on to the floor.
  while (state.currentSegmentId === 'panel') {
    wait(rnd.int(5, 40));
    must({ type: 'speaker.next', start: rnd.chance(0.85) });
    if (state.currentSegmentId === 'panel') during(rnd.int(4, 12));
  }
  // The open floor: the list of speakers until the meeting is long enough.
  must({ type: 'floor.open', ...(rnd.chance(0.5) ? { floorCode: FLOOR_CODE } : {}) });
  while (count < MIN_COMMANDS) {
    const inscriptions = state.floor.queue.length === 0 ? rnd.int(2, 4) : rnd.int(0, 2);
    for (let i = 0; i < inscriptions; i++) inscribe();
    if (rnd.chance(0.3)) tidy();
    const queue = state.floor.queue;
    if (queue.length === 0) continue;
    const start = rnd.chance(0.85);
    // floor.give of a point of order interrupts the speaker; speaker.finish resumes them.
    if (rnd.chance(0.7)) must({ type: 'speaker.next', start });
    else must({ type: 'floor.give', requestId: rnd.pick(queue), start });
    during(rnd.int(3, 9));
    if (state.interruptedTurnId !== null) must({ type: 'speaker.finish' });
  }
  // Concluding remarks: the list closes, the rest are not heard, the last speaker, the end.
  must({ type: 'floor.close' });
  wait(rnd.int(5, 40));
  must({ type: 'segment.end' });
  must({ type: 'speaker.next', start: true });
  during(rnd.int(4, 10));
  must({ type: 'session.end' });
  return steps;
}

/** A row of `GET /api/sessions/:id/events`. */
interface LogEntry {
  readonly version: number;
  readonly at: number;
  readonly actor: string;
  readonly command: unknown;
  readonly events: readonly GavelEvent[];
}

async function readLog(url: string): Promise<LogEntry[]> {
  const res = await fetch(`${url}/api/sessions/${SESSION}/events`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const body = (await res.json()) as { ok: boolean; rows: LogEntry[] };
  expect(body.ok).toBe(true);
  return body.rows;
}

/** Sends a command over a socket; `onAck` hears the answer the moment it arrives. */
function emit(
  socket: ClientSocket,
  command: Command,
  onAck: (ack: CommandAck) => void = () => {},
): Promise<CommandAck> {
  return new Promise((resolve) =>
    socket.emit('session:command', command, (ack) => {
      onAck(ack);
      resolve(ack);
    }),
  );
}

describe('a server killed with SIGKILL', () => {
  it('comes back with every acknowledged command and nothing else, its running timer still right', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const moderator = { role: 'moderator' as const };
    // What the server must hold after each number of commands, worked out here.
    const expected: SessionState[] = [initialState(plenaryAsCreated())];
    const commandIndex: number[] = []; // step index of the n-th command (0-based n)
    SCRIPT.forEach((step, i) => {
      if ('command' in step) commandIndex.push(i);
    });

    let clock = START;
    let server = await boot(dataDir, clock);
    let acked = 0;
    let sent = 0;
    const send = (command: Command): Promise<CommandAck> => {
      const last = expected[expected.length - 1] as SessionState;
      const result = execute(last, command, { now: clock, actor: moderator });
      if (!result.ok)
        throw new Error(`The script itself is wrong at ${command.type}: ${result.error.message}`);
      expected.push(result.state);
      sent += 1;
      return new Promise((resolve) =>
        server.socket.emit('session:command', command, (ack) => {
          if (ack.ok) acked = Math.max(acked, ack.version);
          resolve(ack);
        }),
      );
    };

    let step = 0;
    let crashes = 0;
    while (step < SCRIPT.length) {
      const current = SCRIPT[step] as Step;
      if ('command' in current) {
        const ack = await send(current.command);
        expect(ack).toEqual({ ok: true, version: sent });
        step += 1;
      } else if ('advanceMs' in current) {
        clock += current.advanceMs;
        expect(await advanceClock(server.url, current.advanceMs)).toBe(clock);
        step += 1;
      } else {
        // Three commands go out together; the process dies before or between their answers.
        const burst = SCRIPT.slice(step + 1, step + 4).map(
          (s) => (s as { command: Command }).command,
        );
        const acks = burst.map(send);
        if (current.crash !== 'before-send') await acks[current.crash - 1];
        server.child.kill('SIGKILL');
        const finished = await server.child.exited;
        expect(finished.signal).toBe('SIGKILL');
        server.socket.disconnect();
        crashes += 1;

        clock += DOWNTIME_MS;
        server = await boot(dataDir, clock);
        const restored = server.snapshot.version;
        // Every acknowledged command is there; nothing that was never sent is.
        expect(restored).toBeGreaterThanOrEqual(acked);
        expect(restored).toBeLessThanOrEqual(sent);
        const truth = expected[restored] as SessionState;
        expect(server.snapshot.view).toEqual(viewFor(truth, moderator));
        // The timer that ran before the crash still runs, and the time spent down was spoken.
        const timer = server.snapshot.view.timer;
        expect(timer?.startedAt).not.toBeNull();
        expect(server.snapshot.serverNow).toBe(clock);
        const turn = truth.turns.find((t) => t.id === truth.currentTurnId);
        expect(turn).toBeDefined();
        if (timer && turn) expect(remainingAt(timer, clock)).toBe(remainingAt(turn, clock));

        // Carry on from the first command the server does not hold.
        expected.length = restored + 1;
        sent = restored;
        acked = restored;
        step = commandIndex[restored] ?? SCRIPT.length;
      }
    }
    expect(crashes).toBe(4);
    const final = expected[expected.length - 1] as SessionState;
    const view = await fetch(`${server.url}/api/sessions/${SESSION}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { serverNow: _n, ...latest } = await view.json();
    expect(latest).toEqual(viewFor(final, moderator));

    // A polite stop is clean too.
    server.socket.disconnect();
    server.child.kill('SIGTERM');
    const stopped = await server.child.exited;
    expect(stopped.code).toBe(0);
  });

  it(`loses no acknowledged command, invents none and applies none twice over a generated plenary (seed ${SEED})`, async ({
    annotate,
  }) => {
    const steps = generateMeeting(SEED);
    const script = steps.flatMap((s) => ('command' in s ? [s.command] : []));
    const kills = steps.filter((s) => 'kill' in s).length;
    expect(script.length).toBeGreaterThanOrEqual(MIN_COMMANDS);
    expect(kills).toBeGreaterThanOrEqual(20);
    const dataDir = tempDir();
    dirs.push(dataDir);

    let clock = START;
    let server = await boot(dataDir, clock);
    // model[v]: what the server must hold after the first v commands, at the times they ran.
    const model: SessionState[] = [initialState(plenaryAsCreated())];
    const takenAt: number[] = []; // the server's time when command n was applied
    const acks: (CommandAck | undefined)[] = []; // command n's answer, as soon as it arrives
    const outcomes = { acknowledged: 0, appliedUnacknowledged: 0, notApplied: 0 };

    /** Sends command n to be applied now, after the n before it. */
    const send = (n: number): Promise<CommandAck> => {
      const command = script[n] as Command;
      const result = execute(model[n] as SessionState, command, { now: clock, actor: MODERATOR });
      if (!result.ok) {
        throw new Error(
          `Seed ${SEED}: command ${n} (${command.type}) is refused: ${result.error.message}`,
        );
      }
      model.length = n + 1;
      model.push(result.state);
      takenAt[n] = clock;
      return emit(server.socket, command, (ack) => (acks[n] = ack));
    };

    /**
     * The log holds exactly the first `version` commands of the script, each once, each at the
     * time it was sent, with the events the pure machine decides for it then; returns the state
     * the pure machine rebuilds from those commands alone.
     */
    const checkLog = (rows: readonly LogEntry[], version: number): SessionState => {
      expect(rows.map((r) => r.version)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
      const seen = new Set<number>();
      let state = initialState(plenaryAsCreated());
      for (const row of rows) {
        // expectedVersion names the command of the script; the rest of the row must match it.
        const n = (row.command as { expectedVersion?: number }).expectedVersion ?? -1;
        expect(
          isDeepStrictEqual(row.command, script[n]),
          `row ${row.version} holds a command never sent: ${JSON.stringify(row.command)}`,
        ).toBe(true);
        expect(seen.has(n), `command ${n} applied twice`).toBe(false);
        seen.add(n);
        expect(n).toBe(row.version - 1);
        expect(row.actor).toBe('moderator');
        expect(row.at).toBe(takenAt[n]);
        const replayed = execute(state, script[n] as Command, { now: row.at, actor: MODERATOR });
        if (!replayed.ok) throw new Error(`Row ${row.version} replays as a refusal.`);
        expect(row.events).toEqual(replayed.events);
        state = replayed.state;
      }
      expect(viewFor(state, MODERATOR)).toEqual(viewFor(model[version] as SessionState, MODERATOR));
      return state;
    };

    let next = 0; // the next command of the script to go out
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s] as MeetingStep;
      if ('command' in step) {
        expect(await send(next)).toEqual({ ok: true, version: next + 1 });
        next += 1;
        continue;
      }
      if ('advanceMs' in step) {
        clock += step.advanceMs;
        expect(await advanceClock(server.url, step.advanceMs)).toBe(clock);
        continue;
      }
      // The burst goes out, some answers come back, and the process dies.
      const { inFlight, answered } = step.kill;
      expect(steps.slice(s + 1, s + 1 + inFlight).every((x) => 'command' in x)).toBe(true);
      const burst = Array.from({ length: inFlight }, (_, i) => next + i);
      const pending = burst.map(send);
      if (answered > 0) await pending[answered - 1];
      server.child.kill('SIGKILL');
      expect((await server.child.exited).signal).toBe('SIGKILL');
      // Answers that reached the socket before it closes count as acknowledgements.
      server.socket.disconnect();
      next += inFlight;
      s += inFlight;

      clock += DOWNTIME_MS;
      server = await boot(dataDir, clock);
      const restored = server.snapshot.version;
      const acknowledged = acks.reduce((max, a) => (a?.ok ? Math.max(max, a.version) : max), 0);
      expect(restored).toBeGreaterThanOrEqual(acknowledged);
      expect(restored).toBeLessThanOrEqual(next);
      const held = checkLog(await readLog(server.url), restored);
      expect(server.snapshot.view).toEqual(viewFor(held, MODERATOR));
      expect(server.snapshot.serverNow).toBe(clock);
      // The timer runs on or stays paused as it was, the time spent down spoken if it ran.
      const turn = held.turns.find((t) => t.id === held.currentTurnId);
      const timer = server.snapshot.view.timer;
      expect(timer?.turnId).toBe(turn?.id);
      if (timer && turn) {
        expect(timer.startedAt).toBe(turn.startedAt);
        expect(remainingAt(timer, clock)).toBe(remainingAt(turn, clock));
      }

      // Every command in flight was applied once or not at all; the client then retries those
      // it heard nothing about, as a console does: the applied ones are refused as stale.
      const retries: Promise<void>[] = [];
      model.length = restored + 1;
      for (const n of burst) {
        const ack = acks[n];
        if (ack) {
          expect(ack).toEqual({ ok: true, version: n + 1 });
          outcomes.acknowledged += 1;
        } else if (n < restored) {
          outcomes.appliedUnacknowledged += 1;
          retries.push(
            emit(server.socket, script[n] as Command).then((retry) => {
              expect(retry).toMatchObject({ ok: false, error: { code: 'stale' } });
            }),
          );
        } else {
          outcomes.notApplied += 1;
          retries.push(
            send(n).then((retry) => expect(retry).toEqual({ ok: true, version: n + 1 })),
          );
        }
      }
      await Promise.all(retries);
    }

    expect(next).toBe(script.length);
    const final = checkLog(await readLog(server.url), script.length);
    expect(final.status).toBe('ended');
    const res = await fetch(`${server.url}/api/sessions/${SESSION}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { serverNow: _n, ...latest } = await res.json();
    expect(latest).toEqual(viewFor(final, MODERATOR));
    server.socket.disconnect();
    server.child.kill('SIGTERM');
    expect((await server.child.exited).code).toBe(0);
    await annotate(
      `seed ${SEED}: ${script.length} commands, ${kills} kills; in flight: ${outcomes.acknowledged} acknowledged, ${outcomes.appliedUnacknowledged} applied unacknowledged, ${outcomes.notApplied} not applied`,
    );
  }, 300_000);
});
