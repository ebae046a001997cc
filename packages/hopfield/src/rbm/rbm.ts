import { defaultGenerator, type Tensor } from '@shinkei/core-tensor';
import type { GeneratorOption } from '../hopfield/patterns.js';
import type { Matrix } from '../math/matrix.js';
import {
  checkUnitInterval,
  float64Tensor,
  type MatrixLike,
  matrixTensor,
  readMatrix,
  readVector,
  type VectorLike,
} from '../tensors.js';
import {
  freeEnergiesOf,
  hiddenProbabilitiesOf,
  type RbmParameters,
  sampleBernoulli,
  visibleProbabilitiesOf,
} from './conditionals.js';
import { rbmVisibleDistribution } from './distribution.js';
import { rbmLogPartition, rbmPseudoLikelihoods } from './likelihood.js';
import { trainContrastiveDivergence } from './train.js';

export interface RbmTrainOptions extends GeneratorOption {
  /** Passes over the data (default 10). */
  epochs?: number;
  /** Gibbs steps of CD-k / PCD-k (default 1). */
  k?: number;
  /** Persistent contrastive divergence (default false: plain CD). */
  persistent?: boolean;
  /** η (default 0.1). */
  learningRate?: number;
  /** η_e = η/(1 + decay·e) at epoch e (default 0: constant rate). */
  learningRateDecay?: number;
  /** Momentum for the first `momentumSwitchEpoch` epochs (default 0.5). */
  initialMomentum?: number;
  /** Momentum afterwards (default 0.9). */
  finalMomentum?: number;
  /** Default 5. */
  momentumSwitchEpoch?: number;
  /** L2 coefficient λ on the weights (default 0.0001). */
  weightDecay?: number;
  /** Mini-batch size (default 10). */
  batchSize?: number;
  /** Called after each epoch with the mean squared reconstruction error. */
  onEpoch?: (epoch: number, reconstructionError: number) => void;
}

export interface RbmSampleOptions extends GeneratorOption {
  /** Block-Gibbs steps from a random start (default 1000). */
  steps?: number;
  /** Return P(v|h) of the last step instead of binary states (smoother images). */
  probabilities?: boolean;
  /** Start the chains here instead of at random bits. */
  initial?: MatrixLike;
}

/**
 * Restricted Boltzmann machine: binary visible v ∈ {0,1}^nV and hidden h ∈ {0,1}^nH units,
 * E(v, h) = −Σᵢⱼ wᵢⱼvᵢhⱼ − Σᵢ bᵢvᵢ − Σⱼ cⱼhⱼ. With no visible–visible or hidden–hidden links
 * the conditionals factorise: P(hⱼ = 1|v) = σ(Σᵢ wᵢⱼvᵢ + cⱼ), P(vᵢ = 1|h) = σ(Σⱼ wᵢⱼhⱼ + bᵢ),
 * so Gibbs sampling updates a whole layer at once (block Gibbs).
 *
 * Batches go in as [M, nV] / [M, nH] tensors or rows of numbers; results are float64 tensors
 * (per-row values) or plain numbers (dataset means).
 */
export class RBM {
  readonly nVisible: number;
  readonly nHidden: number;
  /** @internal the raw parameters shared with the kernels */
  readonly params: RbmParameters;

