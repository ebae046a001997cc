import { apply } from '../autograd/dispatch.js';
import { noGrad } from '../autograd/mode.js';
import { ShapeError } from '../errors.js';
import { add, mul } from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import { mean } from '../ops/reduce.js';
import { reshape } from '../ops/shape.js';
import { formatShape, sameShape } from '../shape.js';
import { full } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectFloat } from './args.js';
import { batchNormApplyOp, centeredSecondMomentOp } from './batch-norm-op.js';
import { layerNormOp } from './layer-norm-op.js';

/** γ or β cast to x's dtype, or the constant `value` (1 or 0) when absent. */
function parameterOr(param: Tensor | undefined, shape: readonly number[], value: number, like: Tensor): Tensor {
  return param === undefined ? full(shape, value, { dtype: like.dtype }) : cast(param, like.dtype);
}

/** y = x̂·γ + β, skipping absent parameters; γ, β reshaped to `paramShape`. */
function affine(
  xHat: Tensor,
  weight: Tensor | undefined,
  bias: Tensor | undefined,
  paramShape: readonly number[],
): Tensor {
  const scaled = weight === undefined ? xHat : mul(xHat, reshape(weight, paramShape));
  return bias === undefined ? scaled : add(scaled, reshape(bias, paramShape));
}

function expectParamShape(op: string, name: string, param: Tensor | undefined, shape: readonly number[]): void {
  if (param !== undefined && !sameShape(param.shape, shape)) {
    throw new ShapeError(`${op}: ${name} must have shape ${formatShape(shape)}, got ${formatShape(param.shape)}`);
  }
}

/**
 * Layer normalization (Ba et al.): statistics per sample over the trailing
 * `normalizedShape` dims, y = (x − μ)/√(σ² + ε)·γ + β with σ² the biased variance.
 * One fused pass per row forward and backward (ONNX LayerNormalization).
 */
export function layerNorm(
  x: Tensor,
  normalizedShape: readonly number[],
  weight?: Tensor,
  bias?: Tensor,
  eps = 1e-5,
): Tensor {
  expectFloat('layerNorm', x);
  const k = normalizedShape.length;
  if (k === 0 || k > x.ndim || !sameShape(x.shape.slice(x.ndim - k), normalizedShape)) {
    throw new ShapeError(
      `layerNorm: input ${formatShape(x.shape)} does not end with normalizedShape ${formatShape(normalizedShape)}`,
    );
  }
  expectParamShape('layerNorm', 'weight', weight, normalizedShape);
  expectParamShape('layerNorm', 'bias', bias, normalizedShape);
  const gamma = parameterOr(weight, normalizedShape, 1, x);
  const beta = parameterOr(bias, normalizedShape, 0, x);
  return apply(layerNormOp, [x, gamma, beta], { axis: x.ndim - k, eps });
}

export interface BatchNormOptions {
  /** Use batch statistics and update the running ones (default false: use the running ones). */
  training?: boolean;
  /** Running estimate update r ← (1 − m)·r + m·batch statistic (default 0.1). */
  momentum?: number;
  eps?: number;
}

/**
 * Batch normalization (Ioffe & Szegedy) of x [N,C,…] per channel:
 * y = (x − μ)/√(σ² + ε)·γ + β. In training μ, σ² are the batch's (biased variance) and the
 * running estimates are updated in place, outside autograd, with the unbiased variance:
 * μ_run ← (1 − m)μ_run + mμ, σ²_run ← (1 − m)σ²_run + m·σ²·n/(n − 1). Otherwise the
 * running estimates normalize. Fused kernels (ONNX BatchNormalization with the statistics as inputs).
 */
export function batchNorm(
  x: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight?: Tensor,
  bias?: Tensor,
  options: BatchNormOptions = {},
): Tensor {
  expectFloat('batchNorm', x);
  if (x.ndim < 2) throw new ShapeError(`batchNorm: input ${formatShape(x.shape)} needs at least 2 dims [N,C,…]`);
  const channels = x.shape[1]!;
  for (const [name, t] of [
    ['runningMean', runningMean],
    ['runningVar', runningVar],
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    expectParamShape('batchNorm', name, t ?? undefined, [channels]);
  }
  const training = options.training ?? false;
  const eps = options.eps ?? 1e-5;
  const gamma = parameterOr(weight, [channels], 1, x);
  const beta = parameterOr(bias, [channels], 0, x);
  if (!training) {
    if (runningMean === null || runningVar === null)
      throw new ShapeError('batchNorm: evaluation mode needs runningMean and runningVar');
    return apply(batchNormApplyOp, [x, cast(runningMean, x.dtype), cast(runningVar, x.dtype), gamma, beta], { eps });
  }
  const count = x.size / channels;
  if (count <= 1)
    throw new ShapeError(`batchNorm: training needs more than 1 value per channel, got input ${formatShape(x.shape)}`);
  const mu = mean(
    x,
    x.shape.map((_, i) => i).filter((i) => i !== 1),
  );
  const sigma2 = apply(centeredSecondMomentOp, [x, mu], undefined);
  updateRunningStats(runningMean, runningVar, mu, sigma2, options.momentum ?? 0.1, count);
  return apply(batchNormApplyOp, [x, mu, sigma2, gamma, beta], { eps });
}

function updateRunningStats(
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  mu: Tensor,
  sigma2: Tensor,
  momentum: number,
  count: number,
): void {
  noGrad(() => {
    if (runningMean !== null)
      runningMean.copy_(add(mul(runningMean, 1 - momentum), mul(reshape(mu, runningMean.shape), momentum)));
    if (runningVar !== null) {
      const unbiased = mul(reshape(sigma2, runningVar.shape), count / (count - 1));
      runningVar.copy_(add(mul(runningVar, 1 - momentum), mul(unbiased, momentum)));
    }
  });
}

/**
 * Group normalization (Wu & He) of x [N,C,…]: the C channels are split into `numGroups`
 * groups, each normalized per sample over its channels and positions,
 * y = (x − μ_g)/√(σ_g² + ε)·γ_c + β_c. The statistics use the fused layer-norm kernel.
 */
export function groupNorm(x: Tensor, numGroups: number, weight?: Tensor, bias?: Tensor, eps = 1e-5): Tensor {
  expectFloat('groupNorm', x);
  if (x.ndim < 2) throw new ShapeError(`groupNorm: input ${formatShape(x.shape)} needs at least 2 dims [N,C,…]`);
  const channels = x.shape[1]!;
  if (!Number.isInteger(numGroups) || numGroups < 1 || channels % numGroups !== 0) {
    throw new ShapeError(`groupNorm: ${channels} channels cannot be split into ${numGroups} groups`);
  }
  expectParamShape('groupNorm', 'weight', weight, [channels]);
  expectParamShape('groupNorm', 'bias', bias, [channels]);
  const grouped = reshape(x, [x.shape[0]!, numGroups, x.size / (x.shape[0]! * numGroups)]);
  const groupSize = [grouped.shape[2]!];
  const standardized = apply(
    layerNormOp,
    [grouped, full(groupSize, 1, { dtype: x.dtype }), full(groupSize, 0, { dtype: x.dtype })],
    { axis: 2, eps },
  );
  const xHat = reshape(standardized, x.shape);
  return affine(
    xHat,
    weight,
    bias,
    x.shape.map((d, i) => (i === 1 ? d : 1)),
  );
}
