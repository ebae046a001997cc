import { noGrad } from '../autograd/mode.js';
import { ShapeError } from '../errors.js';
import { batchNorm } from '../functional/index.js';
import { formatShape } from '../shape.js';
import { ones, scalar, zeros } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import { ones_ } from './init/index.js';
import { Module } from './module.js';
import type { ParameterOptions } from './options.js';
import { emptyParameter, expectInt } from './options.js';

export interface BatchNormOptions extends Omit<ParameterOptions, 'generator'> {
  /** ε added to the variance (default 1e-5). */
  eps?: number;
  /** Running-average rate m (default 0.1); null for the cumulative average over all batches. */
  momentum?: number | null;
  /** Learn per-channel γ (ones) and β (zeros) (default true). */
  affine?: boolean;
  /** Keep running mean and variance for evaluation (default true); without them batch statistics are always used. */
  trackRunningStats?: boolean;
}

/**
 * Batch normalization (Ioffe & Szegedy 2015) per channel (dim 1):
 * x̂ = (x − μ_B)/√(σ²_B + ε), y = γx̂ + β. In training μ_B, σ²_B are the batch's and the
 * running estimates follow r ← (1 − m)r + m·(batch statistic) (unbiased variance); in
 * evaluation the running estimates normalize.
 */
abstract class BatchNorm extends Module {
  readonly eps: number;
  readonly momentum: number | null;
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly runningMean: Tensor | null;
  readonly runningVar: Tensor | null;
  /** How many training batches updated the running statistics (int32 scalar). */
  readonly numBatchesTracked: Tensor | null;

  constructor(
    readonly numFeatures: number,
    options: BatchNormOptions = {},
  ) {
    super();
    expectInt(this.constructor.name, 'numFeatures', numFeatures);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    const affine = options.affine ?? true;
    this.weight = affine ? this.registerParameter('weight', ones_(emptyParameter([numFeatures], options))) : null;
    this.bias = affine ? this.registerParameter('bias', emptyParameter([numFeatures], options)) : null;
    const track = options.trackRunningStats ?? true;
    const dtype = options.dtype ?? 'float32';
    this.runningMean = track ? this.registerBuffer('runningMean', zeros([numFeatures], { dtype })) : null;
    this.runningVar = track ? this.registerBuffer('runningVar', ones([numFeatures], { dtype })) : null;
    this.numBatchesTracked = track ? this.registerBuffer('numBatchesTracked', scalar(0, 'int32')) : null;
  }

  /** The input ranks this layer accepts, e.g. [2, 3] for BatchNorm1d. */
  protected abstract readonly ranks: readonly number[];

  forward(x: Tensor): Tensor {
    if (!this.ranks.includes(x.ndim) || x.shape[1] !== this.numFeatures) {
      throw new ShapeError(
        `${this.constructor.name}: input ${formatShape(x.shape)} needs ${this.ranks.join(' or ')} dims with ${this.numFeatures} channels in dim 1`,
      );
    }
    let momentum = this.momentum ?? 0;
    if (this.training && this.numBatchesTracked !== null) {
      const tracked = this.numBatchesTracked;
      noGrad(() => tracked.fill_(tracked.item() + 1));
      if (this.momentum === null) momentum = 1 / tracked.item();
    }
    // without running statistics, batch statistics normalize in evaluation too
    return batchNorm(x, this.runningMean, this.runningVar, this.weight ?? undefined, this.bias ?? undefined, {
      training: this.training || this.runningMean === null,
      momentum,
      eps: this.eps,
    });
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.weight !== null}, trackRunningStats=${this.runningMean !== null}`;
  }
}

/** BatchNorm over x [N, C] or [N, C, L]. */
export class BatchNorm1d extends BatchNorm {
  protected readonly ranks = [2, 3];
}

/** BatchNorm over images x [N, C, H, W]. */
export class BatchNorm2d extends BatchNorm {
  protected readonly ranks = [4];
}
