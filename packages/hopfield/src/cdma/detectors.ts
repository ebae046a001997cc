import { defaultGenerator, ShapeError, type Tensor } from '@shinkei/core-tensor';
import { runDynamics } from '../hopfield/dynamics.js';
import { HopfieldNetwork } from '../hopfield/network.js';
import { solveSymmetric } from '../math/linalg.js';
import { float64Tensor, type MatrixLike, readMatrix, readVector, type VectorLike } from '../tensors.js';

/** What every detector starts from: the code cross-correlations R = SᵀS [K, K] and the matched-filter outputs z = Sᵀy [K]. */
export interface Correlations {
  users: number;
  crossCorrelation: Float64Array;
  matchedOutputs: Float64Array;
}

/** The largest K for which exhaustive maximum-likelihood detection (2^K candidates) is allowed. */
export const MAX_ML_USERS = 20;

/** R = SᵀS and z = Sᵀy for row-major codes S [N, K] and received chips y [N]. */
export function correlate(codes: Float64Array, chips: number, users: number, received: Float64Array): Correlations {
  const r = new Float64Array(users * users);
  const z = new Float64Array(users);
  for (let i = 0; i < chips; i++) {
    const row = i * users;
    const yi = received[i]!;
    for (let k = 0; k < users; k++) {
      const sik = codes[row + k]!;
      z[k]! += sik * yi;
      for (let j = k; j < users; j++) r[k * users + j]! += sik * codes[row + j]!;
    }
  }
  for (let k = 0; k < users; k++) for (let j = 0; j < k; j++) r[k * users + j] = r[j * users + k]!;
  return { users, crossCorrelation: r, matchedOutputs: z };
}

function hardDecision(soft: Float64Array): Float64Array {
  return soft.map((v) => (v < 0 ? -1 : 1));
}

/** Conventional single-user detection: b̂ₖ = sgn(zₖ), z = Sᵀy. Blind to the other users' interference. */
export function matchedFilterBits(c: Correlations): Float64Array {
  return hardDecision(c.matchedOutputs);
}

/** Decorrelating detector: b̂ = sgn(R⁺z), which removes the multiple-access interference exactly (R⁺R = I for K ≤ N) at the price of noise enhancement. */
export function decorrelatorBits(c: Correlations): Float64Array {
  return hardDecision(solveSymmetric(c.crossCorrelation, c.users, c.matchedOutputs));
}

/**
 * Hopfield (energy-descent) detector: asynchronous sweeps of
 * bₖ ← sgn(zₖ − Σ_{j≠k} Rₖⱼbⱼ), i.e. a Hopfield network with couplings W = −(R − diag R)
 * and thresholds θ = −z, whose energy E(b) = ½bᵀ(R − diag R)b − zᵀb equals ½‖y − Sb‖² up to
 * a constant; started from the matched-filter decision, it stops in a local minimum of the
 * maximum-likelihood cost.
 */
export function hopfieldBits(c: Correlations, maxSweeps = 50): Float64Array {
  const { weights, thresholds } = detectorNetwork(c);
  const bits = matchedFilterBits(c);
  runDynamics(weights, thresholds, bits, {
    mode: 'async',
    maxSweeps,
    order: 'sequential',
    generator: defaultGenerator(),
    traceFlips: false,
    recordStates: false,
  });
  return bits;
}

function detectorNetwork(c: Correlations): { weights: Float64Array; thresholds: Float64Array } {
  const k = c.users;
  const weights = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) if (i !== j) weights[i * k + j] = -c.crossCorrelation[i * k + j]!;
  const thresholds = c.matchedOutputs.map((z) => -z);
  return { weights, thresholds };
}

/**
 * Jointly optimal detection: b̂ = argmin_b ‖y − Sb‖² = argmin_b (bᵀRb − 2zᵀb) over all 2^K
 * sign vectors, visited in Gray-code order so that each candidate costs O(K):
 * flipping bₖ by δ = −2bₖ changes the cost by 2δ((Rb)ₖ − zₖ) + δ²Rₖₖ.
 */
