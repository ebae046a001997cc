import { allBinaryStates, checkEnumerable } from '../boltzmann/states.js';
import type { Matrix } from '../math/matrix.js';
import { freeEnergiesOf, type RbmParameters, visibleProbabilitiesOf } from './conditionals.js';
import { rbmLogPartition } from './likelihood.js';

/** All 2ⁿ binary states as a raw matrix (state s has unit i = bit i of s). */
export function enumeratedStates(units: number): Matrix {
  const states = allBinaryStates(units);
  return { data: states.data as Float64Array, rows: states.shape[0]!, cols: units };
}

/** P(v) = e^{−F(v)}/Z for every visible state v (nV ≤ 20), indexed as `allBinaryStates`. */
export function rbmVisibleDistribution(p: RbmParameters): Float64Array {
  checkEnumerable('RBM.visibleDistribution', p.visible);
  const logZ = rbmLogPartition(p);
  return freeEnergiesOf(p, enumeratedStates(p.visible)).map((f) => Math.exp(-f - logZ));
}

/**
 * Push a distribution over an RBM's hidden states down through its generative
 * conditionals: q(v) = Σ_h q(h) Πᵢ P(vᵢ | h), P(vᵢ = 1 | h) = σ(Σⱼ wᵢⱼhⱼ + bᵢ) — the
 * directed top-down pass of a deep belief network, exact for nH, nV ≤ 20.
 */
export function pushDown(p: RbmParameters, hiddenDistribution: Float64Array): Float64Array {
  checkEnumerable('DBN.visibleDistribution', p.visible);
  const hiddenStates = enumeratedStates(p.hidden);
  const on = visibleProbabilitiesOf(p, hiddenStates);
  const out = new Float64Array(2 ** p.visible);
  for (let h = 0; h < hiddenStates.rows; h++) {
    const weight = hiddenDistribution[h]!;
    if (weight === 0) continue;
    for (let v = 0; v < out.length; v++) {
      let probability = weight;
      for (let i = 0; i < p.visible; i++) {
        const q = on.data[h * p.visible + i]!;
        probability *= (v >>> i) & 1 ? q : 1 - q;
      }
      out[v]! += probability;
    }
  }
  return out;
}
