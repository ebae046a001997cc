import { ShapeError } from '../errors.js';
import { gt, mul, where } from '../ops/binary.js';
import { reshape } from '../ops/shape.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { constant_ } from './init/index.js';
import { Module } from './module.js';
import type { ParameterOptions } from './options.js';
import { emptyParameter, expectInt } from './options.js';

export interface PReLUOptions extends ParameterOptions {
  /** Initial slope α (default 0.25, as in He et al. 2015). */
  init?: number;
}

/**
 * Parametric ReLU (He et al. 2015): PReLU(x) = x for x > 0, α·x otherwise, with the
 * slope α learned — one shared α (numChannels = 1), or one per channel (dim 1, or dim 0 of a 1-D input).
 */
export class PReLU extends Module {
  readonly weight: Tensor;

  constructor(
    readonly numChannels = 1,
    options: PReLUOptions = {},
  ) {
    super();
    expectInt('PReLU', 'numChannels', numChannels);
    this.weight = this.registerParameter(
      'weight',
      constant_(emptyParameter([numChannels], options), options.init ?? 0.25),
    );
  }

  forward(x: Tensor): Tensor {
    return where(gt(x, 0), x, mul(this.slopeFor(x), x));
  }

  /** α shaped to broadcast over x's channel dim. */
  private slopeFor(x: Tensor): Tensor {
    if (this.numChannels === 1) return reshape(this.weight, []);
    const channelDim = x.ndim >= 2 ? 1 : 0;
    if (x.shape[channelDim] !== this.numChannels) {
      throw new ShapeError(
        `PReLU: input ${formatShape(x.shape)} needs ${this.numChannels} channels in dim ${channelDim}`,
      );
    }
    return reshape(this.weight, [this.numChannels, ...Array<number>(x.ndim - channelDim - 1).fill(1)]);
  }

  override extraRepr(): string {
    return `numChannels=${this.numChannels}`;
  }
}
