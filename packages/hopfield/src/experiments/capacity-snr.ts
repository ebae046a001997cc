import { Generator } from '@shinkei/core-tensor';
import { finiteSizeUnstableFraction, hebbianUnstableCount, predictedUnstableFraction } from '../hopfield/capacity.js';
import { fillRandomSpins } from '../hopfield/patterns.js';
import {
  bySize,
  type ExperimentResult,
  formatNumber,
  type HopfieldExperiment,
  type RunOptions,
  type Verdict,
} from './types.js';

/** The loads the chapter's capacity claim is checked at. */
const CLAIM_LOADS = [0.1, 0.14, 0.2];
const TOLERANCE = 0.15;

/**
 * Fraction of unstable bits (ξᵢ^μ hᵢ^μ < 0) of Hebb-stored random patterns at N = 1000,
 * measured over many independent pattern sets, against the signal-to-noise prediction
 * Φ(−1/√α) and its exact-finite-N form Φ(−√((N−1)/(P−1))).
 */
function run({ size, seed, progress }: RunOptions): ExperimentResult {
  const units = 1000;
  const trials = bySize(size, { quick: 5, default: 20, full: 100 });
  const curveLoads = bySize(size, {
    quick: [0.05, 0.1, 0.14, 0.2, 0.3],
    default: [0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.2, 0.25, 0.3],
    full: [0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25, 0.3, 0.4],
  });
  const loads = [...new Set([...curveLoads, ...CLAIM_LOADS])].sort((a, b) => a - b);
  const generator = new Generator(seed);
  const measured = loads.map((alpha, step) => {
    const count = Math.round(alpha * units);
    const patterns = { data: new Float64Array(count * units), rows: count, cols: units };
    let unstable = 0;
    for (let t = 0; t < trials; t++) {
      fillRandomSpins(patterns.data, generator);
      unstable += hebbianUnstableCount(patterns);
    }
    progress?.((step + 1) / loads.length, `α = ${alpha}`);
    return { alpha, count, fraction: unstable / (trials * count * units), unstable };
  });
  const metrics: Record<string, number> = {};
  const verdicts: Verdict[] = CLAIM_LOADS.map((alpha) => {
    const point = measured.find((m) => m.alpha === alpha)!;
    const predicted = predictedUnstableFraction(alpha);
    const relative = point.fraction / predicted - 1;
    metrics[`unstable_fraction_alpha_${alpha}`] = point.fraction;
    metrics[`predicted_alpha_${alpha}`] = predicted;
    metrics[`relative_error_alpha_${alpha}`] = relative;
    return {
      claim: `Unstable-bit fraction at α = ${alpha} matches Φ(−1/√α) within 15% (N = ${units})`,
      measured: `${formatNumber(point.fraction)} vs Φ(−1/√α) = ${formatNumber(predicted)} (${(relative * 100).toFixed(1)}%, ${point.unstable} unstable bits over ${trials} pattern sets)`,
      chapter: 'Hebb crosstalk ≈ N(0, α): P(unstable) = Φ(−1/√α); recall fails past P_c ≈ 0.138 N',
      pass: Math.abs(relative) <= TOLERANCE,
    };
  });
  return {
    verdicts,
    metrics,
    figures: [
      {
        kind: 'line',
        title: `Unstable bits of stored patterns, Hebb rule, N = ${units}`,
        xLabel: 'load α = P/N',
        yLabel: 'fraction of unstable bits',
        logY: true,
        series: [
          { name: 'measured', x: measured.map((m) => m.alpha), y: measured.map((m) => m.fraction) },
          { name: 'Φ(−1/√α)', x: loads, y: loads.map(predictedUnstableFraction) },
          {
            name: 'Φ(−√((N−1)/(P−1))) (finite N)',
            x: measured.map((m) => m.alpha),
            y: measured.map((m) => finiteSizeUnstableFraction(units, m.count)),
          },
        ],
        markers: [{ x: 0.138, label: 'α_c ≈ 0.138' }],
      },
    ],
    settings: { units, trials, loads, rule: 'hebb', tolerance: TOLERANCE },
  };
}

export const capacitySnrExperiment: HopfieldExperiment = {
  id: 'capacity-snr',
  topic: 'hopfield',
  section: '6.1.7',
  title: 'Capacity: unstable bits vs the signal-to-noise prediction Φ(−1/√α)',
  claim:
    'With the Hebb rule each stored bit feels crosstalk ≈ N(0, α) from the other patterns, so a fraction Φ(−1/√α) of bits is unstable; the noise grows with the load until recall breaks down near P_c ≈ 0.138 N.',
  run,
};
