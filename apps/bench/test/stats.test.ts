import { describe, expect, it } from 'vitest';
import { median, NOISY_SPREAD, quantile, summarize } from '../src/stats.js';

describe('quantile', () => {
  it('interpolates between order statistics like NumPy', () => {
    const sorted = [1, 2, 3, 4];
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile(sorted, 1)).toBe(4);
    expect(quantile(sorted, 0.25)).toBeCloseTo(1.75);
    expect(quantile(sorted, 0.5)).toBeCloseTo(2.5);
    expect(quantile(sorted, 0.75)).toBeCloseTo(3.25);
  });

  it('rejects no samples and p outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(/\[0, 1\]/);
  });
});

describe('median', () => {
  it('takes the middle sample of an odd count and the mean of the middle two of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder its input', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('summarize', () => {
  it('reports quartiles, extremes and the spread as half the IQR over the median', () => {
    const s = summarize([10, 12, 11, 13, 9]);
    expect(s).toMatchObject({ n: 5, median: 11, q1: 10, q3: 12, min: 9, max: 13 });
    expect(s.spread).toBeCloseTo((12 - 10) / (2 * 11));
    expect(s.noisy).toBe(true);
  });

  it('marks a figure noisy only when its spread exceeds the threshold', () => {
    const tight = summarize([1, 1.01, 0.99, 1.02, 0.98]);
    expect(tight.spread).toBeLessThan(NOISY_SPREAD);
    expect(tight.noisy).toBe(false);
    const single = summarize([0.25]);
    expect(single).toMatchObject({ median: 0.25, spread: 0, noisy: false });
  });

  it('is robust to one slow repetition (another process got the CPU)', () => {
    const s = summarize([1, 1, 1, 1, 1, 1, 50]);
    expect(s.median).toBe(1);
    expect(s.noisy).toBe(false);
    expect(s.max).toBe(50);
  });

  it('rejects empty and non-finite samples', () => {
    expect(() => summarize([])).toThrow(/no samples/);
    expect(() => summarize([1, Number.NaN])).toThrow(/finite/);
  });
});
