/**
 * Crash: the server is a child process killed with SIGKILL at several points inside a run of
 * commands. Each time it comes back with every acknowledged command and nothing else, and the
 * timer that was running is still running with the right time left. The server's clock is frozen
 * (GAVEL_TEST_CLOCK=frozen) so that the test knows the time of every command, and can work out
 * by itself, with the pure state machine, what the server must hold.
 */
import { rmSync } from 'node:fs';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from '../../shared/commands.ts';
import { execute } from '../../shared/machine.ts';
import type { CommandAck, Snapshot } from '../../shared/protocol.ts';
import { initialState, type SessionState } from '../../shared/state.ts';
import { remainingAt } from '../../shared/timer.ts';
import { viewFor } from '../../shared/views.ts';
import { builtInPlenary } from '../../server/config.ts';
import { GavelProcess, killLeftovers } from './child.ts';
import { SESSION, STAGE_KEY, START, tempDir, TOKEN, type ClientSocket } from './helpers.ts';

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

describe('a server killed with SIGKILL', () => {
  it('comes back with every acknowledged command and nothing else, its running timer still right', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const moderator = { role: 'moderator' as const };
    // What the server must hold after each number of commands, worked out here.
    const expected: SessionState[] = [initialState(builtInPlenary())];
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
        const res = await fetch(`${server.url}/api/test/clock`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ advanceMs: current.advanceMs }),
        });
        clock += current.advanceMs;
        expect(await res.json()).toEqual({ ok: true, serverNow: clock });
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
});
