import { bilinear } from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { uniform_ } from './init/index.js';
import type { LinearOptions } from './linear.js';
import { Module } from './module.js';
import { emptyParameter, expectInt } from './options.js';

/**
 * Bilinear layer yₖ = x₁ᵀ Aₖ x₂ + bₖ with A [outFeatures, in1Features, in2Features];
 * x₁ [..., in1] and x₂ [..., in2] share their leading dims. Initialized like PyTorch:
 * A, b ~ U(−1/√in1, 1/√in1).
 */
export class Bilinear extends Module<[Tensor, Tensor], Tensor> {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly in1Features: number,
    readonly in2Features: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    expectInt('Bilinear', 'in1Features', in1Features);
    expectInt('Bilinear', 'in2Features', in2Features);
    expectInt('Bilinear', 'outFeatures', outFeatures, 0);
    this.weight = this.registerParameter('weight', emptyParameter([outFeatures, in1Features, in2Features], options));
    this.bias = options.bias === false ? null : this.registerParameter('bias', emptyParameter([outFeatures], options));
    const bound = 1 / Math.sqrt(in1Features);
    const init = options.generator === undefined ? {} : { generator: options.generator };
    uniform_(this.weight, -bound, bound, init);
    if (this.bias !== null) uniform_(this.bias, -bound, bound, init);
  }

  forward(x1: Tensor, x2: Tensor): Tensor {
    return bilinear(x1, x2, this.weight, this.bias ?? undefined);
  }

  override extraRepr(): string {
    return `in1Features=${this.in1Features}, in2Features=${this.in2Features}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
