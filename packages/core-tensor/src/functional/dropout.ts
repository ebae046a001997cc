import { mul } from '../ops/binary.js';
import type { Generator } from '../random/generator.js';
import { bernoulli } from '../random/sample.js';
import { zerosLike } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * Inverted dropout (Srivastava et al.): in training, each element is zeroed with
 * probability p and the survivors scaled by 1/(1 − p), so E[y] = x; otherwise y = x.
 */
export function dropout(x: Tensor, p = 0.5, training = true, options: { generator?: Generator } = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout: probability p must be in [0, 1], got ${p}`);
  if (!training || p === 0) return x;
  if (p === 1) return mul(x, zerosLike(x));
  const keep = bernoulli(1 - p, x.shape, { dtype: x.dtype === 'float64' ? 'float64' : 'float32', ...options });
  return mul(x, mul(keep, 1 / (1 - p)));
}
