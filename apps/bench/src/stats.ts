/**
 * Summary statistics of repeated timings. The median is the headline (robust to the
 * occasional repetition slowed by another process); the spread is half the
 * interquartile range relative to the median, ±(q₃ − q₁)/(2·median).
 */

/** A figure whose spread exceeds this (±5 %) is marked noisy. */
export const NOISY_SPREAD = 0.05;

export interface Summary {
  /** Number of samples. */
  n: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** ±(q₃ − q₁)/(2·median): the relative half-width of the middle half of the samples. */
  spread: number;
  /** spread > {@link NOISY_SPREAD}. */
  noisy: boolean;
}

/**
 * The p-quantile of sorted values by linear interpolation between order statistics
 * (NumPy's default): position h = (n − 1)p, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile: no samples');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}

/** The median: the middle sample, or the mean of the two middle ones. */
export function median(samples: readonly number[]): number {
  return quantile(sortedCopy(samples), 0.5);
}

/** Median, quartiles, extremes and relative spread of positive samples (seconds, say). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = sortedCopy(samples);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const mid = quantile(sorted, 0.5);
  const spread = mid > 0 ? (q3 - q1) / (2 * mid) : 0;
  return {
    n: sorted.length,
    median: mid,
    q1,
    q3,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    spread,
    noisy: spread > NOISY_SPREAD,
  };
}

function sortedCopy(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new RangeError('summarize: no samples');
  if (samples.some((s) => !Number.isFinite(s))) throw new RangeError('summarize: samples must be finite numbers');
  return [...samples].sort((a, b) => a - b);
}
