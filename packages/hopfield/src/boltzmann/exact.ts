import { logSumExp } from '../math/special.js';

/** Couplings W (symmetric n×n, zero diagonal, row-major) and biases b of a Boltzmann machine. */
export interface BoltzmannParameters {
  units: number;
  weights: Float64Array;
  biases: Float64Array;
}

/** Moments of a distribution over binary units: E[xᵢ] [n] and E[xᵢxⱼ] [n, n]. */
export interface Moments {
  means: Float64Array;
  correlations: Float64Array;
}

/** E(x) = −Σ_{i<j} wᵢⱼxᵢxⱼ − Σᵢ bᵢxᵢ for a state stored at `offset`. */
export function boltzmannEnergy(params: BoltzmannParameters, state: ArrayLike<number>, offset = 0): number {
  const { units: n, weights, biases } = params;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const xi = state[offset + i]!;
    if (xi === 0) continue;
    energy -= biases[i]! * xi;
    for (let j = i + 1; j < n; j++) energy -= weights[i * n + j]! * xi * state[offset + j]!;
  }
  return energy;
}

/**
 * −E(x) for all 2ⁿ states (index s = Σᵢ xᵢ2ⁱ), walking them in Gray-code order so that each
 * state costs O(n): turning unit i on adds bᵢ + Σⱼ wᵢⱼxⱼ to −E, turning it off subtracts it.
 */
export function negativeEnergies(params: BoltzmannParameters): Float64Array {
  const { units: n, weights, biases } = params;
  const out = new Float64Array(2 ** n);
  const fields = Float64Array.from(biases);
  let state = 0;
  let value = 0;
  for (let step = 1; step < out.length; step++) {
    const unit = 31 - Math.clz32(step & -step);
    const on = ((state >>> unit) & 1) === 0;
    const sign = on ? 1 : -1;
    value += sign * fields[unit]!;
    state ^= 1 << unit;
    for (let j = 0; j < n; j++) fields[j]! += sign * weights[j * n + unit]!;
    out[state] = value;
  }
  return out;
}

/** log Z = log Σₓ exp(−E(x)) and P(x) = exp(−E(x))/Z over all 2ⁿ states. */
export function exactDistribution(params: BoltzmannParameters): { logPartition: number; probabilities: Float64Array } {
  const logits = negativeEnergies(params);
  const logPartition = logSumExp(logits);
  const probabilities = logits.map((v) => Math.exp(v - logPartition));
  return { logPartition, probabilities };
}

/** E[xᵢ] and E[xᵢxⱼ] under weights p(s) over the 2ⁿ states, visiting only the units that are on. */
export function momentsOfDistribution(units: number, probabilities: ArrayLike<number>): Moments {
  const means = new Float64Array(units);
  const correlations = new Float64Array(units * units);
  const on = new Int32Array(units);
  for (let s = 0; s < probabilities.length; s++) {
    const p = probabilities[s]!;
    if (p === 0) continue;
    let count = 0;
    for (let i = 0; i < units; i++) if ((s >>> i) & 1) on[count++] = i;
    for (let a = 0; a < count; a++) {
      const i = on[a]!;
      means[i]! += p;
      for (let b = 0; b < count; b++) correlations[i * units + on[b]!]! += p;
    }
  }
  return { means, correlations };
}