  /** Weights wᵢⱼ ~ N(0, weightStd²) (default 0.01, as the practical guide advises), zero biases. */
  constructor(nVisible: number, nHidden: number, options: GeneratorOption & { weightStd?: number } = {}) {
    for (const [name, value] of [
      ['nVisible', nVisible],
      ['nHidden', nHidden],
    ] as const) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`RBM: ${name} must be a positive integer, got ${value}`);
    }
    this.nVisible = nVisible;
    this.nHidden = nHidden;
    const generator = options.generator ?? defaultGenerator();
    const std = options.weightStd ?? 0.01;
    const weights = new Float64Array(nVisible * nHidden);
    if (std !== 0) for (let k = 0; k < weights.length; k++) weights[k] = std * generator.normal();
    this.params = {
      visible: nVisible,
      hidden: nHidden,
      weights,
      visibleBias: new Float64Array(nVisible),
      hiddenBias: new Float64Array(nHidden),
    };
  }

  /** An RBM with the given W [nV, nH], b [nV] and c [nH]. */
  static fromParameters(weights: MatrixLike, visibleBias: VectorLike, hiddenBias: VectorLike): RBM {
    const w = readMatrix('RBM.fromParameters: weights', weights);
    const rbm = new RBM(w.rows, w.cols, { weightStd: 0 });
    rbm.params.weights.set(w.data);
    rbm.params.visibleBias.set(readVector('RBM.fromParameters: visibleBias', visibleBias, w.rows));
    rbm.params.hiddenBias.set(readVector('RBM.fromParameters: hiddenBias', hiddenBias, w.cols));
    return rbm;
  }

  /** The same machine seen from the other side: W ↦ Wᵀ, b ↔ c (hidden units become visible). */
  transposed(): RBM {
    const { visible, hidden, weights } = this.params;
    const wt = new Float64Array(weights.length);
    for (let i = 0; i < visible; i++) for (let j = 0; j < hidden; j++) wt[j * visible + i] = weights[i * hidden + j]!;
    return RBM.fromParameters(
      float64Tensor(wt, [hidden, visible]),
      Array.from(this.params.hiddenBias),
      Array.from(this.params.visibleBias),
    );
  }

  /** W, float64 [nV, nH] (a copy). */
  get weights(): Tensor {
    return float64Tensor(Float64Array.from(this.params.weights), [this.nVisible, this.nHidden]);
  }

  /** b, float64 [nV] (a copy). */
  get visibleBias(): Tensor {
    return float64Tensor(Float64Array.from(this.params.visibleBias), [this.nVisible]);
  }

  /** c, float64 [nH] (a copy). */
  get hiddenBias(): Tensor {
    return float64Tensor(Float64Array.from(this.params.hiddenBias), [this.nHidden]);
  }

  private visibleBatch(op: string, v: MatrixLike): Matrix {
    const m = readMatrix(`RBM.${op}`, v, this.nVisible);
    checkUnitInterval(`RBM.${op}`, m.data);
    return m;
  }

  private hiddenBatch(op: string, h: MatrixLike): Matrix {
    const m = readMatrix(`RBM.${op}`, h, this.nHidden);
    checkUnitInterval(`RBM.${op}`, m.data);
    return m;
  }

  /** Visible biases bᵢ = log(pᵢ/(1 − pᵢ)) from the fraction pᵢ of rows with unit i on (clipped to [0.001, 0.999]), as the guide advises. */
  initVisibleBiases(data: MatrixLike): this {
    const v = this.visibleBatch('initVisibleBiases', data);
    for (let i = 0; i < this.nVisible; i++) {
      let on = 0;
      for (let r = 0; r < v.rows; r++) on += v.data[r * this.nVisible + i]!;
      const p = Math.min(0.999, Math.max(0.001, on / v.rows));
      this.params.visibleBias[i] = Math.log(p / (1 - p));
    }
    return this;
  }

  /** P(hⱼ = 1 | v) = σ(Σᵢ wᵢⱼvᵢ + cⱼ) for a batch [M, nV]: float64 [M, nH]. */
  hiddenProbabilities(visible: MatrixLike): Tensor {
    return matrixTensor(hiddenProbabilitiesOf(this.params, this.visibleBatch('hiddenProbabilities', visible)));
  }

  /** P(vᵢ = 1 | h) = σ(Σⱼ wᵢⱼhⱼ + bᵢ) for a batch [M, nH]: float64 [M, nV]. */
  visibleProbabilities(hidden: MatrixLike): Tensor {
    return matrixTensor(visibleProbabilitiesOf(this.params, this.hiddenBatch('visibleProbabilities', hidden)));
  }

  /** h ~ P(h | v), binary float64 [M, nH]. */
  sampleHidden(visible: MatrixLike, options: GeneratorOption = {}): Tensor {
    const probabilities = hiddenProbabilitiesOf(this.params, this.visibleBatch('sampleHidden', visible));
    return matrixTensor(sampleBernoulli(probabilities, options.generator ?? defaultGenerator()));
  }

  /** v ~ P(v | h), binary float64 [M, nV]. */
  sampleVisible(hidden: MatrixLike, options: GeneratorOption = {}): Tensor {
    const probabilities = visibleProbabilitiesOf(this.params, this.hiddenBatch('sampleVisible', hidden));
    return matrixTensor(sampleBernoulli(probabilities, options.generator ?? defaultGenerator()));
  }

  /** F(v) = −Σᵢ bᵢvᵢ − Σⱼ log(1 + exp(cⱼ + Σᵢ vᵢwᵢⱼ)), P(v) = e^{−F(v)}/Z: float64 [M]. */
  freeEnergy(visible: MatrixLike): Tensor {
    const v = this.visibleBatch('freeEnergy', visible);
    return float64Tensor(freeEnergiesOf(this.params, v), [v.rows]);
  }

  /** k steps of block Gibbs sampling v → h ~ P(h|v) → v ~ P(v|h) from each row: binary float64 [M, nV]. */
  gibbs(visible: MatrixLike, steps = 1, options: GeneratorOption = {}): Tensor {
    const generator = options.generator ?? defaultGenerator();
    let v = this.visibleBatch('gibbs', visible);
    for (let t = 0; t < steps; t++) {
      const h = sampleBernoulli(hiddenProbabilitiesOf(this.params, v), generator);
      v = sampleBernoulli(visibleProbabilitiesOf(this.params, h), generator);
    }
    return matrixTensor(v);
  }

  /** log Z, by enumerating the smaller layer (min(nV, nH) ≤ 20). */
  logPartition(): number {
    return rbmLogPartition(this.params);
  }

  /** log P(v) = −F(v) − log Z for each row: float64 [M] (min(nV, nH) ≤ 20). */
  logProbability(visible: MatrixLike): Tensor {
    const v = this.visibleBatch('logProbability', visible);
    const logZ = this.logPartition();
    return float64Tensor(
      freeEnergiesOf(this.params, v).map((f) => -f - logZ),
      [v.rows],
    );
  }

  /** P(v) for all 2^nV visible states, float64 [2^nV] indexed as `allBinaryStates(nV)` (nV ≤ 20). */
  visibleDistribution(): Tensor {
    const p = rbmVisibleDistribution(this.params);
    return float64Tensor(p, [p.length]);
  }

  /** Mean exact log-likelihood (1/M) Σ log P(v⁽ᵐ⁾), in nats (min(nV, nH) ≤ 20). */
  logLikelihood(data: MatrixLike): number {
    return mean(this.logProbability(data).data);
  }

  /** Mean pseudo-log-likelihood (1/M) Σₘ Σᵢ log P(vᵢ⁽ᵐ⁾ | v₋ᵢ⁽ᵐ⁾), tractable at any size. */
  pseudoLikelihood(data: MatrixLike): number {
    return mean(rbmPseudoLikelihoods(this.params, this.visibleBatch('pseudoLikelihood', data)));
  }

  /** Mean squared reconstruction error (1/(M·nV)) Σ ‖v − P(v | h = P(h|v))‖², the usual (if crude) training monitor. */
  reconstructionError(data: MatrixLike): number {
    const v = this.visibleBatch('reconstructionError', data);
    const reconstruction = visibleProbabilitiesOf(this.params, hiddenProbabilitiesOf(this.params, v));
    let sum = 0;
    for (let k = 0; k < v.data.length; k++) sum += (v.data[k]! - reconstruction.data[k]!) ** 2;
    return sum / v.data.length;
  }

  /** Fantasies: `count` block-Gibbs chains run for `steps` steps, float64 [count, nV]. */
  sample(count: number, options: RbmSampleOptions = {}): Tensor {
    const generator = options.generator ?? defaultGenerator();
    let v: Matrix;
    if (options.initial) v = this.visibleBatch('sample', options.initial);
    else {
      v = { data: new Float64Array(count * this.nVisible), rows: count, cols: this.nVisible };
      for (let k = 0; k < v.data.length; k++) v.data[k] = generator.random() < 0.5 ? 1 : 0;
    }
    const steps = options.steps ?? 1000;
    for (let t = 0; t < steps; t++) {
      const h = sampleBernoulli(hiddenProbabilitiesOf(this.params, v), generator);
      const pv = visibleProbabilitiesOf(this.params, h);
      v = t === steps - 1 && options.probabilities ? pv : sampleBernoulli(pv, generator);
    }
    return matrixTensor(v);
  }

  /**
   * Train by contrastive divergence (CD-k) or persistent CD on rows in [0, 1]; the defaults
   * follow Hinton's practical guide. Returns each epoch's reconstruction error.
   */
  train(data: MatrixLike, options: RbmTrainOptions = {}): number[] {
    const v = this.visibleBatch('train', data);
    return trainContrastiveDivergence(this.params, v, {
      epochs: options.epochs ?? 10,
      k: options.k ?? 1,
      persistent: options.persistent ?? false,
      learningRate: options.learningRate ?? 0.1,
      learningRateDecay: options.learningRateDecay ?? 0,
      initialMomentum: options.initialMomentum ?? 0.5,
      finalMomentum: options.finalMomentum ?? 0.9,
      momentumSwitchEpoch: options.momentumSwitchEpoch ?? 5,
      weightDecay: options.weightDecay ?? 0.0001,
      batchSize: options.batchSize ?? 10,
      generator: options.generator ?? defaultGenerator(),
      ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
    });
  }
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}
