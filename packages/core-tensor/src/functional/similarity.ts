import { mul } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { expand } from '../ops/shape.js';
import { clamp, rsqrt, square } from '../ops/unary.js';
import { broadcastShapes, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectFloat } from './args.js';

/** x/max(‖x‖, ε) along `dim`, as x·(max(‖x‖², ε²))^(−½) so a zero vector has a finite gradient. */
function unitAlong(x: Tensor, dim: number, eps: number): Tensor {
  return mul(x, rsqrt(clamp(sum(square(x), dim, true), eps * eps)));
}

/**
 * Cosine similarity along `dim` (default 1) of a and b broadcast together:
 * cos = Σ aᵢbᵢ / (max(‖a‖, ε)·max(‖b‖, ε)), ε default 1e-8.
 */
export function cosineSimilarity(a: Tensor, b: Tensor, dim = 1, eps = 1e-8): Tensor {
  expectFloat('cosineSimilarity', a, 'a');
  expectFloat('cosineSimilarity', b, 'b');
  const shape = broadcastShapes('cosineSimilarity', a.shape, b.shape);
  const d = normalizeDim('cosineSimilarity', dim, shape.length);
  return sum(mul(unitAlong(expand(a, shape), d, eps), unitAlong(expand(b, shape), d, eps)), d);
}
