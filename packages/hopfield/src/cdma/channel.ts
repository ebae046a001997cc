import type { Generator, Tensor } from '@shinkei/core-tensor';
import { defaultGenerator, ShapeError } from '@shinkei/core-tensor';
import type { GeneratorOption } from '../hopfield/patterns.js';
import { float64Tensor, type MatrixLike, readMatrix, readVector, type VectorLike } from '../tensors.js';

/**
 * Random spreading codes: K users' signatures sᵏ ∈ {−1/√N, +1/√N}^N of N chips each, unit
 * energy ‖sᵏ‖ = 1, as the columns of S, float64 [N, K].
 */
export function spreadingCodes(chips: number, users: number, options: GeneratorOption = {}): Tensor {
  const codes = fillSpreadingCodes(new Float64Array(chips * users), chips, options.generator ?? defaultGenerator());
  return float64Tensor(codes, [chips, users]);
}

/** Fill a row-major [N, K] buffer with ±1/√N chips. */
export function fillSpreadingCodes(out: Float64Array, chips: number, generator: Generator): Float64Array {
  const amplitude = 1 / Math.sqrt(chips);
  for (let i = 0; i < out.length; i++) out[i] = generator.nextUint32() & 1 ? amplitude : -amplitude;
  return out;
}

/** K independent equiprobable BPSK symbols bₖ ∈ {−1, +1}, float64 [K]. */
export function bpskSymbols(users: number, options: GeneratorOption = {}): Tensor {
  const generator = options.generator ?? defaultGenerator();
  const bits = new Float64Array(users);
  for (let k = 0; k < users; k++) bits[k] = generator.nextUint32() & 1 ? 1 : -1;
  return float64Tensor(bits, [users]);
}

/**
 * Noise standard deviation σ for a signal-to-noise ratio in dB, with SNR = E_b/σ² = 1/σ²
 * (unit-energy codes, noise variance σ² per chip): σ = 10^(−SNR_dB/20). A single user then
 * has bit-error rate Q(√SNR).
 */
export function noiseStdForSnr(snrDb: number): number {
  return 10 ** (-snrDb / 20);
}

/** The received chips y = Sb + σn = Σₖ bₖsᵏ + σn with n ~ N(0, I_N), float64 [N]. */
export function transmit(codes: MatrixLike, bits: VectorLike, noiseStd: number, options: GeneratorOption = {}): Tensor {
  const s = readMatrix('transmit', codes);
  const b = readVector('transmit', bits);
  if (b.length !== s.cols)
    throw new ShapeError(`transmit: codes [${s.rows},${s.cols}] carry ${s.cols} users, got ${b.length} bits`);
  const generator = options.generator ?? defaultGenerator();
  const y = new Float64Array(s.rows);
  for (let i = 0; i < s.rows; i++) {
    let chip = 0;
    for (let k = 0; k < s.cols; k++) chip += s.data[i * s.cols + k]! * b[k]!;
    y[i] = chip + noiseStd * generator.normal();
  }
  return float64Tensor(y, [s.rows]);
}
