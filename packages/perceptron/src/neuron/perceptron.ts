import type { Generator, Tensor } from '@shinkei/core-tensor';
import { defaultGenerator, ge, noGrad, randperm, where } from '@shinkei/core-tensor';
import type { DesignRows } from './design.js';
import { checkSignLabels, designRows } from './design.js';
import type { NeuronOptions } from './neuron.js';
import { Neuron } from './neuron.js';

export interface PerceptronFitOptions {
  /** Learning rate η > 0 (default 1; from w₀ = 0 it only scales w, never changes a prediction). */
  lr?: number;
  /** Stop after this many passes over the data even without a mistake-free one (default 100). */
  maxEpochs?: number;
  /** Visit the samples in a fresh random order every epoch (default false: the given order). */
  shuffle?: boolean;
  /** Where the shuffled orders come from (default: the global generator). */
  generator?: Generator;
}

/** What one run of the error-correction rule did. */
export interface PerceptronHistory {
  /** Total number of updates (= mistakes made online), the quantity Novikoff's theorem bounds. */
  updates: number;
  /** Updates made during each epoch. */
  updatesPerEpoch: number[];
  /** Training samples the classifier gets wrong at the end of each epoch. */
  mistakesPerEpoch: number[];
  /** Whether an epoch passed without a single update (the data are then separated). */
  converged: boolean;
  /** Epochs run. */
  epochs: number;
}

/**
 * Rosenblatt's perceptron (chapter 6.1.1): the step neuron with labels y ∈ {−1, +1},
 * f(x) = sign(wᵀx + b) (taken as +1 at z = 0). Error-correction learning: on a mistake,
 * yᵢ(wᵀxᵢ + b) ≤ 0, set w ← w + η yᵢ xᵢ and b ← b + η yᵢ; on linearly separable data it
 * stops after at most (R/γ)² updates (Novikoff).
 */
export class Perceptron extends Neuron {
  constructor(inFeatures: number, options: Omit<NeuronOptions, 'activation'> = {}) {
    super(inFeatures, { ...options, activation: 'step' });
  }

  /** f(x) = sign(wᵀx + b) ∈ {−1, +1} for every row of x. */
  override forward(x: Tensor): Tensor {
    return where(ge(this.preActivation(x), 0), 1, -1).to(this.weight.dtype);
  }

  /** The predicted labels (±1), outside autograd. */
  predict(x: Tensor): Tensor {
    return noGrad(() => this.forward(x));
  }

  /** Accuracy: the share of rows whose predicted label equals y. */
  score(x: Tensor, y: Tensor): number {
    const predicted = this.predict(x).data;
    let correct = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === y.data[i]) correct++;
    return correct / predicted.length;
  }

  /**
   * Run the error-correction rule from the current w, b (zero for a fresh perceptron) until
   * an epoch makes no update or `maxEpochs` have passed.
   */
  fit(x: Tensor, y: Tensor, options: PerceptronFitOptions = {}): PerceptronHistory {
    const { lr = 1, maxEpochs = 100, shuffle = false } = options;
    if (!(lr > 0)) throw new RangeError(`Perceptron.fit: lr must be > 0, got ${lr}`);
    if (!Number.isInteger(maxEpochs) || maxEpochs < 1)
      throw new RangeError(`Perceptron.fit: maxEpochs must be an integer ≥ 1, got ${maxEpochs}`);
    const rows = designRows('Perceptron.fit', x, y, this.inFeatures);
    checkSignLabels('Perceptron.fit', rows.y);
    const generator = options.generator ?? defaultGenerator();
    const { w, b: b0 } = this.parameterValues();
    const useBias = this.bias !== null;
    let b = b0;
    const givenOrder = Int32Array.from({ length: rows.n }, (_, i) => i);
    const history: PerceptronHistory = {
      updates: 0,
      updatesPerEpoch: [],
      mistakesPerEpoch: [],
      converged: false,
      epochs: 0,
    };
    while (history.epochs < maxEpochs && !history.converged) {
      const order = shuffle ? (randperm(rows.n, { generator }).data as Int32Array) : givenOrder;
      let updates = 0;
      for (const i of order) {
        const yi = rows.y[i]!;
        if (yi * margin(rows, i, w, b) <= 0) {
          for (let j = 0; j < rows.d; j++) w[j]! += lr * yi * rows.x[i * rows.d + j]!;
          if (useBias) b += lr * yi;
          updates++;
        }
      }
      history.epochs++;
      history.updates += updates;
      history.updatesPerEpoch.push(updates);
      history.mistakesPerEpoch.push(countMistakes(rows, w, b));
      history.converged = updates === 0;
    }
    this.setParameterValues(w, b);
    return history;
  }
}

/** wᵀxᵢ + b. */
function margin(rows: DesignRows, i: number, w: Float64Array, b: number): number {
  let z = b;
  for (let j = 0; j < rows.d; j++) z += w[j]! * rows.x[i * rows.d + j]!;
  return z;
}

/** Samples with yᵢ(wᵀxᵢ + b) ≤ 0. */
function countMistakes(rows: DesignRows, w: Float64Array, b: number): number {
  let mistakes = 0;
  for (let i = 0; i < rows.n; i++) if (rows.y[i]! * margin(rows, i, w, b) <= 0) mistakes++;
  return mistakes;
}
