/**
 * The flood row: while one device floods `floor.request` from many sockets, how quickly is the
 * moderator answered, and how long until the server has cut every flooding socket off?
 */
import { randomBytes } from 'node:crypto';
import { endChild, forkModule, nextMessage } from './children.ts';
import type { FlooderCommand, FlooderMessage } from './flooder.ts';
import { Probe, send, type GavelClient } from './sockets.ts';
import { sleep, spread, type Spread } from './stats.ts';

export interface FloodOptions {
  readonly url: string;
  readonly session: string;
  readonly moderator: GavelClient;
  readonly sockets: number;
  readonly durationMs: number;
  readonly ratePerSecond: number;
}

export interface FloodResult {
  readonly sockets: number;
  /** The moderator's command acks during the flood. */
  readonly moderatorAck: Spread;
  readonly moderatorUnanswered: number;
  readonly floodMs: number;
  readonly requestsSent: number;
  readonly requestsPerSecond: number;
  /** The flooding sockets' acks by result: `ok` or the refusal's code. */
  readonly acks: Readonly<Record<string, number>>;
  readonly socketsCutOff: number;
  /** From the flood's start until the last flooding socket was cut off; null if some never were. */
  readonly cutOffMs: number | null;
  /** How the sockets ended: `io server disconnect` (with the `session:closed` code), … */
  readonly cutOffReasons: Readonly<Record<string, number>>;
  readonly rejoin: string;
}

export async function measureFlood(options: FloodOptions): Promise<FloodResult> {
  const { url, session, moderator, sockets, durationMs, ratePerSecond } = options;
  // The floor must be open for a delegate's request to be more than a refusal of its shape.
  await send(moderator, { type: 'floor.open' });
  const deviceKey = `bench-flood-${randomBytes(9).toString('base64url')}`;
  const flooder = forkModule(new URL('./flooder.ts', import.meta.url), [
    url,
    session,
    deviceKey,
    String(sockets),
    String(durationMs),
    String(ratePerSecond),
  ]);
  try {
    await nextMessage<FlooderMessage, true>(
      flooder,
      (m) => (m.type === 'ready' ? true : undefined),
      30_000,
      'the flooding device connecting',
    );
    const done = nextMessage<FlooderMessage, Extract<FlooderMessage, { type: 'done' }>>(
      flooder,
      (m) => (m.type === 'done' ? m : undefined),
      durationMs + 30_000,
      'the flooding device',
    );
    const probe = new Probe(moderator).start();
    await sleep(20);
    flooder.send({ type: 'go' } satisfies FlooderCommand);
    const report = await done;
    const probed = await probe.stop();

    const ended = report.cutOffs.filter((c) => c !== null);
    const reasons: Record<string, number> = {};
    for (const c of ended) {
      const key = c.closedCode === null ? c.reason : `${c.reason} (${c.closedCode})`;
      reasons[key] = (reasons[key] ?? 0) + 1;
    }
    return {
      sockets,
      moderatorAck: spread(probed.roundTripsMs),
      moderatorUnanswered: probed.unanswered,
      floodMs: report.floodMs,
      requestsSent: report.sent,
      requestsPerSecond: (report.sent * 1000) / report.floodMs,
      acks: report.acks,
      socketsCutOff: ended.length,
      cutOffMs: ended.length === sockets ? Math.max(...ended.map((c) => c.afterMs)) : null,
      cutOffReasons: reasons,
      rejoin: report.rejoin,
    };
  } finally {
    await endChild(flooder);
    // Back to a closed list, as the fan-out rows expect nothing of it either way.
    await send(moderator, { type: 'floor.close' }).catch(() => undefined);
  }
}
