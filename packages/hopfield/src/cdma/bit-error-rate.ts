import { defaultGenerator, type Generator } from '@shinkei/core-tensor';
import { gaussianTail } from '../math/special.js';
import { fillSpreadingCodes, noiseStdForSnr } from './channel.js';
import {
  type Correlations,
  correlate,
  decorrelatorBits,
  hopfieldBits,
  matchedFilterBits,
  maximumLikelihoodBits,
} from './detectors.js';

/** The multiuser detectors this package implements. */
export type DetectorName = 'matched-filter' | 'decorrelator' | 'hopfield' | 'maximum-likelihood';

const detectorFunctions: Record<DetectorName, (c: Correlations) => Float64Array> = {
  'matched-filter': matchedFilterBits,
  decorrelator: decorrelatorBits,
  hopfield: (c) => hopfieldBits(c),
  'maximum-likelihood': maximumLikelihoodBits,
};

export interface BitErrorRateOptions {
  /** K, the number of users. */
  users: number;
  /** N, the spreading factor (chips per symbol). */
  chips: number;
  /** SNR = E_b/σ² in dB. */
  snrDb: number;
  /** Symbol intervals to simulate; each carries K bits (one per user). */
  symbols: number;
  /** Detectors to run on the same received signals (all four by default). */
  detectors?: readonly DetectorName[];
  generator?: Generator;
  progress?: (fraction: number) => void;
}

export interface BitErrorRateResult {
  /** Errors / bits for each detector that ran. */
  bitErrorRate: Partial<Record<DetectorName, number>>;
  errors: Partial<Record<DetectorName, number>>;
  /** Bits per detector: symbols × K. */
  bits: number;
}

/**
 * Monte-Carlo bit-error rates of synchronous random-code CDMA, y = Sb + σn: every symbol
 * interval draws fresh codes S (±1/√N chips), fresh bits b and fresh noise, and each detector
 * decodes the same y. All detectors see identical channels, so their rates compare pairwise.
 */
export function simulateBitErrorRates(options: BitErrorRateOptions): BitErrorRateResult {
  const { users, chips, symbols } = options;
  const detectors = options.detectors ?? (Object.keys(detectorFunctions) as DetectorName[]);
  const generator = options.generator ?? defaultGenerator();
  const sigma = noiseStdForSnr(options.snrDb);
  const codes = new Float64Array(chips * users);
  const bits = new Float64Array(users);
  const received = new Float64Array(chips);
  const errors = new Float64Array(detectors.length);
  const reportEvery = Math.max(1, Math.floor(symbols / 50));
  for (let t = 0; t < symbols; t++) {
    fillSpreadingCodes(codes, chips, generator);
    for (let k = 0; k < users; k++) bits[k] = generator.nextUint32() & 1 ? 1 : -1;
    for (let i = 0; i < chips; i++) {
      let chip = 0;
      for (let k = 0; k < users; k++) chip += codes[i * users + k]! * bits[k]!;
      received[i] = chip + sigma * generator.normal();
    }
    const c = correlate(codes, chips, users, received);
    detectors.forEach((name, d) => {
      const decided = detectorFunctions[name](c);
      for (let k = 0; k < users; k++) if (decided[k] !== bits[k]) errors[d]!++;
    });
    if (options.progress && (t + 1) % reportEvery === 0) options.progress((t + 1) / symbols);
  }
  const total = symbols * users;
  const result: BitErrorRateResult = { bitErrorRate: {}, errors: {}, bits: total };
  detectors.forEach((name, d) => {
    result.errors[name] = errors[d]!;
    result.bitErrorRate[name] = errors[d]! / total;
  });
  return result;
}

/** BER of one user alone on the channel, Q(√SNR): the bound no multiuser detector beats. */
export function singleUserBitErrorRate(snrDb: number): number {
  return gaussianTail(1 / noiseStdForSnr(snrDb));
}

/**
 * Standard Gaussian approximation of the matched filter's BER: the interference of K − 1
 * users with random codes adds variance (K − 1)/N to the noise, BER ≈ Q(1/√(σ² + (K − 1)/N)).
 */
export function matchedFilterBitErrorRateApproximation(snrDb: number, users: number, chips: number): number {
  const sigma = noiseStdForSnr(snrDb);
  return gaussianTail(1 / Math.sqrt(sigma * sigma + (users - 1) / chips));
}
