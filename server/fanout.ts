/**
 * Sends to a large audience without holding the event loop. Sends are queued in order and run in
 * slices of a few milliseconds; between slices the event loop is free (`setImmediate` runs after
 * pending I/O), so a command that arrives while 10,000 phones are being told of the last one is
 * decided, written and acknowledged at once. The queue is first in, first out: a socket never
 * receives version n + 1 before version n.
 */
import { performance } from 'node:perf_hooks';

/** How long one slice may run before the event loop gets a turn. */
export const FANOUT_SLICE_MS = 1;

export class Fanout {
  private queue: (() => void)[] = [];
  private head = 0;
  private scheduled: NodeJS.Immediate | null = null;
  private running = false;

  constructor(
    private readonly sliceMs = FANOUT_SLICE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Queues one send (an emit to one slice of a room). */
  push(send: () => void): void {
    this.queue.push(send);
  }

  /**
   * Starts sending what is queued: a first slice at once, so a small room is served before this
   * returns, as it always was; the rest after the event loop's next turn.
   */
  flush(): void {
    if (this.scheduled === null && !this.running) this.slice();
  }

  /** Sends still queued. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /** Drops whatever is queued (the server is closing). */
  close(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.queue = [];
    this.head = 0;
  }

  private readonly slice = (): void => {
    this.scheduled = null;
    this.running = true;
    const until = this.now() + this.sliceMs;
    try {
      while (this.head < this.queue.length) {
        const send = this.queue[this.head] as () => void;
        this.head += 1;
        send();
        if (this.now() >= until) break;
      }
    } finally {
      this.running = false;
      if (this.head >= this.queue.length) {
        this.queue = [];
        this.head = 0;
      } else {
        this.scheduled = setImmediate(this.slice);
      }
    }
  };
}
