import { ShapeError } from '../../errors.js';
import { formatShape } from '../../shape.js';
import type { Tensor } from '../../tensor/tensor.js';

/** The nonlinearities `calculateGain` knows. */
export type Nonlinearity =
  | 'linear'
  | 'identity'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'convTranspose1d'
  | 'convTranspose2d'
  | 'convTranspose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leakyRelu'
  | 'selu';

/**
 * The gain g that keeps activations' variance stable through `nonlinearity` (PyTorch's
 * table): 1 for linear layers and sigmoid, 5/3 for tanh, √2 for ReLU,
 * √(2 / (1 + a²)) for Leaky ReLU with slope a (default 0.01), 3/4 for SELU.
 */
export function calculateGain(nonlinearity: Nonlinearity, negativeSlope?: number): number {
  switch (nonlinearity) {
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu': {
      const a = negativeSlope ?? 0.01;
      return Math.sqrt(2 / (1 + a * a));
    }
    case 'selu':
      return 3 / 4;
    default:
      return 1;
  }
}

/**
 * fan_in and fan_out of a weight (PyTorch's convention): for shape [out, in, k₁, …],
 * fan_in = in·Πkᵢ and fan_out = out·Πkᵢ (the receptive field multiplies both).
 */
export function fans(op: string, t: Tensor): { fanIn: number; fanOut: number } {
  if (t.ndim < 2)
    throw new ShapeError(`${op}: fan in and fan out need a tensor of at least 2 dims, got ${formatShape(t.shape)}`);
  const receptive = t.shape.slice(2).reduce((p, d) => p * d, 1);
  return { fanIn: t.shape[1]! * receptive, fanOut: t.shape[0]! * receptive };
}
