import { checkEnumerable } from '../boltzmann/states.js';
import type { Matrix } from '../math/matrix.js';
import { logSumExp, softplus } from '../math/special.js';
import { freeEnergiesOf, hiddenInputs, type RbmParameters } from './conditionals.js';

/**
 * log Z of an RBM by enumerating its smaller layer. Summing out the other layer in closed
 * form, over hidden states: log Z = log Σ_h exp(cᵀh + Σᵢ softplus(bᵢ + Σⱼ wᵢⱼhⱼ)); over
 * visible states: log Z = log Σ_v exp(−F(v)). Gray-code order keeps each state O(n).
 */
export function rbmLogPartition(p: RbmParameters): number {
  const overHidden = p.hidden <= p.visible;
  const enumerated = overHidden ? p.hidden : p.visible;
  const other = overHidden ? p.visible : p.hidden;
  checkEnumerable('RBM.logPartition', enumerated);
  const ownBias = overHidden ? p.hiddenBias : p.visibleBias;
  const otherInputs = Float64Array.from(overHidden ? p.visibleBias : p.hiddenBias);
  const coupling = (e: number, o: number): number =>
    overHidden ? p.weights[o * p.hidden + e]! : p.weights[e * p.hidden + o]!;
  const terms = new Float64Array(2 ** enumerated);
  let state = 0;
  let linear = 0;
  const marginalTerm = (): number => {
    let sum = linear;
    for (let o = 0; o < other; o++) sum += softplus(otherInputs[o]!);
    return sum;
  };
  terms[0] = marginalTerm();
  for (let step = 1; step < terms.length; step++) {
    const unit = 31 - Math.clz32(step & -step);
    const sign = (state >>> unit) & 1 ? -1 : 1;
    state ^= 1 << unit;
    linear += sign * ownBias[unit]!;
    for (let o = 0; o < other; o++) otherInputs[o]! += sign * coupling(unit, o);
    terms[state] = marginalTerm();
  }
  return logSumExp(terms);
}

/**
 * Pseudo-likelihood (Besag) of each row: Σᵢ log P(vᵢ | v₋ᵢ) with
 * P(vᵢ | v₋ᵢ) = σ(F(ṽ⁽ⁱ⁾) − F(v)), ṽ⁽ⁱ⁾ = v with unit i flipped, and log σ(x) = −softplus(−x).
 * Needs no partition function.
 */
export function rbmPseudoLikelihoods(p: RbmParameters, v: Matrix): Float64Array {
  const inputs = hiddenInputs(p, v);
  const free = freeEnergiesOf(p, v);
  const out = new Float64Array(v.rows);
  for (let r = 0; r < v.rows; r++) {
    let visibleTerm = 0;
    for (let i = 0; i < p.visible; i++) visibleTerm -= p.visibleBias[i]! * v.data[r * p.visible + i]!;
    let total = 0;
    for (let i = 0; i < p.visible; i++) {
      const delta = 1 - 2 * v.data[r * p.visible + i]!;
      let flipped = visibleTerm - p.visibleBias[i]! * delta;
      for (let j = 0; j < p.hidden; j++)
        flipped -= softplus(inputs.data[r * p.hidden + j]! + delta * p.weights[i * p.hidden + j]!);
      total -= softplus(free[r]! - flipped);
    }
    out[r] = total;
  }
  return out;
}
