import type { Generator, Tensor } from '@shinkei/core-tensor';
import { init } from '@shinkei/core-tensor/nn';

/**
 * How the weights of each layer are drawn (biases start at 0):
 * - 'naive': W ~ U(−1/√fan_in, 1/√fan_in), the "standard" initialization Glorot & Bengio
 *   (2010) started from; Var(W) = 1/(3 fan_in) shrinks signals by ~√3 per linear layer;
 * - 'xavier': W ~ U(−b, b), b = √(6/(fan_in + fan_out)) (Glorot & Bengio), for tanh;
 * - 'he': W ~ N(0, 2/fan_in) (He et al. 2015), for ReLU.
 */
export type InitScheme = 'naive' | 'xavier' | 'he';

/** Re-draw a layer's weight by `scheme` and zero its bias, in place. */
export function initializeLayer(weight: Tensor, bias: Tensor | null, scheme: InitScheme, generator?: Generator): void {
  const options = generator === undefined ? {} : { generator };
  if (scheme === 'naive') {
    const bound = 1 / Math.sqrt(weight.shape[1]!);
    init.uniform_(weight, -bound, bound, options);
  } else if (scheme === 'xavier') {
    init.xavierUniform_(weight, options);
  } else if (scheme === 'he') {
    init.kaimingNormal_(weight, { ...options, nonlinearity: 'relu' });
  } else {
    throw new RangeError(`initializeLayer: unknown scheme '${scheme as string}' (known: naive, xavier, he)`);
  }
  if (bias !== null) init.zeros_(bias);
}
