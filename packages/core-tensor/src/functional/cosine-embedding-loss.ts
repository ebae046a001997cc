import { ShapeError } from '../errors.js';
import { add, div, eq, mul, sub, where } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { clamp, sqrt, square } from '../ops/unary.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectFloat } from './args.js';
import type { Reduction } from './reduction.js';
import { reduceLoss } from './reduction.js';

export interface CosineEmbeddingLossOptions {
  /** How far below 0 (or above) a dissimilar pair's cosine must fall before it costs nothing (default 0). */
  margin?: number;
  /** 'mean' (default), 'sum' or 'none'. */
  reduction?: Reduction;
}

/** PyTorch's guard against a zero vector in the cosine's denominator. */
const EPSILON = 1e-12;

/**
 * Cosine embedding loss (torch.nn.functional.cosine_embedding_loss) of pairs x1, x2 [N, D]
 * (or one pair [D]) labelled y ∈ {1, −1} [N] (or []): with
 * cos = Σ x1·x2 / √((Σ x1² + ε)(Σ x2² + ε)), ε = 10⁻¹²,
 * ℓ = 1 − cos for similar pairs (y = 1) and max(0, cos − margin) for dissimilar ones (y = −1).
 */
export function cosineEmbeddingLoss(
  x1: Tensor,
  x2: Tensor,
  target: Tensor,
  options: CosineEmbeddingLossOptions = {},
): Tensor {
  const op = 'cosineEmbeddingLoss';
  expectFloat(op, x1, 'x1');
  expectFloat(op, x2, 'x2');
  if (!sameShape(x1.shape, x2.shape) || (x1.ndim !== 1 && x1.ndim !== 2)) {
    throw new ShapeError(
      `${op}: x1 and x2 must both be [N, D] or [D], got ${formatShape(x1.shape)} and ${formatShape(x2.shape)}`,
    );
  }
  if (!sameShape(target.shape, x1.shape.slice(0, -1))) {
    throw new ShapeError(
      `${op}: target must be ${formatShape(x1.shape.slice(0, -1))} (one label per pair), got ${formatShape(target.shape)}`,
    );
  }
  const bad = target.data.findIndex((y) => y !== 1 && y !== -1);
  if (bad >= 0) throw new RangeError(`${op}: target labels must be 1 or −1, got ${target.data[bad]} at index ${bad}`);
  const dim = x1.ndim - 1;
  const squaredNorms = mul(add(sum(square(x1), dim), EPSILON), add(sum(square(x2), dim), EPSILON));
  const cos = div(sum(mul(x1, x2), dim), sqrt(squaredNorms));
  const losses = where(eq(target, 1), sub(1, cos), clamp(sub(cos, options.margin ?? 0), 0));
  return reduceLoss(op, losses, options.reduction ?? 'mean');
}
