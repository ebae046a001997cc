import type { Generator, Tensor } from '@shinkei/core-tensor';
import { defaultGenerator, ShapeError } from '@shinkei/core-tensor';
import type { Matrix } from '../math/matrix.js';
import { checkSpins, float64Tensor, type MatrixLike, readMatrix, readVector, type VectorLike } from '../tensors.js';
import {
  type DynamicsTrace,
  energyOf,
  localFields,
  runDynamics,
  type SweepOrder,
  tieTolerances,
  type UpdateMode,
} from './dynamics.js';
import { hebbCouplings, type LearningRule, projectionCouplings } from './rules.js';

export interface HopfieldOptions {
  /** How `store` turns patterns into couplings: the Hebb rule (default) or the projection rule. */
  rule?: LearningRule;
  /** Thresholds θᵢ (all zero by default). */
  thresholds?: VectorLike;
}

export interface RecallOptions {
  /** 'async' (default): one unit at a time, energy never increases; 'sync': all at once. */
  mode?: UpdateMode;
  /** Upper bound on sweeps (one sweep = N single-unit updates, or one synchronous step). Default 100. */
  maxSweeps?: number;
  /** Asynchronous visiting order: a fresh random permutation each sweep (default) or 0…N−1. */
  order?: SweepOrder;
  generator?: Generator;
  /** Also record E after every single flip (asynchronous mode). */
  traceFlips?: boolean;
  /** Also keep the state after every sweep, e.g. to draw the recall as a sequence of images. */
  recordStates?: boolean;
}

/** The dynamics' trace (sweeps, convergence, energies, flips) with the final state and snapshots as tensors. */
export interface RecallResult extends Omit<DynamicsTrace, 'states'> {
  /** The final state, float64 [N] of ±1. */
  state: Tensor;
  /** States after each sweep, the probe first (only with `recordStates`). */
  states: Tensor[];
}

/**
 * The Amari–Hopfield associative memory: N units xᵢ ∈ {−1, +1}, symmetric couplings W,
 * thresholds θ, energy E(x) = −½ Σᵢⱼ wᵢⱼxᵢxⱼ + Σᵢ θᵢxᵢ, and the update
 * xᵢ ← sgn(Σⱼ wᵢⱼxⱼ − θᵢ). Patterns are stored by the Hebb rule wᵢⱼ = (1/N) Σ_μ ξᵢ^μξⱼ^μ,
 * wᵢᵢ = 0 (capacity P_c ≈ 0.138 N for random patterns), or by the projection rule.
 *
 * States and patterns go in as Tensors (any dtype) or plain arrays of ±1 and come out as
 * float64 Tensors.
 */
export class HopfieldNetwork {
  readonly size: number;
  readonly rule: LearningRule;
  private couplings: Float64Array;
  private readonly theta: Float64Array;
  private storedPatterns: Matrix;

