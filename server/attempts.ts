/**
 * Wrong credentials, per address: a few are a stale link or a typo and cost nothing; past that,
 * the address must wait before it may show a credential again, longer after each wrong one, so a
 * script guessing the moderator token gets a handful of guesses a minute instead of thousands a
 * second. Shared by the HTTP API and the sockets' handshakes, so neither is the cheap way in.
 *
 * The wait is per address, so one person trying tokens from a venue's shared address also makes
 * the others there wait before a new credential is checked (a console already connected is not
 * affected). That is the price of slowing guesses at all; the free allowance keeps stale links and
 * typos well clear of it.
 */
import type { GavelError } from '../shared/errors.ts';
import { refuse } from '../shared/refusals.ts';
import type { Logger } from './logger.ts';

/** Wrong credentials an address may show in a window before it must wait. */
export const FREE_FAILURES = 20;
/** The first wait, doubled after each further wrong credential, up to `MAX_WAIT_MS`. */
const FIRST_WAIT_MS = 1_000;
export const MAX_WAIT_MS = 30_000;
/** An address with no wrong credential for this long starts afresh. */
const FORGET_AFTER_MS = 10 * 60_000;
/** Logged for the first failure of an address, then once per this many. */
const LOG_EVERY = 20;

interface Record {
  failures: number;
  lastAt: number;
  /** When the address may show a credential again (monotonic ms). */
  waitUntil: number;
}

/** Failed credentials by address, with the time (monotonic ms) passed in. */
export class FailedAttempts {
  private readonly byAddress = new Map<string, Record>();
  private lastSweep = 0;

  constructor(private readonly logger: Logger) {}

  /**
   * The refusal for an address that must wait before its credential is even checked, or null.
   * Checked before the credential, so a right guess during the wait teaches nothing.
   */
  check(address: string, now: number): GavelError | null {
    const record = this.byAddress.get(address);
    if (!record || record.waitUntil <= now) return null;
    const waitMs = Math.ceil(record.waitUntil - now);
    return refuse('rate-limited', 'too-many-wrong', { seconds: Math.ceil(waitMs / 1000) }, waitMs);
  }

  /** Counts a wrong credential of `what` (the moderator token, the stage key) from an address. */
  failed(address: string, what: string, now: number): void {
    if (now - this.lastSweep > 60_000) this.sweep(now);
    let record = this.byAddress.get(address);
    if (!record || now - record.lastAt > FORGET_AFTER_MS) {
      record = { failures: 0, lastAt: now, waitUntil: 0 };
      this.byAddress.set(address, record);
    }
    record.failures += 1;
    record.lastAt = now;
    const over = record.failures - FREE_FAILURES;
    if (over > 0) {
      record.waitUntil = now + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(over - 1, 16));
    }
    if (record.failures === 1 || over === 1 || record.failures % LOG_EVERY === 0) {
      this.logger.warn(
        `A wrong ${what} from ${address} (${record.failures} wrong credential${record.failures === 1 ? '' : 's'} from there in the last minutes${over > 0 ? '; it now waits before each try' : ''}).`,
      );
    }
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [address, record] of this.byAddress) {
      if (now - record.lastAt > FORGET_AFTER_MS) this.byAddress.delete(address);
    }
  }
}
