/**
 * The stage's chime at zero (`?chime`): two soft notes made with the Web Audio API, so there is
 * no audio file to ship or fetch, and the rule for when it sounds.
 */

/** One reading of the countdown: the turn it belongs to and its remaining time. */
export interface CountdownReading {
  readonly turnId: string;
  readonly remainingMs: number;
}

/**
 * True when the countdown of one turn went from time left to none between two readings, and
 * the second is within `lateMs` of zero: a page that was hidden at zero (browsers pause it) does
 * not chime long after, nor does one that opens on a turn already over time. Pure.
 */
export function reachedZero(
  before: CountdownReading | null,
  after: CountdownReading | null,
  lateMs: number,
): boolean {
  return (
    before !== null &&
    after !== null &&
    before.turnId === after.turnId &&
    before.remainingMs > 0 &&
    after.remainingMs <= 0 &&
    -after.remainingMs < lateMs
  );
}

/** The notes (Hz) and their spacing: a falling fifth, like a venue's bell, about 1.5 s in all. */
const NOTES_HZ = [880, 587.33] as const;
const NOTE_GAP_S = 0.35;
const NOTE_LENGTH_S = 1.1;
const PEAK_GAIN = 0.35;

/** Plays the chime once on a running AudioContext. */
export function playChime(context: AudioContext): void {
  const startAt = context.currentTime + 0.02;
  NOTES_HZ.forEach((hz, i) => {
    const at = startAt + i * NOTE_GAP_S;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = hz;
    // A quick attack and an exponential fade: a bell, not a beep (and no click at either end).
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, at + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_LENGTH_S);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_LENGTH_S + 0.05);
  });
}
