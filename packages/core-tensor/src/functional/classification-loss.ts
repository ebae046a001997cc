import { DTypeError, ShapeError } from '../errors.js';
import { add, div, mul, ne, sub, where } from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import { gather } from '../ops/indexing/gather.js';
import { indexSelect } from '../ops/indexing/index-select.js';
import { sum } from '../ops/reduce.js';
import { reshape, squeeze, unsqueeze } from '../ops/shape.js';
import { logSoftmax } from '../ops/softmax.js';
import { clamp, log, neg, softplus } from '../ops/unary.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectFloat } from './args.js';
import { checkClassTargets, checkClassWeight, classDimOf } from './class-targets.js';
import type { Reduction } from './reduction.js';
import { reduceLoss } from './reduction.js';

export interface NllLossOptions {
  /** 'mean' (default: divided by Σ w[yᵢ] over non-ignored targets), 'sum' or 'none'. */
  reduction?: Reduction;
  /** Targets equal to this contribute nothing, not even to the mean's denominator (default −100). */
  ignoreIndex?: number;
  /** A rescaling weight per class, shape [C]. */
  weight?: Tensor;
}

export interface CrossEntropyOptions extends NllLossOptions {
  /** ε ∈ [0, 1]: the target becomes (1 − ε)·onehot + ε/C (default 0). */
  labelSmoothing?: number;
}

/**
 * Negative log-likelihood of class-index targets given log-probabilities
 * logp [N,C,d₁…] (or [C]) and int32 targets y [N,d₁…]: ℓᵢ = −w[yᵢ]·logp[i, yᵢ].
 */
export function nllLoss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  expectFloat('nllLoss', input);
  if (target.dtype !== 'int32')
    throw new DTypeError(`nllLoss: target must be int32 class indices, got ${target.dtype}`);
  return classIndexLoss('nllLoss', input, target, { ...options, labelSmoothing: 0 });
}

/**
 * Cross-entropy of logits x [N,C,d₁…] (or [C]) against either
 * - int32 class indices y [N,d₁…]: ℓᵢ = −Σ_c w_c·qᵢ_c·log softmax(xᵢ)_c with
 *   q = (1 − ε)·onehot(yᵢ) + ε/C, targets equal to ignoreIndex skipped; 'mean' divides by
 *   Σ w[yᵢ] over the kept targets (as PyTorch);
 * - float class probabilities p shaped like x: q = (1 − ε)·p + ε/C; 'mean' divides by
 *   the number of samples N·d₁…
 * Float targets of any other shape are a DTypeError (class indices must be int32).
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  expectFloat('crossEntropy', input);
  const labelSmoothing = options.labelSmoothing ?? 0;
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
    throw new RangeError(`crossEntropy: labelSmoothing must be in [0, 1], got ${labelSmoothing}`);
  if (target.dtype === 'int32') {
    const logp = logSoftmax(input, input.ndim === 1 ? 0 : 1);
    return classIndexLoss('crossEntropy', logp, target, { ...options, labelSmoothing });
  }
  if ((target.dtype === 'float32' || target.dtype === 'float64') && sameShape(target.shape, input.shape)) {
    return probabilityLoss(input, target, options, labelSmoothing);
  }
  throw new DTypeError(
    `crossEntropy: target ${target.dtype} ${formatShape(target.shape)} is neither int32 class indices nor float class probabilities shaped like the input ${formatShape(input.shape)}`,
  );
}

/**
 * ℓᵢ = −(1 − ε)·w[yᵢ]·logp[i, yᵢ] − (ε/C)·Σ_c w_c·logp[i, c] for yᵢ ≠ ignoreIndex (0 otherwise);
 * 'mean' divides by Σ w[yᵢ] over the kept targets. Picks with gather: O(N), not O(N·C).
 */
function classIndexLoss(
  op: string,
  logp: Tensor,
  target: Tensor,
  options: NllLossOptions & { labelSmoothing: number },
): Tensor {
  const classDim = classDimOf(op, logp, target);
  const classes = logp.shape[classDim]!;
  const ignoreIndex = options.ignoreIndex ?? -100;
  const { weight, labelSmoothing } = options;
  checkClassTargets(op, target, classes, ignoreIndex);
  checkClassWeight(op, weight, classes);
  const kept = ne(target, ignoreIndex);
  const safeTarget = where(kept, target, 0);
  const picked = squeeze(gather(logp, classDim, unsqueeze(safeTarget, classDim)), classDim);
  const keptWeight =
    weight === undefined
      ? cast(kept, logp.dtype)
      : mul(reshape(indexSelect(weight, 0, reshape(safeTarget, [safeTarget.size])), target.shape), kept);
  let losses = neg(mul(picked, keptWeight));
  if (labelSmoothing > 0) {
    const weighted =
      weight === undefined
        ? logp
        : mul(
            logp,
            reshape(
              weight,
              logp.shape.map((d, i) => (i === classDim ? d : 1)),
            ),
          );
    const smooth = mul(neg(sum(weighted, classDim)), kept);
    losses = add(mul(losses, 1 - labelSmoothing), mul(smooth, labelSmoothing / classes));
  }
  const reduction = options.reduction ?? 'mean';
  return reduction === 'mean' ? div(sum(losses), sum(keptWeight)) : reduceLoss(op, losses, reduction);
}

