import { linear } from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { resetAffine } from './default-init.js';
import { Module } from './module.js';
import type { ParameterOptions } from './options.js';
import { emptyParameter, expectInt } from './options.js';

export interface LinearOptions extends ParameterOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
}

/**
 * Fully connected layer y = x Wᵀ + b over the last dim: W is [outFeatures, inFeatures].
 * Initialized like PyTorch: W, b ~ U(−1/√in, 1/√in).
 */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    expectInt('Linear', 'inFeatures', inFeatures, 0);
    expectInt('Linear', 'outFeatures', outFeatures, 0);
    this.weight = this.registerParameter('weight', emptyParameter([outFeatures, inFeatures], options));
    this.bias = options.bias === false ? null : this.registerParameter('bias', emptyParameter([outFeatures], options));
    resetAffine('Linear', this.weight, this.bias, options.generator);
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias ?? undefined);
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