export function maximumLikelihoodBits(c: Correlations): Float64Array {
  const k = c.users;
  if (k > MAX_ML_USERS)
    throw new RangeError(`maximumLikelihoodDetector: 2^K candidates for K = ${k} users; K ≤ ${MAX_ML_USERS} allowed`);
  const r = c.crossCorrelation;
  const z = c.matchedOutputs;
  const bits = new Float64Array(k).fill(1);
  const rb = new Float64Array(k);
  let cost = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) rb[i]! += r[i * k + j]!;
    cost -= 2 * z[i]!;
  }
  for (let i = 0; i < k; i++) cost += rb[i]!;
  let best = cost;
  const bestBits = Float64Array.from(bits);
  for (let step = 1; step < 2 ** k; step++) {
    const unit = 31 - Math.clz32(step & -step);
    const delta = -2 * bits[unit]!;
    cost += 2 * delta * (rb[unit]! - z[unit]!) + delta * delta * r[unit * k + unit]!;
    bits[unit] = -bits[unit]!;
    for (let i = 0; i < k; i++) rb[i]! += delta * r[i * k + unit]!;
    if (cost < best) {
      best = cost;
      bestBits.set(bits);
    }
  }
  return bestBits;
}

function correlationsOf(op: string, codes: MatrixLike, received: VectorLike): Correlations {
  const s = readMatrix(op, codes);
  const y = readVector(op, received);
  if (y.length !== s.rows)
    throw new ShapeError(`${op}: codes [${s.rows},${s.cols}] have ${s.rows} chips, received ${y.length}`);
  return correlate(s.data, s.rows, s.cols, y);
}

/** Matched-filter outputs z = Sᵀy, float64 [K]. */
export function matchedFilter(codes: MatrixLike, received: VectorLike): Tensor {
  const c = correlationsOf('matchedFilter', codes, received);
  return float64Tensor(c.matchedOutputs, [c.users]);
}

/** b̂ = sgn(Sᵀy) for codes S [N, K] and received chips y [N]: float64 [K] of ±1. */
export function matchedFilterDetector(codes: MatrixLike, received: VectorLike): Tensor {
  const c = correlationsOf('matchedFilterDetector', codes, received);
  return float64Tensor(matchedFilterBits(c), [c.users]);
}

/** b̂ = sgn(R⁺Sᵀy), R = SᵀS: float64 [K] of ±1. */
export function decorrelatorDetector(codes: MatrixLike, received: VectorLike): Tensor {
  const c = correlationsOf('decorrelatorDetector', codes, received);
  return float64Tensor(decorrelatorBits(c), [c.users]);
}

/** Energy descent bₖ ← sgn(zₖ − Σ_{j≠k} Rₖⱼbⱼ) from b = sgn(z): float64 [K] of ±1. */
export function hopfieldDetector(
  codes: MatrixLike,
  received: VectorLike,
  options: { maxSweeps?: number } = {},
): Tensor {
  const c = correlationsOf('hopfieldDetector', codes, received);
  return float64Tensor(hopfieldBits(c, options.maxSweeps), [c.users]);
}

/** b̂ = argmin_{b ∈ {±1}^K} ‖y − Sb‖² by exhaustive search (K ≤ 20): float64 [K] of ±1. */
export function maximumLikelihoodDetector(codes: MatrixLike, received: VectorLike): Tensor {
  const c = correlationsOf('maximumLikelihoodDetector', codes, received);
  return float64Tensor(maximumLikelihoodBits(c), [c.users]);
}

/**
 * The multiuser-detection problem as a Hopfield network: couplings wₖⱼ = −Rₖⱼ (k ≠ j),
 * thresholds θₖ = −zₖ, so its energy is E(b) = ½bᵀ(R − diag R)b − zᵀb = ½‖y − Sb‖² + const:
 * each user plays the role of a neuron, the code overlaps sᵏ·sʲ that of the couplings.
 */
export function detectionNetwork(codes: MatrixLike, received: VectorLike): HopfieldNetwork {
  const c = correlationsOf('detectionNetwork', codes, received);
  const { weights, thresholds } = detectorNetwork(c);
  return HopfieldNetwork.fromWeights(float64Tensor(weights, [c.users, c.users]), float64Tensor(thresholds, [c.users]));
}
