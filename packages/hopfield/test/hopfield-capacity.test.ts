import { Generator } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { meanRetrievalOverlap } from '../src/experiments/retrieval-overlap.js';
import { hebbianUnstableCount } from '../src/hopfield/capacity.js';
import { fillRandomSpins } from '../src/hopfield/patterns.js';
import {
  finiteSizeUnstableFraction,
  HopfieldNetwork,
  predictedUnstableFraction,
  randomPatterns,
  unstableBitFraction,
} from '../src/index.js';
import { normalCdf } from '../src/math/special.js';

describe('signal-to-noise capacity', () => {
  it('Φ is accurate in the tails the predictions use', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655253931457, 7);
    expect(normalCdf(-3) / 0.00134989803163009 - 1).toBeLessThan(2e-7);
    expect(predictedUnstableFraction(0.1) / 7.827011712e-4 - 1).toBeLessThan(1e-6);
    expect(finiteSizeUnstableFraction(1000, 100)).toBeCloseTo(normalCdf(-Math.sqrt(999 / 99)), 12);
  });

  it('the overlap-matrix count equals counting with the couplings W', () => {
    const xi = randomPatterns(40, 150, { generator: new Generator(1) });
    const network = new HopfieldNetwork(150).store(xi);
    let unstable = 0;
    for (let mu = 0; mu < 40; mu++) unstable += network.unstableBits(xi.data.subarray(mu * 150, (mu + 1) * 150));
    expect(unstable).toBeGreaterThan(0);
    expect(unstableBitFraction(xi)).toBe(unstable / (40 * 150));
  });

  it('claim (b): unstable-bit fraction matches Φ(−1/√α) within 15% at N = 1000 for α = 0.10, 0.14, 0.20', () => {
    // N = 1000 as the chapter's claim; pattern sets are drawn until ≥ 1500 unstable bits are
    // expected, so the sampling error (≈ 1/√count ≤ 2.6%) is well inside the tolerance.
    const units = 1000;
    const generator = new Generator(2);
    for (const alpha of [0.1, 0.14, 0.2]) {
      const count = alpha * units;
      const predicted = predictedUnstableFraction(alpha);
      const trials = Math.ceil(1500 / (predicted * count * units));
      const patterns = { data: new Float64Array(count * units), rows: count, cols: units };
      let unstable = 0;
      for (let t = 0; t < trials; t++)
        unstable += hebbianUnstableCount({ ...patterns, data: fillRandomSpins(patterns.data, generator) });
      const measured = unstable / (trials * count * units);
      expect(Math.abs(measured / predicted - 1)).toBeLessThan(0.15);
      expect(Math.abs(measured / finiteSizeUnstableFraction(units, count) - 1)).toBeLessThan(0.1);
    }
  });

  it('claim (c): retrieval overlap ≥ 0.95 at α = 0.10 and ≤ 0.5 at α = 0.20 (N = 1000)', () => {
    const generator = new Generator(3);
    expect(meanRetrievalOverlap(1000, 0.1, { probes: 10, trials: 1, generator })).toBeGreaterThanOrEqual(0.95);
    expect(meanRetrievalOverlap(1000, 0.2, { probes: 10, trials: 1, generator })).toBeLessThanOrEqual(0.5);
  });
});
