import type { Tensor } from '@shinkei/core-tensor';
import { add, ge, matmul, noGrad, sigmoid, zeros } from '@shinkei/core-tensor';
import { Module } from '@shinkei/core-tensor/nn';
import { checkSamples } from './design.js';

/** The activation φ of a single neuron, and the classical model each one makes of it. */
export type NeuronActivation = 'step' | 'sigmoid' | 'identity';

export interface NeuronOptions {
  /** φ: 'step' (McCulloch–Pitts, the perceptron), 'sigmoid' (logistic regression) or 'identity' (linear regression). */
  activation?: NeuronActivation;
  /** Learn a bias b (default true). */
  bias?: boolean;
  /** dtype of w and b (default float32; float64 for exact comparisons). */
  dtype?: 'float32' | 'float64';
}

/**
 * The single neuron of chapter 6.1.1: z = wᵀx + b, y = φ(z), applied to every row of
 * x [n, d]. With φ = step (y = 1 when z ≥ 0, else 0) it is the linear classifier of the
 * perceptron, with φ = σ logistic regression, with φ = identity linear regression. The
 * parameters start at zero, where every classical fitting rule starts.
 */
export class Neuron extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly activation: NeuronActivation;

  constructor(
    readonly inFeatures: number,
    options: NeuronOptions = {},
  ) {
    super();
    if (!Number.isInteger(inFeatures) || inFeatures < 1)
      throw new RangeError(`Neuron: inFeatures must be an integer ≥ 1, got ${inFeatures}`);
    const dtype = options.dtype ?? 'float32';
    this.activation = options.activation ?? 'step';
    this.weight = this.registerParameter('weight', zeros([inFeatures], { dtype }));
    this.bias = options.bias === false ? null : this.registerParameter('bias', zeros([], { dtype }));
  }

  /** z = x w + b for x [n, d]: one pre-activation per sample, shape [n]. */
  preActivation(x: Tensor): Tensor {
    checkSamples(this.constructor.name, x, undefined, this.inFeatures);
    const z = matmul(x.to(this.weight.dtype), this.weight);
    return this.bias === null ? z : add(z, this.bias);
  }

  /** y = φ(z). */
  forward(x: Tensor): Tensor {
    const z = this.preActivation(x);
    if (this.activation === 'sigmoid') return sigmoid(z);
    if (this.activation === 'step') return ge(z, 0).to(z.dtype);
    return z;
  }

  /** w and b as plain numbers (b = 0 without a bias). */
  parameterValues(): { w: Float64Array; b: number } {
    return { w: Float64Array.from(this.weight.data), b: this.bias === null ? 0 : this.bias.data[0]! };
  }

  /** Overwrite w and b in place (outside autograd); b is ignored without a bias. */
  setParameterValues(w: ArrayLike<number>, b: number): void {
    noGrad(() => {
      this.weight.copy_(w);
      this.bias?.fill_(b);
    });
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, activation=${this.activation}, bias=${this.bias !== null}`;
  }
}
