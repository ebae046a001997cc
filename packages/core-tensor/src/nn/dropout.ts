import { dropout } from '../functional/index.js';
import type { Generator } from '../random/generator.js';
import type { Tensor } from '../tensor/tensor.js';
import { Module } from './module.js';

/**
 * Dropout (Srivastava et al. 2014): in training each element is zeroed with
 * probability p and survivors scaled by 1/(1 − p), so E[y] = x; in evaluation y = x.
 */
export class Dropout extends Module {
  readonly generator: Generator | undefined;

  constructor(
    readonly p = 0.5,
    options: { generator?: Generator } = {},
  ) {
    super();
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Dropout: probability p must be in [0, 1], got ${p}`);
    this.generator = options.generator;
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training, this.generator === undefined ? {} : { generator: this.generator });
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
