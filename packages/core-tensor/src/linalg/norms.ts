import { mul } from '../ops/binary.js';
import { amax, amin, sum } from '../ops/reduce.js';
import { reshape } from '../ops/shape.js';
import { abs, sqrt } from '../ops/unary.js';
import type { Tensor } from '../tensor/tensor.js';
import { floatDType, identityMatrix, matrixStack } from './batch.js';
import { svdvals } from './svd.js';

/** The orders matrixNorm knows, as in torch.linalg.matrix_norm. */
export type MatrixNormOrder =
  | 'fro'
  | 'nuc'
  | 1
  | -1
  | 2
  | -2
  | typeof Number.POSITIVE_INFINITY
  | typeof Number.NEGATIVE_INFINITY;

/**
 * A matrix norm of every matrix of a stack [..., m, n] → [...] (torch.linalg.matrix_norm):
 * 'fro' √(Σ a_ij²); 'nuc' Σσᵢ; 2 / −2 the largest / smallest singular value; 1 / −1 the
 * largest / smallest column sum Σᵢ|a_ij|; ∞ / −∞ the largest / smallest row sum Σⱼ|a_ij|.
 * All are differentiable compositions ('nuc' and ±2 through svdvals).
 */
export function matrixNorm(a: Tensor, ord: MatrixNormOrder = 'fro', options: { keepdim?: boolean } = {}): Tensor {
  matrixStack('linalg.matrixNorm', a);
  const keepdim = options.keepdim ?? false;
  const keep = (x: Tensor): Tensor => (keepdim ? reshape(x, [...x.shape, 1, 1]) : x);
  switch (ord) {
    case 'fro':
      return sqrt(sum(mul(a, a), [-2, -1], keepdim));
    case 'nuc':
      return keep(sum(svdvals(a), -1));
    case 2:
      return keep(amax(svdvals(a), -1));
    case -2:
      return keep(amin(svdvals(a), -1));
    case 1:
      return keep(amax(sum(abs(a), -2), -1));
    case -1:
      return keep(amin(sum(abs(a), -2), -1));
    case Number.POSITIVE_INFINITY:
      return keep(amax(sum(abs(a), -1), -1));
    case Number.NEGATIVE_INFINITY:
      return keep(amin(sum(abs(a), -1), -1));
    default:
      throw new RangeError(`linalg.matrixNorm: ord must be 'fro', 'nuc', ±1, ±2 or ±Infinity, got ${String(ord)}`);
  }
}

/** The trace tr A = Σᵢ a_ii of every matrix of a stack [..., m, n] → [...] (differentiable: Σ A ⊙ I). */
export function trace(a: Tensor): Tensor {
  const { rows, cols } = matrixStack('linalg.trace', a);
  return sum(mul(a, identityMatrix(rows, cols, floatDType('linalg.trace', a))), [-2, -1]);
}
