import { eq, where } from '../ops/binary.js';
import { reciprocal } from '../ops/unary.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * 1/x where x ≠ 0 and 0 where x = 0, differentiable to any order without producing an
 * infinity (the zero entries never reach the reciprocal). Used for the 1/(λ_j − λ_i) and
 * 1/σ factors of spectral gradients, where an exact zero marks a term that drops out.
 */
export function reciprocalOrZero(x: Tensor): Tensor {
  const zero = eq(x.detach(), 0);
  return where(zero, 0, reciprocal(where(zero, 1, x)));
}
