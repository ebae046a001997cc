import type { Tensor } from '@shinkei/core-tensor';
import { gt, leakyRelu, onesLike, relu, sigmoid, silu, tanh, where } from '@shinkei/core-tensor';

/** The activation functions of chapter 6.1.3 (and the identity of a linear output). */
export type ActivationName = 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'prelu' | 'swish';

/** An activation φ with its derivative φ', both elementwise tensor functions. */
export interface Activation {
  readonly name: ActivationName;
  /** φ(z); `slope` is α of the negative side for Leaky ReLU and PReLU. */
  fn(z: Tensor, slope?: Tensor | number): Tensor;
  /** φ'(z), what backpropagation multiplies by at each layer. */
  derivative(z: Tensor, slope?: Tensor | number): Tensor;
  /** α for Leaky ReLU (fixed, 0.01) and PReLU (learned; its initial value 0.25). */
  readonly defaultSlope?: number;
}

/** φ(z) = z for z > 0, αz otherwise; φ'(z) = 1 for z > 0, α otherwise. */
function slopedRelu(name: 'leakyRelu' | 'prelu', defaultSlope: number): Activation {
  return {
    name,
    defaultSlope,
    fn: (z, slope = defaultSlope) =>
      typeof slope === 'number' ? leakyRelu(z, slope) : where(gt(z, 0), z, z.mul(slope)),
    derivative: (z, slope = defaultSlope) =>
      where(gt(z, 0), 1, typeof slope === 'number' ? slope : slope.to(z.dtype)).to(z.dtype),
  };
}

/**
 * The activations and their derivatives (chapter 6.1.3):
 * - sigmoid σ(z) = 1/(1 + e⁻ᶻ), σ' = σ(1 − σ) ≤ ¼: gradients shrink in deep nets;
 * - tanh, tanh' = 1 − tanh² ≤ 1, zero-centred but still saturating;
 * - ReLU max(0, z), ReLU' = 1[z > 0]: no shrinking for z > 0, dead units for z ≤ 0;
 * - Leaky ReLU / PReLU: slope α for z ≤ 0 (fixed 0.01 / learned);
 * - Swish z·σ(z), Swish' = σ(z)(1 + z(1 − σ(z)));
 * - identity, the output of a regression.
 */
export const activations: Readonly<Record<ActivationName, Activation>> = {
  identity: { name: 'identity', fn: (z) => z, derivative: (z) => onesLike(z) },
  sigmoid: {
    name: 'sigmoid',
    fn: sigmoid,
    derivative: (z) => {
      const s = sigmoid(z);
      return s.mul(s.neg().add(1));
    },
  },
  tanh: { name: 'tanh', fn: tanh, derivative: (z) => tanh(z).square().neg().add(1) },
  relu: { name: 'relu', fn: relu, derivative: (z) => gt(z, 0).to(z.dtype) },
  leakyRelu: slopedRelu('leakyRelu', 0.01),
  prelu: slopedRelu('prelu', 0.25),
  swish: {
    name: 'swish',
    fn: silu,
    derivative: (z) => {
      const s = sigmoid(z);
      return s.mul(z.mul(s.neg().add(1)).add(1));
    },
  },
};

/** The activation called `name`, with a clear error for an unknown one. */
export function activationOf(name: ActivationName): Activation {
  const found = activations[name];
  if (found === undefined)
    throw new RangeError(`activation: unknown '${name}' (known: ${Object.keys(activations).join(', ')})`);
  return found;
}
