/** Timing and summary statistics for the benchmark. Times are kept in nanoseconds (bigint clock). */

export const now = (): bigint => process.hrtime.bigint();

/** Milliseconds elapsed since a `now()` reading. */
export const msSince = (start: bigint): number => Number(now() - start) / 1e6;

/** The q-th percentile (0–100) of samples, by nearest rank. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Latency {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
}

/** p50 and p99 of durations in milliseconds. */
export function latencyOf(ms: readonly number[]): Latency {
  return { n: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

/** Formats a figure with a sensible number of digits for a table cell. */
export function fmt(value: number | undefined, unit = ''): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toFixed(digits)}${unit}`;
}

export function ratio(value: number | undefined, baseline: number | undefined): string {
  if (value === undefined || baseline === undefined || !(baseline > 0) || !Number.isFinite(value)) return '—';
  return `${(value / baseline).toFixed(2)}×`;
}
