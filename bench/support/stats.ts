/** Median, min and max of a figure's rounds. */
export interface RoundSummary {
  median: number;
  min: number;
  max: number;
}

/** The middle value (mean of the two middle ones for an even count); throws on no rounds. */
export function summarize(rounds: readonly number[]): RoundSummary {
  if (rounds.length === 0) throw new RangeError('summarize: no rounds to summarize');
  if (rounds.some((value) => !Number.isFinite(value))) throw new RangeError(`summarize: rounds must be finite numbers, got ${rounds.join(', ')}`);
  const sorted = [...rounds].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * The nearest-rank percentile (p in 0 … 100): the smallest sample with at least p % of the samples
 * at or below it. No interpolation, so p99 of 200 samples is the 198th smallest, a value measured.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile: no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within 0 … 100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Items per second over `elapsedMs`; throws when nothing was timed. */
export function ratePerSecond(count: number, elapsedMs: number): number {
  if (!(elapsedMs > 0)) throw new RangeError(`ratePerSecond: elapsed time must be positive, got ${elapsedMs} ms for ${count} items`);
  return (count * 1000) / elapsedMs;
}