function probabilityLoss(input: Tensor, target: Tensor, options: CrossEntropyOptions, labelSmoothing: number): Tensor {
  const classDim = input.ndim === 1 ? 0 : 1;
  const classes = input.shape[classDim]!;
  let q = labelSmoothing === 0 ? target : add(mul(target, 1 - labelSmoothing), labelSmoothing / classes);
  checkClassWeight('crossEntropy', options.weight, classes);
  if (options.weight !== undefined) {
    q = mul(
      q,
      reshape(
        options.weight,
        input.shape.map((d, i) => (i === classDim ? d : 1)),
      ),
    );
  }
  const losses = neg(sum(mul(logSoftmax(input, classDim), q), classDim));
  return reduceLoss('crossEntropy', losses, options.reduction ?? 'mean');
}

export interface BinaryCrossEntropyOptions {
  /** 'mean' (default), 'sum' or 'none'. */
  reduction?: Reduction;
  /** A rescaling weight broadcast against the input. */
  weight?: Tensor;
}

/** PyTorch clamps the logs of binaryCrossEntropy to ≥ −100. */
const LOG_FLOOR = -100;
/** Below e^−100 (float32 rounds e^−100 itself to a denormal whose log is −99.98), so the clamp at −100 still binds. */
const PROBABILITY_FLOOR = Math.exp(LOG_FLOOR - 1);

/** ln p clamped to ≥ −100: finite at p = 0, with a zero rather than NaN gradient there. */
function clampedLog(p: Tensor): Tensor {
  return clamp(log(clamp(p, PROBABILITY_FLOOR)), LOG_FLOOR);
}

/**
 * Binary cross-entropy of probabilities p ∈ [0, 1] against targets y:
 * ℓᵢ = −wᵢ(yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)), each log clamped to ≥ −100 as in PyTorch.
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  expectFloat('binaryCrossEntropy', input);
  expectSameShape('binaryCrossEntropy', input, target);
  for (let i = 0; i < input.size; i++) {
    const p = input.data[i]!;
    if (!(p >= 0 && p <= 1))
      throw new RangeError(`binaryCrossEntropy: input must hold probabilities in [0, 1], got ${p} at flat index ${i}`);
  }
  const losses = neg(add(mul(target, clampedLog(input)), mul(sub(1, target), clampedLog(sub(1, input)))));
  return reduceLoss('binaryCrossEntropy', weighted(losses, options.weight), options.reduction ?? 'mean');
}

export interface BinaryCrossEntropyWithLogitsOptions extends BinaryCrossEntropyOptions {
  /** Weight of the positive class, broadcast along the last dim (one per class). */
  posWeight?: Tensor;
}

/**
 * Binary cross-entropy on logits x, stable for any x (no sigmoid is formed):
 * ℓᵢ = wᵢ[(1 − yᵢ)xᵢ + (1 + (pw − 1)yᵢ)·softplus(−xᵢ)], which for pw = 1 is
 * max(x, 0) − x·y + ln(1 + e^−|x|).
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: BinaryCrossEntropyWithLogitsOptions = {},
): Tensor {
  expectFloat('binaryCrossEntropyWithLogits', input);
  expectSameShape('binaryCrossEntropyWithLogits', input, target);
  const negLogSigmoid = softplus(neg(input));
  const positiveTerm =
    options.posWeight === undefined
      ? negLogSigmoid
      : mul(negLogSigmoid, add(mul(sub(options.posWeight, 1), target), 1));
  const losses = add(mul(sub(1, target), input), positiveTerm);
  return reduceLoss('binaryCrossEntropyWithLogits', weighted(losses, options.weight), options.reduction ?? 'mean');
}

function expectSameShape(op: string, input: Tensor, target: Tensor): void {
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(
      `${op}: input ${formatShape(input.shape)} and target ${formatShape(target.shape)} must have the same shape`,
    );
  }
}

function weighted(losses: Tensor, weight: Tensor | undefined): Tensor {
  return weight === undefined ? losses : mul(losses, weight);
}
