import { defaultGenerator, ShapeError, type Tensor } from '@shinkei/core-tensor';
import type { GeneratorOption } from '../hopfield/patterns.js';
import { checkBinary, float64Tensor, type MatrixLike, readMatrix, readVector, type VectorLike } from '../tensors.js';
import {
  type BoltzmannParameters,
  boltzmannEnergy,
  exactDistribution,
  type Moments,
  momentsOfDistribution,
} from './exact.js';
import { GibbsChains } from './gibbs.js';
import { dataMoments, type MomentMethod, matchMoments } from './learning.js';
import { checkEnumerable, MAX_ENUMERATED_UNITS } from './states.js';

export interface GibbsOptions extends GeneratorOption {
  /** Independent chains run side by side (default 1). */
  chains?: number;
  /** Sweeps discarded before the first sample (default 0). */
  burnIn?: number;
}

/** E[xᵢ] [n] and E[xᵢxⱼ] [n, n] as float64 tensors. */
export interface MomentTensors {
  means: Tensor;
  correlations: Tensor;
}

export interface BoltzmannFitOptions extends GeneratorOption {
  /** Model moments by enumeration ('exact', the default for n ≤ 20) or persistent Gibbs chains ('gibbs'). */
  method?: MomentMethod;
  /** Gradient steps (default 1000). */
  epochs?: number;
  /** η (default 0.5 for exact moments, 0.2 for Gibbs moments). */
  learningRate?: number;
  /** η_t = η/(1 + decay·t) (default 0 exact, 0.002 Gibbs). */
  decay?: number;
  /** Weight of each data row (uniform by default); pass a distribution over `allBinaryStates(n)` to fit it exactly. */
  dataWeights?: VectorLike;
  /** Persistent chains for Gibbs moments (default 100). */
  chains?: number;
  /** Gibbs sweeps between updates (default 1). */
  sweepsPerStep?: number;
  /** Called after every update with the epoch index. */
  onEpoch?: (epoch: number) => void;
}

/**
 * A fully visible Boltzmann machine (Ackley–Hinton–Sejnowski 1985) on binary units
 * xᵢ ∈ {0, 1}: E(x) = −Σ_{i<j} wᵢⱼxᵢxⱼ − Σᵢ bᵢxᵢ, P(x) = exp(−E(x))/Z, an exponential family
 * with natural parameters θᵢⱼ = wᵢⱼ, θᵢ = bᵢ and log-partition A(θ) = log Z, so
 * ∂log Z/∂wᵢⱼ = E_P[xᵢxⱼ]. Exact quantities enumerate all 2ⁿ states (n ≤ 20); Gibbs sampling
 * estimates them for any n.
 */
export class BoltzmannMachine {
  readonly units: number;
  /** @internal the raw parameters shared with the kernels */
  readonly params: BoltzmannParameters;

  constructor(units: number, parameters: { weights?: MatrixLike; biases?: VectorLike } = {}) {
    if (!Number.isInteger(units) || units < 1)
      throw new RangeError(`BoltzmannMachine: units must be a positive integer, got ${units}`);
    this.units = units;
    this.params = { units, weights: new Float64Array(units * units), biases: new Float64Array(units) };
    if (parameters.weights) this.setWeights(parameters.weights);
    if (parameters.biases) this.params.biases.set(readVector('BoltzmannMachine: biases', parameters.biases, units));
  }

  /** A machine with wᵢⱼ = wⱼᵢ ~ N(0, weightScale²) and bᵢ ~ N(0, biasScale²). */
  static random(
    units: number,
    options: GeneratorOption & { weightScale?: number; biasScale?: number } = {},
  ): BoltzmannMachine {
    const generator = options.generator ?? defaultGenerator();
    const machine = new BoltzmannMachine(units);
    const { weights, biases } = machine.params;
    const weightScale = options.weightScale ?? 1;
    for (let i = 0; i < units; i++) {
      biases[i] = (options.biasScale ?? 1) * generator.normal();
      for (let j = i + 1; j < units; j++) {
        const w = weightScale * generator.normal();
        weights[i * units + j] = w;
        weights[j * units + i] = w;
      }
    }
    return machine;
  }

  /** W, float64 [n, n] (symmetric, zero diagonal; a copy). */
  get weights(): Tensor {
    return float64Tensor(Float64Array.from(this.params.weights), [this.units, this.units]);
  }

  /** b, float64 [n] (a copy). */
  get biases(): Tensor {
    return float64Tensor(Float64Array.from(this.params.biases), [this.units]);
  }

  private setWeights(weights: MatrixLike): void {
    const w = readMatrix('BoltzmannMachine: weights', weights, this.units);
    const n = this.units;
    if (w.rows !== n) throw new ShapeError(`BoltzmannMachine: weights must be [${n},${n}], got [${w.rows},${w.cols}]`);
    for (let i = 0; i < n; i++) {
      if (w.data[i * n + i] !== 0)
        throw new RangeError(`BoltzmannMachine: w[${i},${i}] must be 0, got ${w.data[i * n + i]}`);
      for (let j = i + 1; j < n; j++) {
        if (w.data[i * n + j] !== w.data[j * n + i])
          throw new RangeError(`BoltzmannMachine: weights must be symmetric, w[${i},${j}] ≠ w[${j},${i}]`);
      }
    }
    this.params.weights.set(w.data);
  }

  /** E(x) = −Σ_{i<j} wᵢⱼxᵢxⱼ − Σᵢ bᵢxᵢ. */
  energy(state: VectorLike): number {
    const x = readVector('BoltzmannMachine.energy', state, this.units);
    checkBinary('BoltzmannMachine.energy', x);
    return boltzmannEnergy(this.params, x);
  }

