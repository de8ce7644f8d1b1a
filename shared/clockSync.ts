/**
 * The server-clock estimate: NTP-style samples over the socket (pure; the client samples, tests check), keeping the one with the lowest
 * round trip (its offset is the least disturbed by network delay).
 */

export interface ClockSampleTimes {
  /** Client clock when the request left. */
  readonly clientSentAt: number;
  /** Server clock when it answered. */
  readonly serverNow: number;
  /** Client clock when the answer came back. */
  readonly clientReceivedAt: number;
}

export interface ClockEstimate {
  /** Add to the client's clock to get the server's. */
  readonly offsetMs: number;
  readonly roundTripMs: number;
}

/** The estimate from one sample: the server answered, on average, halfway through the round trip. */
export function estimateFromSample(s: ClockSampleTimes): ClockEstimate {
  const roundTripMs = Math.max(0, s.clientReceivedAt - s.clientSentAt);
  return { offsetMs: s.serverNow + roundTripMs / 2 - s.clientReceivedAt, roundTripMs };
}

/** The best of several samples: the lowest round trip. Null with none. */
export function bestEstimate(samples: readonly ClockSampleTimes[]): ClockEstimate | null {
  let best: ClockEstimate | null = null;
  for (const sample of samples) {
    const e = estimateFromSample(sample);
    if (best === null || e.roundTripMs < best.roundTripMs) best = e;
  }
  return best;
}
