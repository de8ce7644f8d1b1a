/**
 * The bench's clock and sums: a clock every process of the machine shares, percentiles by nearest
 * rank, and the way figures are written in the table.
 */

/**
 * Milliseconds on the system's monotonic clock (`CLOCK_MONOTONIC` on Linux): the same clock in
 * every process of the machine, so a phone process's receipt time compares with the
 * orchestrator's send time.
 */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** The smallest value with at least p % of the values at or below it (nearest rank); NaN if none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** The median by nearest rank (a value that was measured, not a mean of two); NaN if none. */
export const median = (values: readonly number[]): number => percentile(ascending(values), 50);

/** Round trips or latencies, summed up. */
export interface Spread {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = ascending(values);
  return {
    samples: sorted.length,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: percentile(sorted, 100),
  };
}

/** A duration as the table shows it: two decimals below 10 ms, one below 100, none above. */
export function ms(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ms`;
}

/** Bytes in decimal kilobytes, as issue 11 counts them (312 KB = 312,000 bytes). */
export function kb(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '–';
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** Bytes in decimal megabytes. */
export function mb(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '–';
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** How a measured figure compares with its goal, e.g. `×1.4`; a dash when either is missing. */
export function ratio(value: number | null, goal: number | null): string {
  if (value === null || goal === null || !(value >= 0) || !Number.isFinite(value) || !(goal > 0))
    return '–';
  return `×${(value / goal).toFixed(value / goal < 10 ? 2 : 1)}`;
}