  /** A(θ) = log Z = log Σₓ exp(−E(x)), by enumeration of the 2ⁿ states (n ≤ 20). */
  logPartition(): number {
    checkEnumerable('BoltzmannMachine.logPartition', this.units);
    return exactDistribution(this.params).logPartition;
  }

  /** P(x) = exp(−E(x))/Z for all 2ⁿ states, float64 [2ⁿ] (state s has xᵢ = bit i of s). */
  probabilities(): Tensor {
    checkEnumerable('BoltzmannMachine.probabilities', this.units);
    const { probabilities } = exactDistribution(this.params);
    return float64Tensor(probabilities, [probabilities.length]);
  }

  /** log P(x) = −E(x) − log Z for each row of a batch [M, n], float64 [M]. */
  logProbability(states: MatrixLike): Tensor {
    const x = readMatrix('BoltzmannMachine.logProbability', states, this.units);
    checkBinary('BoltzmannMachine.logProbability', x.data);
    const logZ = this.logPartition();
    const out = new Float64Array(x.rows);
    for (let r = 0; r < x.rows; r++) out[r] = -boltzmannEnergy(this.params, x.data, r * this.units) - logZ;
    return float64Tensor(out, [x.rows]);
  }

  /** Exact E_P[xᵢ] and E_P[xᵢxⱼ] = ∂log Z/∂bᵢ, ∂log Z/∂wᵢⱼ, by enumeration (n ≤ 20). */
  exactMoments(): MomentTensors {
    checkEnumerable('BoltzmannMachine.exactMoments', this.units);
    return momentTensors(this.units, this.exactMomentArrays());
  }

  /** @internal */
  exactMomentArrays(): Moments {
    return momentsOfDistribution(this.units, exactDistribution(this.params).probabilities);
  }

  /**
   * Gibbs sampling: `sweeps` systematic-scan sweeps per chain after `burnIn`, each unit drawn
   * from P(xᵢ = 1 | x₋ᵢ) = σ(bᵢ + Σⱼ wᵢⱼxⱼ). Returns the state after every sweep of every
   * chain, float64 [sweeps·chains, n], ordered sweep by sweep.
   */
  gibbsSample(sweeps: number, options: GibbsOptions = {}): Tensor {
    const chains = this.runChains(options);
    const generator = options.generator ?? defaultGenerator();
    const n = this.units;
    const out = new Float64Array(sweeps * chains.chains * n);
    for (let t = 0; t < sweeps; t++) {
      chains.sweep(generator);
      out.set(chains.states, t * chains.chains * n);
    }
    return float64Tensor(out, [sweeps * chains.chains, n]);
  }

  /** Gibbs estimates of E[xᵢ] and E[xᵢxⱼ], averaged over `sweeps` sweeps of every chain after `burnIn`. */
  gibbsMoments(sweeps: number, options: GibbsOptions = {}): MomentTensors {
    const chains = this.runChains(options);
    const generator = options.generator ?? defaultGenerator();
    const moments: Moments = { means: new Float64Array(this.units), correlations: new Float64Array(this.units ** 2) };
    const weight = 1 / (sweeps * chains.chains);
    for (let t = 0; t < sweeps; t++) {
      chains.sweep(generator);
      chains.accumulate(moments, weight);
    }
    return momentTensors(this.units, moments);
  }

  /**
   * Fit to binary data [M, n] by maximum likelihood: Δwᵢⱼ = η(⟨xᵢxⱼ⟩_data − ⟨xᵢxⱼ⟩_model),
   * Δbᵢ = η(⟨xᵢ⟩_data − ⟨xᵢ⟩_model), the model moments exact or Gibbs-estimated.
   */
  fit(data: MatrixLike, options: BoltzmannFitOptions = {}): this {
    const x = readMatrix('BoltzmannMachine.fit', data, this.units);
    checkBinary('BoltzmannMachine.fit', x.data);
    const weights = options.dataWeights
      ? readVector('BoltzmannMachine.fit: dataWeights', options.dataWeights, x.rows)
      : new Float64Array(x.rows).fill(1);
    const total = weights.reduce((a, w) => a + w, 0);
    if (!(total > 0)) throw new RangeError(`BoltzmannMachine.fit: dataWeights must have a positive sum, got ${total}`);
    for (let r = 0; r < weights.length; r++) weights[r]! /= total;
    const method = options.method ?? (this.units <= MAX_ENUMERATED_UNITS ? 'exact' : 'gibbs');
    if (method === 'exact') checkEnumerable('BoltzmannMachine.fit', this.units);
    matchMoments(this.params, dataMoments(x, weights), () => this.exactMomentArrays(), {
      method,
      epochs: options.epochs ?? 1000,
      learningRate: options.learningRate ?? (method === 'exact' ? 0.5 : 0.2),
      decay: options.decay ?? (method === 'exact' ? 0 : 0.002),
      chains: options.chains ?? 100,
      sweepsPerStep: options.sweepsPerStep ?? 1,
      generator: options.generator ?? defaultGenerator(),
      ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
    });
    return this;
  }

  private runChains(options: GibbsOptions): GibbsChains {
    const generator = options.generator ?? defaultGenerator();
    const chains = new GibbsChains(this.params, options.chains ?? 1, generator);
    for (let t = 0; t < (options.burnIn ?? 0); t++) chains.sweep(generator);
    return chains;
  }
}

function momentTensors(units: number, moments: Moments): MomentTensors {
  return {
    means: float64Tensor(moments.means, [units]),
    correlations: float64Tensor(moments.correlations, [units, units]),
  };
}
