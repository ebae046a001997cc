import { ShapeError } from '../errors.js';
import { add, div, mul, sub } from '../ops/binary.js';
import { unsqueeze } from '../ops/shape.js';
import { clamp, log, square } from '../ops/unary.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectFloat } from './args.js';
import type { Reduction } from './reduction.js';
import { reduceLoss } from './reduction.js';

export interface GaussianNllLossOptions {
  /** Add the constant ½·ln 2π to every element (default false). */
  full?: boolean;
  /** Variances below eps are raised to eps (default 1e-6). */
  eps?: number;
  /** 'mean' (default), 'sum' or 'none'. */
  reduction?: Reduction;
}

/**
 * var as it broadcasts against input, as PyTorch accepts it: input's shape
 * (heteroscedastic), input's shape without the last dim, or with a last dim of 1 (one
 * variance shared by the last dim's entries).
 */
function varianceLike(input: Tensor, variance: Tensor): Tensor {
  if (sameShape(variance.shape, input.shape)) return variance;
  const lead = input.shape.slice(0, -1);
  if (sameShape(variance.shape, lead)) return unsqueeze(variance, -1);
  if (sameShape(variance.shape.slice(0, -1), lead) && variance.shape[variance.ndim - 1] === 1) return variance;
  throw new ShapeError(
    `gaussianNllLoss: var ${formatShape(variance.shape)} must have input's shape ${formatShape(input.shape)}, or that shape without its last dim or with a last dim of 1`,
  );
}

/**
 * Gaussian negative log-likelihood of target under N(input, var) (torch.nn.functional.gaussian_nll_loss):
 * ℓᵢ = ½·(ln max(varᵢ, ε) + (inputᵢ − targetᵢ)² / max(varᵢ, ε)) [+ ½·ln 2π when full], then
 * reduced. The clamp is invisible to the gradient, as in PyTorch (which clamps var in
 * place under no_grad): dℓ/dvar is the derivative at max(var, ε) even where var < ε.
 * input and target have one shape; negative variances throw.
 */
export function gaussianNllLoss(
  input: Tensor,
  target: Tensor,
  variance: Tensor,
  options: GaussianNllLossOptions = {},
): Tensor {
  expectFloat('gaussianNllLoss', input);
  expectFloat('gaussianNllLoss', variance, 'var');
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(
      `gaussianNllLoss: input ${formatShape(input.shape)} and target ${formatShape(target.shape)} must have the same shape`,
    );
  }
  const v = varianceLike(input, variance);
  const negative = v.data.findIndex((value) => value < 0);
  if (negative >= 0)
    throw new RangeError(`gaussianNllLoss: var must be ≥ 0, got ${v.data[negative]} at flat index ${negative}`);
  const eps = options.eps ?? 1e-6;
  if (!(eps > 0)) throw new RangeError(`gaussianNllLoss: eps must be > 0, got ${eps}`);
  const clamped = add(v, sub(clamp(v, eps), v).detach());
  const losses = mul(add(log(clamped), div(square(sub(input, target)), clamped)), 0.5);
  const reduction = options.reduction ?? 'mean';
  return reduceLoss('gaussianNllLoss', options.full ? add(losses, 0.5 * Math.log(2 * Math.PI)) : losses, reduction);
}
