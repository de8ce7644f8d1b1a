/**
 * Limits at the trust boundary: how big and how deep a command may be, and how often a socket or
 * an address may send one. Checked before the schema, so hostile input costs little.
 */
import type { GavelError } from '../shared/errors.ts';
import { refuse } from '../shared/refusals.ts';

/** The largest command Gavel takes, as JSON. The biggest real one (an item with a note) is ~3 KB. */
export const MAX_COMMAND_BYTES = 16 * 1024;
/** The deepest nesting a command has is 3 (`item.speaker.name`); anything far deeper is hostile. */
export const MAX_COMMAND_DEPTH = 8;
/** Objects, arrays and values in one command; a real one has a few dozen. */
const MAX_COMMAND_NODES = 2_000;
/** Socket.IO and HTTP bodies are cut off here, before anything is parsed further. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * Refuses a payload that is too deep, has too many parts, or is too large, without recursion (a
 * hostile payload could be nested deeper than the stack). Null when it may go on to the schema.
 */
export function checkShape(value: unknown): GavelError | null {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (++nodes > MAX_COMMAND_NODES) {
      return refuse('too-large', 'command-too-many-values', { max: MAX_COMMAND_NODES });
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_COMMAND_DEPTH) {
      return refuse('invalid', 'command-too-deep', { max: MAX_COMMAND_DEPTH });
    }
    for (const child of Object.values(v)) stack.push({ v: child, depth: depth + 1 });
  }
  let bytes: number;
  try {
    bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return refuse('invalid', 'command-not-json');
  }
  if (bytes > MAX_COMMAND_BYTES) {
    return refuse('too-large', 'command-too-large', {
      maxKb: MAX_COMMAND_BYTES / 1024,
      kb: Math.ceil(bytes / 1024),
    });
  }
  return null;
}

/** How many commands a sender may send at once, and how fast the allowance refills. */
export interface BucketSpec {
  readonly burst: number;
  readonly perSecond: number;
}

/**
 * Per device of the audience, shared by all its sockets, and per socket of the stage and of a page
 * that gives no device key (the moderator's and the floor officer's are never limited): a delegate
 * asks for the floor, withdraws, perhaps asks again, a handful of commands a minute. A socket over
 * this is cut off, so it is also how many commands a flooding device gets decided before that,
 * however many connections it opens.
 */
export const SOCKET_COMMANDS: BucketSpec = { burst: 10, perSecond: 2 };
/**
 * Per address: hundreds of phones can share a venue router's address, and each asks for the
 * floor at most once per 10 s (the state machine's own limit), so this is generous.
 */
export const ADDRESS_COMMANDS: BucketSpec = { burst: 300, perSecond: 50 };
/** Snapshots on request, per socket: a reconnecting display needs one, not a stream. */
export const SOCKET_SYNCS: BucketSpec = { burst: 5, perSecond: 1 };
/** Clock samples per socket: a client takes a handful a minute. */
export const SOCKET_CLOCK: BucketSpec = { burst: 20, perSecond: 5 };

/**
 * A token bucket: `take()` spends one token, or says how long to wait for the next. Time is passed
 * in (monotonic ms), so tests drive it without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly spec: BucketSpec,
    now: number,
  ) {
    this.tokens = spec.burst;
    this.last = now;
  }

  /** Null when a token was spent, else the ms to wait. */
  take(now: number): number | null {
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.spec.burst, this.tokens + (elapsed * this.spec.perSecond) / 1000);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return null;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.spec.perSecond);
  }

  /** True when the bucket is full again: an idle sender's bucket can be forgotten. */
  idle(now: number): boolean {
    return this.tokens + ((now - this.last) * this.spec.perSecond) / 1000 >= this.spec.burst;
  }
}

/** One bucket per key (an address), forgetting idle ones so the map does not grow forever. */
export class BucketMap {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep: number;
  constructor(
    private readonly spec: BucketSpec,
    now: number,
  ) {
    this.lastSweep = now;
  }

  take(key: string, now: number): number | null {
    if (now - this.lastSweep > 60_000) this.sweep(now);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.spec, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (bucket.idle(now)) this.buckets.delete(key);
  }
}

/**
 * A device whose socket went over its limit is cut off and kept away this long: a phone never
 * sends that much, so it is a script or a broken client, and its reconnections cost nothing.
 */
export const HOLD_OFF_MS = 30_000;

/** The refusal for a sender over its limit. */
export function rateLimited(waitMs: number): GavelError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return refuse('rate-limited', 'too-many-commands', { seconds }, waitMs);
}
