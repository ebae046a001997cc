import { ShapeError } from '../errors.js';
import { div, lt, mul, sub, where } from '../ops/binary.js';
import { abs, square } from '../ops/unary.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Reduction } from './reduction.js';
import { reduceLoss } from './reduction.js';

export interface RegressionLossOptions {
  /** 'mean' (default), 'sum' or 'none'. */
  reduction?: Reduction;
}

/**
 * The elementwise difference input − target. Shapes must be equal: PyTorch broadcasts
 * with a warning, which silently turns [N,1] − [N] into an N×N matrix; we refuse.
 */
function difference(op: string, input: Tensor, target: Tensor): Tensor {
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(
      `${op}: input ${formatShape(input.shape)} and target ${formatShape(target.shape)} must have the same shape`,
    );
  }
  return sub(input, target);
}

/** Mean squared error: ℓᵢ = (xᵢ − yᵢ)², then reduced. */
export function mseLoss(input: Tensor, target: Tensor, options: RegressionLossOptions = {}): Tensor {
  return reduceLoss('mseLoss', square(difference('mseLoss', input, target)), options.reduction ?? 'mean');
}

/** Mean absolute error: ℓᵢ = |xᵢ − yᵢ|, then reduced. */
export function l1Loss(input: Tensor, target: Tensor, options: RegressionLossOptions = {}): Tensor {
  return reduceLoss('l1Loss', abs(difference('l1Loss', input, target)), options.reduction ?? 'mean');
}

/**
 * Huber loss: with d = x − y, ℓ = ½d² where |d| < δ, else δ(|d| − ½δ): quadratic near
 * zero, linear (robust to outliers) beyond δ (default 1).
 */
export function huberLoss(
  input: Tensor,
  target: Tensor,
  options: RegressionLossOptions & { delta?: number } = {},
): Tensor {
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new RangeError(`huberLoss: delta must be > 0, got ${delta}`);
  const d = difference('huberLoss', input, target);
  const size = abs(d);
  const losses = where(lt(size, delta), mul(square(d), 0.5), mul(sub(size, 0.5 * delta), delta));
  return reduceLoss('huberLoss', losses, options.reduction ?? 'mean');
}

/**
 * Smooth L1 loss: with d = x − y, ℓ = ½d²/β where |d| < β, else |d| − ½β (β default 1;
 * β = 0 is the L1 loss). Equals huberLoss / β for δ = β.
 */
export function smoothL1Loss(
  input: Tensor,
  target: Tensor,
  options: RegressionLossOptions & { beta?: number } = {},
): Tensor {
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new RangeError(`smoothL1Loss: beta must be ≥ 0, got ${beta}`);
  if (beta === 0) return l1Loss(input, target, options);
  const d = difference('smoothL1Loss', input, target);
  const size = abs(d);
  const losses = where(lt(size, beta), div(mul(square(d), 0.5), beta), sub(size, 0.5 * beta));
  return reduceLoss('smoothL1Loss', losses, options.reduction ?? 'mean');
}
