/** What a stage's address asks for: `?clock`, `?next=0`, `?mirror`, `?theme=light`, `?chime`. */
import { flag } from '../lib/route.ts';

export interface StageOptions {
  /** The time of day in a corner. */
  readonly clock: boolean;
  /** The "Next:" line (on unless `?next=0`). */
  readonly next: boolean;
  /** Mirrored left to right, for a teleprompter's glass. */
  readonly mirror: boolean;
  readonly theme: 'dark' | 'light';
  /** A chime and a flash when the countdown reaches zero (off unless `?chime`). */
  readonly chime: boolean;
}

/** Reads the options from an address's query. Pure. */
export function stageOptions(search: string): StageOptions {
  const params = new URLSearchParams(search);
  return {
    clock: flag('clock', search),
    next: !params.has('next') || flag('next', search),
    mirror: flag('mirror', search),
    theme: params.get('theme') === 'light' ? 'light' : 'dark',
    chime: flag('chime', search),
  };
}
