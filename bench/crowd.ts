/**
 * The phones of the bench, spread over several child processes (`bench/phones.ts`) so that the
 * client side is not what limits a fan-out: grown to a size, then asked when every phone holds a
 * version.
 */
import type { ChildProcess } from 'node:child_process';
import { endChild, forkModule, nextMessage } from './children.ts';
import { cpuMsOf } from './server.ts';
import type { PhonesCommand, PhonesMessage } from './phones.ts';
import { now } from './stats.ts';

/** When the phones had a version, on the machine's monotonic clock. */
export interface Delivery {
  readonly firstAt: number;
  readonly lastAt: number;
  readonly phones: number;
  /** The update's size as one phone received it (Engine.IO and Socket.IO framing included). */
  readonly bytes: number;
}

export class Crowd {
  private size = 0;

  private constructor(private readonly processes: readonly ChildProcess[]) {}

  static start(url: string, session: string, processes: number, lifetimeMs: number): Crowd {
    const file = new URL('./phones.ts', import.meta.url);
    return new Crowd(
      Array.from({ length: processes }, (_, index) =>
        forkModule(file, [url, session, String(index), String(lifetimeMs)]),
      ),
    );
  }

  /** Adds phones until there are `total`, shared evenly; resolves with the time it took. */
  async grow(total: number, timeoutMs: number): Promise<number> {
    const startedAt = now();
    const k = this.processes.length;
    const share = (n: number, i: number) => Math.floor(n / k) + (i < n % k ? 1 : 0);
    const grown = this.processes.map((child, i) => {
      const count = share(total, i) - share(this.size, i);
      const answer = nextMessage<PhonesMessage, number>(
        child,
        (m) => (m.type === 'grown' ? m.phones : undefined),
        timeoutMs,
        `phone process ${i} joining ${count} phones`,
      );
      child.send({ type: 'grow', count } satisfies PhonesCommand);
      return answer;
    });
    const phones = (await Promise.all(grown)).reduce((a, b) => a + b, 0);
    if (phones !== total) throw new Error(`${total - phones} of ${total} phones were lost`);
    this.size = total;
    return now() - startedAt;
  }

  /**
   * Closes `count` phones, shared evenly, and joins them again; resolves with the phones connected
   * after, and the phones the server dropped and those that could not join again since the start.
   */
  async cycle(
    count: number,
    timeoutMs: number,
  ): Promise<{ phones: number; dropped: number; failedJoins: number }> {
    const k = this.processes.length;
    const answers = this.processes.map((child, i) => {
      const answer = nextMessage<PhonesMessage, Extract<PhonesMessage, { type: 'cycled' }>>(
        child,
        (m) => (m.type === 'cycled' ? m : undefined),
        timeoutMs,
        `phone process ${i} reconnecting phones`,
      );
      const share = Math.floor(count / k) + (i < count % k ? 1 : 0);
      child.send({ type: 'cycle', count: share } satisfies PhonesCommand);
      return answer;
    });
    const all = await Promise.all(answers);
    return {
      phones: all.reduce((n, m) => n + m.phones, 0),
      dropped: all.reduce((n, m) => n + m.dropped, 0),
      failedJoins: all.reduce((n, m) => n + m.failedJoins, 0),
    };
  }

  /** Resolves once every phone holds `version` or a later one. */
  async delivered(version: number, timeoutMs: number): Promise<Delivery> {
    const answers = this.processes.map((child, i) => {
      const answer = nextMessage<PhonesMessage, Extract<PhonesMessage, { type: 'delivered' }>>(
        child,
        (m) => (m.type === 'delivered' && m.version === version ? m : undefined),
        timeoutMs,
        `phone process ${i} waiting for version ${version}`,
      );
      child.send({ type: 'watch', version } satisfies PhonesCommand);
      return answer;
    });
    const all = await Promise.all(answers);
    return {
      firstAt: Math.min(...all.map((d) => d.firstAt)),
      lastAt: Math.max(...all.map((d) => d.lastAt)),
      phones: all.reduce((n, d) => n + d.phones, 0),
      bytes: Math.max(...all.map((d) => d.bytes)),
    };
  }

  /** CPU time the phone processes have used so far, in ms (10 ms steps). */
  cpuMs(): number {
    return this.processes.reduce((sum, child) => sum + (child.pid ? cpuMsOf(child.pid) : 0), 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.processes.map((child) => endChild(child)));
  }
}
