/**
 * `npm run soak`: the whole built-in plenary, sped up, against a real `gavel serve` child process,
 * with a room of phones that keep leaving and coming back: does the server's memory stay flat over
 * a meeting, and does nothing go wrong? Not part of `npm test` (it takes minutes).
 *
 * The server runs on a test clock (`GAVEL_TEST_CLOCK=1`) that the soak moves forward through
 * `POST /api/test/clock`, so its time runs `--speed` times faster than real time. A moderator
 * script walks every speaker of every segment: the panel's items, then the open floor (delegates'
 * phones ask for the floor, the moderator approves each request and gives it the floor, a right of
 * reply once the list is closed), then the closing panel. Speakers use most of their time, some
 * run over. After each segment the soak reads the server's resident memory (from /proc) and its
 * heap after a full collection (through the bench's preloaded hook: Gavel itself exposes neither),
 * and prints them. It stops by itself and ends only the processes it started.
 */
import { loadavg } from 'node:os';
import { DELEGATIONS } from '../shared/delegations.ts';
import type { Command } from '../shared/commands.ts';
import type { CommandAck, Presence } from '../shared/protocol.ts';
import type { RequestView, SessionView } from '../shared/views.ts';
import { killAll } from './children.ts';
import { Crowd } from './crowd.ts';
import { readOptions, wholeNumber } from './options.ts';
import { startServer, type HeapReading, type RunningServer } from './server.ts';
import { connect, SESSION, type GavelClient } from './sockets.ts';
import { count, mb, ms, now, sleep, spread } from './stats.ts';

const HELP = `npm run soak -- [options]

  --phones N       phones connected through the whole meeting (1000)
  --speed N        how many times faster than real time the meeting runs (60: the 3-hour
                   plenary in 3 minutes)
  --reconnects N   phones that drop their connection and join again every simulated minute
                   (100; at --speed 60 that is 100 every real second, so the room's churn of a
                   whole 3-hour meeting happens in the soak)
  --clients K      child processes the phones are spread over (4)
  --quick          50 phones, 5 reconnects, 1 client process, speed 300, and a fraction of the
                   plenary (2 panel items, 2 turns from the floor, a reply, the closing item):
                   seconds

Goals, printed at the end (exit code 1 when one is missed): the server's resident memory grows by
at most 10 % from the end of the first segment (the warm-up) to the end of the meeting; its heap
after a full collection is flat (within 10 % of its size after the warm-up); and nothing goes wrong:
no command refused, no phone or socket dropped by the server, every phone that left joins again,
and every phone has the meeting's last update. A round of reconnections still running when the
next is due makes that one skipped: counted and shown, not an error (it says the machine, which
runs the phones too, was busy).
`;

function options() {
  const values = readOptions(
    {
      phones: { type: 'string' },
      speed: { type: 'string' },
      reconnects: { type: 'string' },
      clients: { type: 'string' },
      quick: { type: 'boolean', default: false },
    },
    HELP,
  );
  const quick = values.quick === true;
  const phones = wholeNumber('phones', values.phones, quick ? 50 : 1000, 1);
  return {
    quick,
    phones,
    speed: wholeNumber('speed', values.speed, quick ? 300 : 60, 1),
    reconnects: Math.min(phones, wholeNumber('reconnects', values.reconnects, quick ? 5 : 100, 0)),
    clients: wholeNumber('clients', values.clients, quick ? 1 : 4, 1),
    /** How much of the plenary: every item and the floor's whole budget, or a few of each. */
    panelItems: quick ? 2 : Infinity,
    floorTurns: quick ? 2 : Infinity,
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** What went wrong, counted; the first few refusals kept to be shown. */
class Trouble {
  refusals = 0;
  readonly refused: string[] = [];
  socketsDropped = 0;
  clockFailures = 0;
  lateRounds = 0;

  refuse(what: string): void {
    this.refusals += 1;
    if (this.refused.length < 5) this.refused.push(what);
  }
}

/** One command, answered; a refusal is counted rather than thrown, so the meeting goes on. */
function command(
  socket: GavelClient,
  trouble: Trouble,
  cmd: Command,
  timeoutMs = 10_000,
): Promise<number | null> {
  return new Promise((resolve) => {
    socket
      .timeout(timeoutMs)
      .emit('session:command', cmd, (error: Error | null, ack: CommandAck) => {
        if (error) {
          trouble.refuse(`${cmd.type}: no answer within ${timeoutMs / 1000} s`);
          resolve(null);
        } else if (!ack.ok) {
          trouble.refuse(`${cmd.type}: ${ack.error.message}`);
          resolve(null);
        } else resolve(ack.version);
      });
  });
}

/**
 * The server's clock, moved forward so that it runs `speed` times faster than real time: every
 * 100 ms, by what the wall clock moved times `speed − 1` (the test clock moves with the wall clock
 * too).
 */
class FastClock {
  private timer: NodeJS.Timeout | null = null;
  private last = now();
  private moving: Promise<void> = Promise.resolve();

  constructor(
    private readonly server: RunningServer,
    private readonly speed: number,
    private readonly trouble: Trouble,
  ) {}

  start(): void {
    this.last = now();
    this.timer = setInterval(() => {
      // One move at a time: a slow answer is caught up by the next move.
      this.moving = this.moving.then(() => this.move());
    }, 100);
  }

  private async move(): Promise<void> {
    const at = now();
    const advanceMs = Math.round((at - this.last) * (this.speed - 1));
    this.last = at;
    if (advanceMs <= 0) return;
    try {
      const res = await fetch(`${this.server.url}/api/test/clock`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.server.moderatorToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ advanceMs }),
      });
      await res.text();
      if (!res.ok) this.trouble.clockFailures += 1;
    } catch {
      this.trouble.clockFailures += 1;
    }
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.moving;
  }
}

