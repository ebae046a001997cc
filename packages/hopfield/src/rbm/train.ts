import type { Generator } from '@shinkei/core-tensor';
import { shuffle } from '../hopfield/dynamics.js';
import { type Matrix, matmulMatrix } from '../math/matrix.js';
import { hiddenProbabilitiesOf, type RbmParameters, sampleBernoulli, visibleProbabilitiesOf } from './conditionals.js';

/**
 * Contrastive-divergence hyperparameters; the defaults are those of Hinton's "A Practical
 * Guide to Training Restricted Boltzmann Machines" (2010): learning rate 0.1, momentum 0.5 for
 * the first 5 epochs and 0.9 after, L2 weight decay 0.0001 on the weights only, mini-batches
 * of 10, CD-1.
 */
export interface ContrastiveDivergenceSettings {
  epochs: number;
  /** k of CD-k: block-Gibbs steps in the negative phase. */
  k: number;
  /** Persistent CD (Tieleman 2008): the negative chains carry over between updates instead of restarting at the data. */
  persistent: boolean;
  learningRate: number;
  /** η_e = η/(1 + decay·e) at epoch e: lets the parameters settle at the end of training. */
  learningRateDecay: number;
  initialMomentum: number;
  finalMomentum: number;
  /** Epoch from which `finalMomentum` applies. */
  momentumSwitchEpoch: number;
  weightDecay: number;
  batchSize: number;
  generator: Generator;
  onEpoch?: (epoch: number, reconstructionError: number) => void;
}

/** Velocities of the momentum updates, one per parameter. */
interface Velocity {
  weights: Float64Array;
  visibleBias: Float64Array;
  hiddenBias: Float64Array;
}

/**
 * Train by CD-k or PCD-k on binary (or [0, 1]) rows. Per mini-batch of M rows:
 * positive statistics v₀ᵀP(h|v₀); the chain h ~ P(h|v₀) (or the persistent state) runs k
 * block-Gibbs steps, binary states driving each step, probabilities at the last visible
 * update (CD); negative statistics v_kᵀP(h|v_k). Then
 * Δ ← μΔ + η((⟨vh⟩₀ − ⟨vh⟩_k)/M − λW), W ← W + Δ, and likewise for the biases without decay.
 * Returns the mean squared reconstruction error ‖v₀ − P(v|h₀)‖²/nV of each epoch.
 */
export function trainContrastiveDivergence(p: RbmParameters, data: Matrix, s: ContrastiveDivergenceSettings): number[] {
  const velocity: Velocity = {
    weights: new Float64Array(p.weights.length),
    visibleBias: new Float64Array(p.visible),
    hiddenBias: new Float64Array(p.hidden),
  };
  const order = new Int32Array(data.rows);
  for (let r = 0; r < data.rows; r++) order[r] = r;
  const batchSize = Math.min(s.batchSize, data.rows);
  let chains: Matrix | undefined = s.persistent ? gatherRows(data, order, 0, batchSize) : undefined;
  const errors: number[] = [];
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    shuffle(order, s.generator);
    const momentum = epoch < s.momentumSwitchEpoch ? s.initialMomentum : s.finalMomentum;
    const rate = s.learningRate / (1 + s.learningRateDecay * epoch);
    let squaredError = 0;
    for (let start = 0; start + batchSize <= data.rows; start += batchSize) {
      const v0 = gatherRows(data, order, start, batchSize);
      const ph0 = hiddenProbabilitiesOf(p, v0);
      const h0 = sampleBernoulli(ph0, s.generator);
      const reconstruction = visibleProbabilitiesOf(p, h0);
      squaredError += sumSquaredDifference(v0, reconstruction);
      let hidden = chains ? sampleBernoulli(hiddenProbabilitiesOf(p, chains), s.generator) : h0;
      let visible = v0;
      let hiddenProbabilities = ph0;
      for (let step = 1; step <= s.k; step++) {
        const pv = step === 1 && !chains ? reconstruction : visibleProbabilitiesOf(p, hidden);
        visible = step === s.k && !chains ? pv : sampleBernoulli(pv, s.generator);
        hiddenProbabilities = hiddenProbabilitiesOf(p, visible);
        if (step < s.k) hidden = sampleBernoulli(hiddenProbabilities, s.generator);
      }
      if (chains) chains = visible;
      update(p, velocity, v0, ph0, visible, hiddenProbabilities, momentum, rate, s.weightDecay);
    }
    const error = squaredError / (Math.floor(data.rows / batchSize) * batchSize * p.visible);
    errors.push(error);
    s.onEpoch?.(epoch, error);
  }
  return errors;
}

function update(
  p: RbmParameters,
  velocity: Velocity,
  v0: Matrix,
  ph0: Matrix,
  vk: Matrix,
  phk: Matrix,
  momentum: number,
  rate: number,
  weightDecay: number,
): void {
  const m = v0.rows;
  const positive = matmulMatrix(v0, ph0, true, false);
  const negative = matmulMatrix(vk, phk, true, false);
  for (let k = 0; k < p.weights.length; k++) {
    const gradient = (positive.data[k]! - negative.data[k]!) / m - weightDecay * p.weights[k]!;
    velocity.weights[k] = momentum * velocity.weights[k]! + rate * gradient;
    p.weights[k]! += velocity.weights[k]!;
  }
  applyBiasUpdate(p.visibleBias, velocity.visibleBias, columnMeanDifference(v0, vk), momentum, rate);
  applyBiasUpdate(p.hiddenBias, velocity.hiddenBias, columnMeanDifference(ph0, phk), momentum, rate);
}

function applyBiasUpdate(
  bias: Float64Array,
  velocity: Float64Array,
  gradient: Float64Array,
  momentum: number,
  rate: number,
): void {
  for (let i = 0; i < bias.length; i++) {
    velocity[i] = momentum * velocity[i]! + rate * gradient[i]!;
    bias[i]! += velocity[i]!;
  }
}

function columnMeanDifference(a: Matrix, b: Matrix): Float64Array {
  const out = new Float64Array(a.cols);
  for (let r = 0; r < a.rows; r++)
    for (let j = 0; j < a.cols; j++) out[j]! += a.data[r * a.cols + j]! - b.data[r * a.cols + j]!;
  for (let j = 0; j < a.cols; j++) out[j]! /= a.rows;
  return out;
}

function sumSquaredDifference(a: Matrix, b: Matrix): number {
  let sum = 0;
  for (let k = 0; k < a.data.length; k++) sum += (a.data[k]! - b.data[k]!) ** 2;
  return sum;
}

/** Rows order[start … start+count) of a matrix, copied into a new batch. */
export function gatherRows(data: Matrix, order: Int32Array, start: number, count: number): Matrix {
  const out = new Float64Array(count * data.cols);
  for (let r = 0; r < count; r++) {
    const source = order[start + r]! * data.cols;
    out.set(data.data.subarray(source, source + data.cols), r * data.cols);
  }
  return { data: out, rows: count, cols: data.cols };
}