  constructor(size: number, options: HopfieldOptions = {}) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`HopfieldNetwork: size must be a positive integer, got ${size}`);
    this.size = size;
    this.rule = options.rule ?? 'hebb';
    this.couplings = new Float64Array(size * size);
    this.theta = options.thresholds
      ? readVector('HopfieldNetwork: thresholds', options.thresholds, size)
      : new Float64Array(size);
    this.storedPatterns = { data: new Float64Array(0), rows: 0, cols: size };
  }

  /**
   * A network with given couplings (symmetric N×N) and thresholds. Asynchronous updates
   * are guaranteed to never increase E when W is symmetric with wᵢᵢ ≥ 0.
   */
  static fromWeights(weights: MatrixLike, thresholds?: VectorLike): HopfieldNetwork {
    const w = readMatrix('HopfieldNetwork.fromWeights', weights);
    if (w.rows !== w.cols)
      throw new ShapeError(`HopfieldNetwork.fromWeights: weights must be square, got [${w.rows},${w.cols}]`);
    for (let i = 0; i < w.rows; i++) {
      for (let j = i + 1; j < w.cols; j++) {
        if (w.data[i * w.cols + j] !== w.data[j * w.cols + i]) {
          throw new RangeError(`HopfieldNetwork.fromWeights: weights must be symmetric, w[${i},${j}] ≠ w[${j},${i}]`);
        }
      }
    }
    const network = new HopfieldNetwork(w.rows, thresholds ? { thresholds } : {});
    network.couplings = w.data;
    return network;
  }

  /** The couplings W, float64 [N, N] (a copy). */
  get weights(): Tensor {
    return float64Tensor(Float64Array.from(this.couplings), [this.size, this.size]);
  }

  /** The thresholds θ, float64 [N] (a copy). */
  get thresholds(): Tensor {
    return float64Tensor(Float64Array.from(this.theta), [this.size]);
  }

  /** The patterns stored so far, float64 [P, N]. */
  get patterns(): Tensor {
    return float64Tensor(Float64Array.from(this.storedPatterns.data), [this.storedPatterns.rows, this.size]);
  }

  /** Load α = P/N. */
  get load(): number {
    return this.storedPatterns.rows / this.size;
  }

  /**
   * Add patterns ξ^μ ∈ {−1, +1}^N (rows of a [P, N] tensor, or one [N] vector) to the memory.
   * Hebb: W += (1/N) Σ_μ ξ^μ ξ^μᵀ (diagonal kept 0). Projection: W is recomputed from all
   * stored patterns.
   */
  store(patterns: MatrixLike): this {
    const added = readMatrix('HopfieldNetwork.store', patterns, this.size);
    checkSpins('HopfieldNetwork.store', added.data);
    const all = new Float64Array(this.storedPatterns.data.length + added.data.length);
    all.set(this.storedPatterns.data);
    all.set(added.data, this.storedPatterns.data.length);
    this.storedPatterns = { data: all, rows: this.storedPatterns.rows + added.rows, cols: this.size };
    if (this.rule === 'hebb') {
      const increment = hebbCouplings(added);
      for (let i = 0; i < this.couplings.length; i++) this.couplings[i]! += increment.data[i]!;
    } else {
      this.couplings = projectionCouplings(this.storedPatterns).data;
    }
    return this;
  }

  /** E(x) = −½ Σᵢⱼ wᵢⱼxᵢxⱼ + Σᵢ θᵢxᵢ. */
  energy(state: VectorLike): number {
    return energyOf(this.couplings, this.theta, readVector('HopfieldNetwork.energy', state, this.size));
  }

  /** Local fields hᵢ = Σⱼ wᵢⱼxⱼ − θᵢ (the unit flips toward sgn hᵢ), float64 [N]. */
  localField(state: VectorLike): Tensor {
    const x = readVector('HopfieldNetwork.localField', state, this.size);
    const h = localFields(this.couplings, x, new Float64Array(this.size));
    for (let i = 0; i < this.size; i++) h[i]! -= this.theta[i]!;
    return float64Tensor(h, [this.size]);
  }

  /** Number of units i with xᵢ·(Σⱼ wᵢⱼxⱼ − θᵢ) < 0 (beyond rounding): those one update would flip. 0 for a fixed point. */
  unstableBits(state: VectorLike): number {
    const x = readVector('HopfieldNetwork.unstableBits', state, this.size);
    const h = localFields(this.couplings, x, new Float64Array(this.size));
    const tolerances = tieTolerances(this.couplings, this.theta, this.size);
    let count = 0;
    for (let i = 0; i < this.size; i++) if (x[i]! * (h[i]! - this.theta[i]!) < -tolerances[i]!) count++;
    return count;
  }

  /**
   * Run the dynamics xᵢ ← sgn(Σⱼ wᵢⱼxⱼ − θᵢ) from `probe` until a sweep changes nothing (or
   * `maxSweeps`), returning the final state, the sweeps used, whether it converged and the
   * energy trace.
   */
  recall(probe: VectorLike, options: RecallOptions = {}): RecallResult {
    const state = readVector('HopfieldNetwork.recall', probe, this.size);
    checkSpins('HopfieldNetwork.recall', state);
    const trace = runDynamics(this.couplings, this.theta, state, {
      mode: options.mode ?? 'async',
      maxSweeps: options.maxSweeps ?? 100,
      order: options.order ?? 'random',
      generator: options.generator ?? defaultGenerator(),
      traceFlips: options.traceFlips ?? false,
      recordStates: options.recordStates ?? false,
    });
    return {
      ...trace,
      state: float64Tensor(state, [this.size]),
      states: trace.states.map((s) => float64Tensor(s, [this.size])),
    };
  }
}