/**
 * Every simulated minute, `count` phones drop their connection and join again. A round that is
 * still running when the next is due makes that one late (skipped), and counted.
 */
class Churn {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  rounds = 0;
  /** How long each round took, from the first phone closed to the last one back, in ms. */
  readonly roundMs: number[] = [];
  reconnected = 0;
  dropped = 0;
  failedJoins = 0;
  phones: number;

  constructor(
    private readonly crowd: Crowd,
    private readonly count: number,
    private readonly everyMs: number,
    private readonly trouble: Trouble,
    phones: number,
  ) {
    this.phones = phones;
  }

  start(): void {
    if (this.count === 0) return;
    this.timer = setInterval(() => {
      if (this.running) {
        this.trouble.lateRounds += 1;
        return;
      }
      const startedAt = now();
      this.running = this.crowd.cycle(this.count, 60_000).then(
        (result) => {
          this.roundMs.push(now() - startedAt);
          this.rounds += 1;
          this.reconnected += this.count;
          this.phones = result.phones;
          this.dropped = result.dropped;
          this.failedJoins = result.failedJoins;
          this.running = null;
        },
        (error: unknown) => {
          log(
            `soak: reconnecting failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          this.failedJoins += this.count;
          this.running = null;
        },
      );
    }, this.everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

/** A reading of the server after a segment. */
interface Reading {
  readonly label: string;
  readonly simulatedMin: number;
  readonly turns: number;
  readonly reconnected: number;
  readonly viewers: number | null;
  readonly rssBytes: number;
  readonly heap: HeapReading | null;
  readonly refusals: number;
}

/** The delegates who ask for the floor from their phones: one socket each, a device key each. */
class Delegates {
  private next = 0;
  private constructor(
    private readonly sockets: { id: string; socket: GavelClient }[],
    private readonly trouble: Trouble,
  ) {}

  static async join(n: number, trouble: Trouble, url: string): Promise<Delegates> {
    const states = DELEGATIONS.filter((d) => d.category === 'state-party' && !d.group).slice(0, n);
    const sockets = await Promise.all(
      states.map(async (d) => {
        const { socket } = await connect(url, {
          session: SESSION,
          deviceKey: `soak-${d.id}-0123456789abcdef`,
        });
        socket.on('disconnect', (reason) => {
          if (reason !== 'io client disconnect') trouble.socketsDropped += 1;
        });
        return { id: d.id, socket };
      }),
    );
    return new Delegates(sockets, trouble);
  }

  get left(): number {
    return this.sockets.length - this.next;
  }

  /**
   * The next delegate asks for the floor; resolves with the request's id as its phone is told it
   * (`floor:mine`), or null when the request was refused.
   */
  async ask(
    kind: 'statement' | 'question' | 'reply',
    floorCode: string,
    addressedTo?: string,
  ): Promise<string | null> {
    const delegate = this.sockets[this.next++];
    if (!delegate) return null;
    const mine = new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 10_000);
      const look = (m: { requests: readonly RequestView[] }) => {
        const request = m.requests.find((r) => r.status === 'requested');
        if (!request) return;
        clearTimeout(timer);
        delegate.socket.off('floor:mine', look);
        resolve(request.id);
      };
      delegate.socket.on('floor:mine', look);
    });
    const version = await command(delegate.socket, this.trouble, {
      type: 'floor.request',
      delegation: delegate.id,
      kind,
      floorCode,
      ...(addressedTo !== undefined ? { addressedTo } : {}),
    });
    if (version === null) return null;
    const id = await mine;
    if (id === null) this.trouble.refuse(`floor.request of ${delegate.id}: its phone was not told`);
    return id;
  }

  close(): void {
    for (const { socket } of this.sockets) socket.disconnect();
  }
}

/** How long a speaker actually talks: 75 % to 124 % of the time given, the same every run. */
const spoken = (allottedMs: number, turn: number) =>
  Math.round(allottedMs * (0.75 + ((turn * 37) % 50) / 100));

async function main(): Promise<void> {
  const opts = options();
  const trouble = new Trouble();
  const loadBefore = loadavg();
  const minuteMs = 60_000 / opts.speed;
  // The plenary's 180 minutes, plus time to start and join the phones, and a margin.
  const timeLimitMs = Math.round((200 * 60_000) / opts.speed) + 180_000;
  const guard = setTimeout(() => {
    log(
      `soak: stopped at the time limit (${Math.round(timeLimitMs / 1000)} s); its children are killed`,
    );
    killAll();
    process.exit(2);
  }, timeLimitMs);
  process.once('SIGINT', () => {
    killAll();
    process.exit(130);
  });

  log('soak: starting the server on a test clock');
  const server = await startServer({
    extraArgs: [],
    startTimeoutMs: 30_000,
    env: { GAVEL_TEST_CLOCK: '1' },
  });
  const clock = new FastClock(server, opts.speed, trouble);
  let crowd: Crowd | null = null;
  let churn: Churn | null = null;
  let delegates: Delegates | null = null;
  const sockets: GavelClient[] = [];
  const startedAt = now();
  try {
    const { socket: moderator, snapshot } = await connect(server.url, {
      session: SESSION,
      token: server.moderatorToken,
    });
    sockets.push(moderator);
    let presence: Presence | null = null;
    moderator.on('presence', (p) => (presence = p));
    moderator.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') trouble.socketsDropped += 1;
    });
    const view: SessionView = snapshot.view;
    const say = (cmd: Command) => command(moderator, trouble, cmd);

    log(`soak: ${count(opts.phones)} phones joining`);
    crowd = Crowd.start(server.url, SESSION, opts.clients, timeLimitMs + 30_000);
    await crowd.grow(opts.phones, 120_000);
    const segmentCount = opts.quick ? 3 : view.segments.length;
    delegates = await Delegates.join(opts.quick ? 4 : 40, trouble, server.url);

    let turns = 0;
    let simulatedMs = 0;
    const readings: Reading[] = [];
    const read = async (label: string): Promise<void> => {
      const heap = await server.heap();
      // Read after the collection the heap reading made, so both see the same garbage-free heap.
      const reading: Reading = {
        label,
        simulatedMin: Math.round(simulatedMs / 60_000),
        turns,
        reconnected: churn?.reconnected ?? 0,
        viewers: (presence as Presence | null)?.viewers ?? null,
        rssBytes: server.rssBytes(),
        heap,
        refusals: trouble.refusals,
      };
      readings.push(reading);
      log(
        `soak: ${label}: RSS ${mb(reading.rssBytes)}, heap ${mb(heap?.heapUsed ?? null)} used of ${mb(heap?.heapTotal ?? null)}, ${count(reading.reconnected)} reconnections, ${trouble.refusals} refused`,
      );
    };
    /** A speaker talks for `ms` of simulated time. */
    const talk = async (ms: number) => {
      simulatedMs += ms;
      await sleep(ms / opts.speed);
    };
    // The console is told who is connected at most once a second: wait for the room to show.
    for (
      let waited = 0;
      waited < 3000 && (presence as Presence | null)?.viewers !== opts.phones;
      waited += 100
    ) {
      await sleep(100);
    }
    await read('phones joined');

    clock.start();
    churn = new Churn(crowd, opts.reconnects, minuteMs, trouble, opts.phones);
    churn.start();
    await say({ type: 'session.start' });

    for (const segment of view.segments.slice(0, segmentCount)) {
      log(`soak: ${segment.title} (${segment.kind}, ${segment.budgetMs / 60_000} min planned)`);
      if (segment.kind === 'panel') {
        const items = segment.items.slice(0, opts.panelItems);
        for (const [i, item] of items.entries()) {
          await say({ type: 'speaker.next', start: true });
          turns += 1;
          const ms = spoken(item.allottedMs, turns);
          // The chair warns a speaker who is about to run over, as the stage message is used.
          if (ms > item.allottedMs) {
            await talk(item.allottedMs);
            await say({ type: 'message.show', text: 'Please conclude' });
            await talk(ms - item.allottedMs);
            await say({ type: 'message.clear' });
          } else await talk(ms);
          if (i === items.length - 1) await say({ type: 'speaker.finish' });
        }
      } else {
        const code = 'ICC15';
        await say({ type: 'floor.open', floorCode: code });
        // Questions go to the panel's presenters.
        const panellists = view.segments.flatMap((s) =>
          s.kind === 'panel'
            ? s.items.filter((i) => i.kind === 'presentation').map((i) => i.id)
            : [],
        );
        type Kind = 'statement' | 'question' | 'reply';
        const waiting: { id: string; kind: Kind }[] = [];
        let floorMs = 0;
        let asked = 0;
        const ask = async (kind: Kind) => {
          const addressedTo =
            kind === 'question' ? panellists[asked % Math.max(1, panellists.length)] : undefined;
          asked += 1;
          const id = await delegates?.ask(kind, code, addressedTo);
          if (!id) return;
          if (kind !== 'reply' && (await say({ type: 'floor.approve', requestId: id })) === null)
            return;
          waiting.push({ id, kind });
        };
        const lengthOf = (kind: Kind) => segment.timesMs[kind];
        for (let turn = 0; turn < opts.floorTurns; turn++) {
          // Two or three on the list at any time, as delegations keep asking while others speak.
          while (waiting.length < 3 && (delegates?.left ?? 0) > 1) {
            await ask(asked % 4 === 3 ? 'question' : 'statement');
          }
          const request = waiting.shift();
          if (request === undefined) break;
          const ms = spoken(lengthOf(request.kind), turns + 1);
          // The budget is kept: nobody is given the floor who would end past it.
          if (floorMs + ms > segment.budgetMs - lengthOf('reply')) {
            waiting.unshift(request);
            break;
          }
          await say({ type: 'floor.give', requestId: request.id, start: true });
          turns += 1;
          floorMs += ms;
          await talk(ms);
        }
        // The list closes; those still on it are not heard; one delegation asks for a right of
        // reply, which a closed list still takes.
        await say({ type: 'floor.close' });
        for (const { id } of waiting) await say({ type: 'floor.decline', requestId: id });
        if (floorMs > 0) await say({ type: 'speaker.finish' });
        const reply = await delegates?.ask('reply', code);
        if (reply) {
          await say({ type: 'floor.give', requestId: reply, start: true });
          turns += 1;
          await talk(spoken(lengthOf('reply'), turns));
          await say({ type: 'speaker.finish' });
        }
      }
      await say({ type: 'segment.end' });
      await read(segment.id);
    }

    // The room settles: no more reconnections, then the meeting ends and every phone must have it.
    await churn.stop();
    await clock.stop();
    const ended = await say({ type: 'session.end' });
    let lastUpdateMissing = opts.phones;
    if (ended !== null) {
      try {
        const delivered = await crowd.delivered(ended, 30_000);
        lastUpdateMissing = opts.phones - delivered.phones;
      } catch (error) {
        log(`soak: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    const realS = (now() - startedAt) / 1000;
    const report = summarise({
      opts,
      readings,
      trouble,
      churn,
      lastUpdateMissing,
      realS,
      simulatedMs,
      server,
      load: [loadBefore, loadavg()],
    });
    process.stdout.write(`${report.lines.join('\n')}\n`);
    process.exitCode = report.met ? 0 : 1;
  } catch (error) {
    log(`soak: the server's last words:\n${server.output().slice(-2000)}`);
    throw error;
  } finally {
    await churn?.stop();
    await clock.stop();
    delegates?.close();
    for (const socket of sockets) socket.disconnect();
    await crowd?.close();
    await server.stop();
    clearTimeout(guard);
  }
}

/** The table and the goals. */
function summarise(input: {
  opts: ReturnType<typeof options>;
  readings: readonly Reading[];
  trouble: Trouble;
  churn: Churn;
  lastUpdateMissing: number;
  realS: number;
  simulatedMs: number;
  server: RunningServer;
  /** The machine's load average (1, 5, 15 min) before and after: the soak shares its cores. */
  load: readonly (readonly number[])[];
}): { lines: string[]; met: boolean } {
  const { opts, readings, trouble, churn } = input;
  const pad = (text: string, width: number) => text.padEnd(width);
  const lines = [
    `Soak: ${count(opts.phones)} phones, ${opts.reconnects} reconnecting every simulated minute, ${opts.speed}× speed${opts.quick ? ' (quick: a fraction of the plenary)' : ''}`,
    `${Math.round(input.simulatedMs / 60_000)} simulated minutes in ${input.realS.toFixed(0)} s; load average ${input.load.map((l) => l.map((x) => x.toFixed(2)).join(' ')).join(' before, ')} after`,
    `Server: ${input.server.command}`,
    '',
    `${pad('after', 15)}${pad('simulated', 11)}${pad('turns', 7)}${pad('reconnected', 13)}${pad('viewers', 9)}${pad('RSS', 10)}${pad('heap used', 11)}${pad('heap total', 12)}refused`,
    ...readings.map(
      (r) =>
        `${pad(r.label, 15)}${pad(`${r.simulatedMin} min`, 11)}${pad(String(r.turns), 7)}${pad(count(r.reconnected), 13)}${pad(r.viewers === null ? '–' : count(r.viewers), 9)}${pad(mb(r.rssBytes), 10)}${pad(mb(r.heap?.heapUsed ?? null), 11)}${pad(mb(r.heap?.heapTotal ?? null), 12)}${r.refusals}`,
    ),
    '',
  ];
  // The warm-up is the first segment: the reading after it, against the last one.
  const warm = readings[1];
  const last = readings.at(-1);
  const growth = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined || from <= 0 ? NaN : (to - from) / from;
  const percent = (x: number) =>
    Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %` : '–';
  const rssGrowth = growth(warm?.rssBytes, last?.rssBytes);
  const heapGrowth = growth(warm?.heap?.heapUsed, last?.heap?.heapUsed);
  const rssMet = rssGrowth <= 0.1;
  const heapMet = Math.abs(heapGrowth) <= 0.1;
  const errors =
    trouble.refusals +
    trouble.socketsDropped +
    trouble.clockFailures +
    churn.dropped +
    churn.failedJoins +
    input.lastUpdateMissing;
  const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
  const rounds = spread(churn.roundMs);
  lines.push(
    `RSS after the warm-up (${warm?.label ?? '–'}) → end: ${mb(warm?.rssBytes ?? null)} → ${mb(last?.rssBytes ?? null)}, ${percent(rssGrowth)} (goal ≤ +10 %): ${verdict(rssMet)}`,
    `Heap used after a full collection, same readings: ${mb(warm?.heap?.heapUsed ?? null)} → ${mb(last?.heap?.heapUsed ?? null)}, ${percent(heapGrowth)} (goal: flat, within 10 %): ${verdict(heapMet)}`,
    `Errors: ${trouble.refusals} commands refused, ${trouble.socketsDropped} console or delegate sockets dropped, ${churn.dropped} phones dropped by the server, ${churn.failedJoins} phones that could not join again, ${input.lastUpdateMissing} phones without the last update, ${trouble.clockFailures} failed clock moves (goal: none): ${verdict(errors === 0)}`,
    `Reconnections: ${count(churn.reconnected)} (${count(churn.rounds)} rounds of ${opts.reconnects}, one due every ${ms(60_000 / opts.speed)}, ${trouble.lateRounds} skipped as the one before was still running; a round took p50 ${ms(rounds.p50Ms)}, p95 ${ms(rounds.p95Ms)}, max ${ms(rounds.maxMs)})`,
  );
  for (const r of trouble.refused) lines.push(`  refused: ${r}`);
  return { lines, met: rssMet && heapMet && errors === 0 };
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    log(`soak: ${error instanceof Error ? error.message : String(error)}`);
    killAll();
    process.exit(1);
  },
);
