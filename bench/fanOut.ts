/**
 * The fan-out rows for one number of phones: "next speaker" from the moderator's send to the first
 * and the last phone, a second console's command acks meanwhile, the update's size, and the
 * server's memory per connected phone.
 */
import type { Command } from '../shared/commands.ts';
import type { SessionView } from '../shared/views.ts';
import type { Crowd } from './crowd.ts';
import type { RunningServer } from './server.ts';
import { Probe, send, type GavelClient } from './sockets.ts';
import { median, now, sleep, spread, type Spread } from './stats.ts';

/**
 * "Next speaker", as many times as the bench needs: `speaker.next` through the first panel's
 * items, then `speaker.call` of its items in turn (`speaker.next` would leave the panel for the
 * open floor, where it needs a list of speakers). Each starts the timer, as the console's button
 * does.
 */
export class NextSpeaker {
  private index = -1;
  private called = false;

  private constructor(private readonly items: readonly string[]) {}

  static of(view: SessionView): NextSpeaker {
    const panel = view.segments.find((s) => s.kind === 'panel' && s.items.length > 0);
    if (!panel) throw new Error('the session has no panel with speakers to call');
    return new NextSpeaker(panel.items.map((i) => i.id));
  }

  /** Sends it; resolves with the new version. */
  async send(moderator: GavelClient): Promise<{ sentAt: number; version: number }> {
    const following = (this.index + 1) % this.items.length;
    const command: Command =
      !this.called && this.index + 1 < this.items.length
        ? { type: 'speaker.next', start: true }
        : { type: 'speaker.call', itemId: this.items[following] as string, start: true };
    const sentAt = now();
    const version = await send(moderator, command);
    this.index = following;
    if (command.type === 'speaker.call') this.called = true;
    return { sentAt, version };
  }
}

export interface FanOutOptions {
  readonly server: RunningServer;
  readonly crowd: Crowd;
  readonly phones: number;
  readonly runs: number;
  readonly moderator: GavelClient;
  readonly console: GavelClient;
  readonly nextSpeaker: NextSpeaker;
  /** The server's memory with no phones, after a collection. */
  readonly baselineRssBytes: number;
  /** How long the server's memory may take to settle before it is read. */
  readonly settleMs: number;
  readonly log: (line: string) => void;
}

export interface FanOutResult {
  readonly phones: number;
  readonly runs: number;
  readonly joinMs: number;
  /** The second console's acks, from just before each probed "next speaker" until the last phone had it. */
  readonly consoleAck: Spread;
  readonly consoleUnanswered: number;
  /** Quiet runs, from the moderator's send: the median and the worst of the runs. */
  readonly firstPhone: Reach;
  readonly lastPhone: Reach;
  /** The same, in the runs where the console was probing (its commands compete with the fan-out). */
  readonly probedFirstPhone: Reach;
  readonly probedLastPhone: Reach;
  /**
   * CPU time used per quiet run (median), from the send until the last phone had it: by the
   * server, and by the phone processes. Beside the last phone's time it tells where that went:
   * the server working, the phones working, or both waiting for a core.
   */
  readonly serverCpuMs: number;
  readonly phonesCpuMs: number;
  readonly updateBytes: number;
  readonly serverRssBytes: number;
  readonly rssPerPhoneBytes: number;
}

/** The median and the worst of the runs' times, in ms. */
export interface Reach {
  readonly p50Ms: number;
  readonly maxMs: number;
}

const reach = (values: readonly number[]): Reach => ({
  p50Ms: median(values),
  maxMs: Math.max(...values),
});

/** How long any one run may take before the bench calls it lost. */
const RUN_TIMEOUT_MS = 30_000;

export async function measureFanOut(options: FanOutOptions): Promise<FanOutResult> {
  const { server, crowd, phones, runs, moderator, nextSpeaker, log } = options;
  const joinMs = await crowd.grow(phones, 180_000);
  log(`  ${phones} phones joined (${(joinMs / 1000).toFixed(1)} s in all)`);

  // Memory first, before any run adds its garbage: settled, collected, then read.
  const serverRssBytes = await server.settledRssBytes(options.settleMs);

  const roundTripsMs: number[] = [];
  let unanswered = 0;
  const quiet = { first: [] as number[], last: [] as number[] };
  const probed = { first: [] as number[], last: [] as number[] };
  const bytes: number[] = [];
  const serverCpuMs: number[] = [];
  const phonesCpuMs: number[] = [];
  /** One "next speaker", until every phone has it; the probe, if any, runs meanwhile. */
  const nextSpeakerRun = async (measured: boolean, into: typeof quiet, probe: Probe | null) => {
    const cpuBefore = { server: server.cpuMs(), phones: crowd.cpuMs() };
    const { sentAt, version } = await nextSpeaker.send(moderator);
    const delivery = await crowd.delivered(version, RUN_TIMEOUT_MS);
    const cpuAfter = { server: server.cpuMs(), phones: crowd.cpuMs() };
    const probing = await probe?.stop();
    if (delivery.phones !== phones) {
      throw new Error(`${phones - delivery.phones} of ${phones} phones were lost during a run`);
    }
    if (measured) {
      into.first.push(delivery.firstAt - sentAt);
      into.last.push(delivery.lastAt - sentAt);
      bytes.push(delivery.bytes);
      roundTripsMs.push(...(probing?.roundTripsMs ?? []));
      unanswered += probing?.unanswered ?? 0;
      if (probe === null) {
        serverCpuMs.push(cpuAfter.server - cpuBefore.server);
        phonesCpuMs.push(cpuAfter.phones - cpuBefore.phones);
      }
    }
    // Let the last acks and the phones' parsing finish before the next run starts.
    await sleep(150);
  };
  // Each run is two: a quiet "next speaker" (how long the fan-out takes by itself), then one
  // with a second console pressing again 2 ms after each answer (how long the chair waits
  // meanwhile). The first run
  // warms up and is not counted.
  for (let run = 0; run <= runs; run++) {
    await nextSpeakerRun(run > 0, quiet, null);
    const probe = new Probe(options.console).start();
    await sleep(10);
    await nextSpeakerRun(run > 0, probed, probe);
  }
  return {
    phones,
    runs,
    joinMs,
    consoleAck: spread(roundTripsMs),
    consoleUnanswered: unanswered,
    firstPhone: reach(quiet.first),
    lastPhone: reach(quiet.last),
    probedFirstPhone: reach(probed.first),
    probedLastPhone: reach(probed.last),
    serverCpuMs: median(serverCpuMs),
    phonesCpuMs: median(phonesCpuMs),
    updateBytes: median(bytes),
    serverRssBytes,
    rssPerPhoneBytes: (serverRssBytes - options.baselineRssBytes) / phones,
  };
}
