import { Generator } from '@shinkei/core-tensor';
import {
  type DetectorName,
  matchedFilterBitErrorRateApproximation,
  simulateBitErrorRates,
  singleUserBitErrorRate,
} from '../cdma/bit-error-rate.js';
import {
  bySize,
  type ExperimentResult,
  formatNumber,
  type HopfieldExperiment,
  type RunOptions,
  type Series,
} from './types.js';

const CHIPS = 16;
const SNR_DB = 10;

/**
 * BER against the load β = K/N at fixed N = 16 chips and 10 dB: every detector starts at the
 * single-user bound and degrades as users are added; exhaustive ML only where 2^K is small,
 * the decorrelator only for K < N (R is singular beyond).
 */
function run({ size, seed, progress }: RunOptions): ExperimentResult {
  const users = bySize(size, {
    quick: [1, 2, 4, 8, 12, 16, 24, 32],
    default: [1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32],
    full: [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 20, 24, 28, 32, 40, 48],
  });
  const symbols = bySize(size, { quick: 600, default: 3000, full: 20000 });
  const maxMlUsers = bySize(size, { quick: 8, default: 12, full: 14 });
  const generator = new Generator(seed);
  const points = users.map((k, i) => {
    const detectors: DetectorName[] = ['matched-filter', 'hopfield'];
    if (k < CHIPS) detectors.push('decorrelator');
    if (k <= maxMlUsers) detectors.push('maximum-likelihood');
    const result = simulateBitErrorRates({ users: k, chips: CHIPS, snrDb: SNR_DB, symbols, detectors, generator });
    progress?.((i + 1) / users.length, `K = ${k}`);
    return { k, beta: k / CHIPS, ber: result.bitErrorRate };
  });
  const curve = (name: DetectorName, label: string): Series => {
    const kept = points.filter((p) => p.ber[name] !== undefined);
    return { name: label, x: kept.map((p) => p.beta), y: kept.map((p) => Math.max(p.ber[name]!, 1e-6)) };
  };
  const single = singleUserBitErrorRate(SNR_DB);
  const lowest = points[0]!;
  const atFull = points.find((p) => p.k === CHIPS)!;
  const growth = atFull.ber.hopfield! / Math.max(lowest.ber.hopfield!, 1 / (symbols * lowest.k));
  const knee = points.find((p) => p.ber.hopfield! > 10 * single);
  const metrics: Record<string, number> = { single_user_ber: single, hopfield_growth_to_full_load: growth };
  for (const p of points) {
    for (const [name, value] of Object.entries(p.ber)) metrics[`ber_${name}_K${p.k}`] = value;
  }
  if (knee) metrics.hopfield_knee_beta = knee.beta;
  return {
    verdicts: [
      {
        claim: `Detection degrades sharply as users are added: Hopfield BER at β = 1 is ≥ 10× its BER at β = ${formatNumber(lowest.beta)} (N = ${CHIPS}, ${SNR_DB} dB)`,
        measured: `${formatNumber(lowest.ber.hopfield!)} → ${formatNumber(atFull.ber.hopfield!)} (×${formatNumber(growth)}); exceeds 10× the single-user bound from β = ${knee ? formatNumber(knee.beta) : '—'}`,
        chapter:
          'as the number of users P grows the bit-estimation accuracy deteriorates abruptly (a phase transition)',
        pass: growth >= 10,
      },
    ],
    metrics,
    figures: [
      {
        kind: 'line',
        title: `BER vs load β = K/N (N = ${CHIPS} chips, SNR ${SNR_DB} dB, ${symbols} symbol intervals per point)`,
        xLabel: 'load β = K/N',
        yLabel: 'bit-error rate',
        logY: true,
        series: [
          curve('matched-filter', 'matched filter'),
          {
            name: 'matched filter, Gaussian approx.',
            x: points.map((p) => p.beta),
            y: points.map((p) => matchedFilterBitErrorRateApproximation(SNR_DB, p.k, CHIPS)),
          },
          curve('decorrelator', 'decorrelator'),
          curve('hopfield', 'Hopfield descent'),
          curve('maximum-likelihood', 'maximum likelihood'),
          { name: 'single user', x: points.map((p) => p.beta), y: points.map(() => single) },
        ],
      },
    ],
    settings: { chips: CHIPS, snrDb: SNR_DB, users, symbols, maxMlUsers },
  };
}

export const cdmaLoadExperiment: HopfieldExperiment = {
  id: 'cdma-load',
  topic: 'hopfield',
  section: '6.1.7',
  title: 'CDMA: detection degrades sharply as the load β = K/N grows',
  claim:
    'Like a Hopfield memory past its capacity, multiuser detection breaks down as the number of users grows: the bit-error rate rises steeply with the load β = K/N.',
  run,
};
