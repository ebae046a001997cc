import { ShapeError } from '../errors.js';
import { add, div, gt, mul, sub, where } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { exp, log, square } from '../ops/unary.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectFloat } from './args.js';
import type { Reduction } from './reduction.js';
import { reduceLoss } from './reduction.js';

export interface KlDivOptions {
  /**
   * 'mean' (default, as PyTorch: the mean over every element), 'batchmean' (the sum divided
   * by the batch size: the true KL divergence per sample), 'sum' or 'none'.
   */
  reduction?: Reduction | 'batchmean';
  /** The target is given as log-probabilities (default false: probabilities). */
  logTarget?: boolean;
}

/**
 * Kullback–Leibler divergence KL(target ‖ input) with the input given as log-probabilities
 * (as torch.nn.functional.kl_div): ℓᵢ = tᵢ(ln tᵢ − xᵢ), taking 0·ln 0 = 0; with logTarget,
 * ℓᵢ = e^tᵢ(tᵢ − xᵢ).
 */
export function klDiv(input: Tensor, target: Tensor, options: KlDivOptions = {}): Tensor {
  expectFloat('klDiv', input);
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(
      `klDiv: input ${formatShape(input.shape)} and target ${formatShape(target.shape)} must have the same shape`,
    );
  }
  const losses = options.logTarget ? mul(exp(target), sub(target, input)) : sub(xlogx(target), mul(target, input));
  const reduction = options.reduction ?? 'mean';
  if (reduction !== 'batchmean') return reduceLoss('klDiv', losses, reduction);
  return div(sum(losses), input.ndim === 0 ? 1 : input.shape[0]!);
}

/** t·ln t with 0·ln 0 = 0 and a finite gradient at 0 (the log sees 1 where t = 0). */
function xlogx(t: Tensor): Tensor {
  return mul(t, log(where(gt(t, 0), t, 1)));
}

export interface GaussianKlOptions {
  /** Over the batch (dim 0): 'mean' (default), 'sum' or 'none' (one value per sample). */
  reduction?: Reduction;
}

/**
 * KL(N(μ, diag e^logVar) ‖ N(0, I)), the VAE regulariser, summed over every dim but the
 * batch dim 0: KLᵢ = −½ Σⱼ (1 + logVarᵢⱼ − μᵢⱼ² − e^logVarᵢⱼ), then reduced over the batch.
 */
export function gaussianKlToStandardNormal(mu: Tensor, logVar: Tensor, options: GaussianKlOptions = {}): Tensor {
  expectFloat('gaussianKlToStandardNormal', mu, 'mu');
  if (!sameShape(mu.shape, logVar.shape)) {
    throw new ShapeError(
      `gaussianKlToStandardNormal: mu ${formatShape(mu.shape)} and logVar ${formatShape(logVar.shape)} must have the same shape`,
    );
  }
  if (mu.ndim === 0) throw new ShapeError('gaussianKlToStandardNormal: mu needs a batch dim [N,…], got a scalar');
  const terms = sub(add(logVar, 1), add(square(mu), exp(logVar)));
  const featureDims = mu.shape.map((_, i) => i).slice(1);
  const perSample = mul(featureDims.length === 0 ? terms : sum(terms, featureDims), -0.5);
  return reduceLoss('gaussianKlToStandardNormal', perSample, options.reduction ?? 'mean');
}
