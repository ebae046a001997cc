import type { Generator } from '@shinkei/core-tensor';
import { type Matrix, matmulMatrix } from '../math/matrix.js';
import { logistic, softplus } from '../math/special.js';

/** Weights W [nV, nH] (wᵢⱼ joins visible i and hidden j), visible biases b [nV], hidden biases c [nH]. */
export interface RbmParameters {
  visible: number;
  hidden: number;
  weights: Float64Array;
  visibleBias: Float64Array;
  hiddenBias: Float64Array;
}

function weightMatrix(p: RbmParameters): Matrix {
  return { data: p.weights, rows: p.visible, cols: p.hidden };
}

/** Hidden pre-activations cⱼ + Σᵢ vᵢwᵢⱼ for a batch V [M, nV]: [M, nH]. */
export function hiddenInputs(p: RbmParameters, v: Matrix): Matrix {
  const out = matmulMatrix(v, weightMatrix(p));
  addRowVector(out, p.hiddenBias);
  return out;
}

/** Visible pre-activations bᵢ + Σⱼ wᵢⱼhⱼ for a batch H [M, nH]: [M, nV]. */
export function visibleInputs(p: RbmParameters, h: Matrix): Matrix {
  const out = matmulMatrix(h, weightMatrix(p), false, true);
  addRowVector(out, p.visibleBias);
  return out;
}

function addRowVector(m: Matrix, bias: Float64Array): void {
  for (let r = 0; r < m.rows; r++) for (let j = 0; j < m.cols; j++) m.data[r * m.cols + j]! += bias[j]!;
}

/** σ applied in place. */
export function logisticInPlace(m: Matrix): Matrix {
  for (let k = 0; k < m.data.length; k++) m.data[k] = logistic(m.data[k]!);
  return m;
}

/** P(hⱼ = 1 | v) = σ(Σᵢ wᵢⱼvᵢ + cⱼ), [M, nH]. */
export function hiddenProbabilitiesOf(p: RbmParameters, v: Matrix): Matrix {
  return logisticInPlace(hiddenInputs(p, v));
}

/** P(vᵢ = 1 | h) = σ(Σⱼ wᵢⱼhⱼ + bᵢ), [M, nV]. */
export function visibleProbabilitiesOf(p: RbmParameters, h: Matrix): Matrix {
  return logisticInPlace(visibleInputs(p, h));
}

/** Independent Bernoulli draws, 1 with the given probabilities. */
export function sampleBernoulli(probabilities: Matrix, generator: Generator): Matrix {
  const data = new Float64Array(probabilities.data.length);
  for (let k = 0; k < data.length; k++) data[k] = generator.random() < probabilities.data[k]! ? 1 : 0;
  return { data, rows: probabilities.rows, cols: probabilities.cols };
}

/** Free energy F(v) = −Σᵢ bᵢvᵢ − Σⱼ softplus(cⱼ + Σᵢ vᵢwᵢⱼ), so P(v) = e^{−F(v)}/Z; one value per row. */
export function freeEnergiesOf(p: RbmParameters, v: Matrix): Float64Array {
  const inputs = hiddenInputs(p, v);
  const out = new Float64Array(v.rows);
  for (let r = 0; r < v.rows; r++) {
    let f = 0;
    for (let i = 0; i < p.visible; i++) f -= p.visibleBias[i]! * v.data[r * p.visible + i]!;
    for (let j = 0; j < p.hidden; j++) f -= softplus(inputs.data[r * p.hidden + j]!);
    out[r] = f;
  }
  return out;
}
