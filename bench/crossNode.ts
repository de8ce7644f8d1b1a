/**
 * With the log in PostgreSQL (`--server-args="--database-url …"`): a second node on the same
 * database with a console on it, and the observer phone on the first node. For commands phones
 * see, the time from the second node's acknowledgement to the phone's update: how long one node
 * takes to hear of another's command (NOTIFY, a read of the log, the fan-out). Skipped otherwise.
 */
import type { Command } from '../shared/commands.ts';
import { connect, send, SESSION, type GavelClient } from './sockets.ts';
import { startServer } from './server.ts';
import { now, sleep, spread, type Spread } from './stats.ts';

export type CrossNodeResult =
  { readonly ackToPhone: Spread; readonly nodes: 2 } | { readonly skipped: string };

const SAMPLE_TIMEOUT_MS = 5_000;

export async function measureCrossNode(options: {
  readonly serverArgs: readonly string[];
  readonly observer: GavelClient;
  readonly samples: number;
}): Promise<CrossNodeResult> {
  if (!options.serverArgs.includes('--database-url')) {
    return { skipped: 'one node: pass --server-args="--database-url postgres://…" to measure it' };
  }
  const second = await startServer({ extraArgs: options.serverArgs, startTimeoutMs: 30_000 });
  // The phone's updates: each version's time, and whoever waits for one.
  const seen = new Map<number, number>();
  let waiting: { version: number; resolve: (at: number) => void } | null = null;
  const onUpdate = (update: { version: number }) => {
    const at = now();
    seen.set(update.version, at);
    if (waiting && update.version >= waiting.version) waiting.resolve(at);
  };
  const phoneHas = (version: number) =>
    new Promise<number | undefined>((resolve) => {
      const known = seen.get(version);
      if (known !== undefined) return resolve(known);
      const timer = setTimeout(() => resolve(undefined), SAMPLE_TIMEOUT_MS);
      waiting = {
        version,
        resolve: (at) => {
          clearTimeout(timer);
          waiting = null;
          resolve(at);
        },
      };
    });
  options.observer.on('session:update', onUpdate);
  let console: GavelClient | null = null;
  try {
    console = (await connect(second.url, { session: SESSION, token: second.moderatorToken }))
      .socket;
    const delays: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      const command: Command = { type: 'timer.adjust', deltaMs: i % 2 === 0 ? 1000 : -1000 };
      const version = await send(console, command);
      const ackAt = now();
      const at = await phoneHas(version);
      if (at === undefined) throw new Error(`the phone on the first node never had ${version}`);
      delays.push(at - ackAt);
      seen.clear();
      await sleep(5);
    }
    return { ackToPhone: spread(delays), nodes: 2 };
  } finally {
    options.observer.off('session:update', onUpdate);
    console?.disconnect();
    await second.stop();
  }
}
