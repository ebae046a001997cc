import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/functional.js';
import { ShapeError } from '../../src/errors.js';
import { batchNorm, groupNorm, layerNorm } from '../../src/functional/index.js';
import { mul } from '../../src/ops/binary.js';
import { mean, sum, variance } from '../../src/ops/reduce.js';
import { square } from '../../src/ops/unary.js';
import { Generator } from '../../src/random/generator.js';
import { rand, randn } from '../../src/random/sample.js';
import { ones, tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';

const generator = new Generator(13);
const r = (...shape: number[]): Tensor => randn(shape, { generator, dtype: 'float64' });

describe('layerNorm', () => {
  it('gives each sample zero mean and unit (biased) variance over the normalized dims', () => {
    const y = layerNorm(r(3, 2, 5), [2, 5], undefined, undefined, 0);
    expect(mean(y, [1, 2])).toBeAllClose([0, 0, 0], { atol: 1e-12 });
    expect(variance(y, [1, 2], { correction: 0 })).toBeAllClose([1, 1, 1], { rtol: 1e-10 });
  });

  it('gradients match finite differences (with and without affine, size-1 dims)', () => {
    assertGradcheck((x, w, b) => layerNorm(x, [4], w, b), [r(3, 4), r(4), r(4)]);
    assertGradcheck((x) => layerNorm(x, [1, 3]), [r(2, 1, 3)]);
  });

  it('double and triple backward through the fused input gradient', () => {
    const dLoss = grad(
      (x: Tensor, w: Tensor) => sum(mul(layerNorm(x, [3], w), tensor([1, -2, 0.5], { dtype: 'float64' })).tanh()),
      [0, 1],
    );
    assertGradcheck((x, w) => (dLoss(x, w) as Tensor[])[0]!, [r(2, 3), r(3)]);
    assertGradcheck((x, w) => (dLoss(x, w) as Tensor[])[1]!, [r(2, 3), r(3)]);
    const ddx = grad((x: Tensor) => sum(square(grad((xi: Tensor) => sum(layerNorm(xi, [3]).pow(3)))(x) as Tensor)));
    assertGradcheck((x) => ddx(x) as Tensor, [r(2, 3)]);
  });

  it('refuses a normalizedShape the input does not end with', () => {
    expect(() => layerNorm(zeros([2, 3]), [4])).toThrow(
      new ShapeError('layerNorm: input [2,3] does not end with normalizedShape [4]'),
    );
    expect(() => layerNorm(zeros([2, 3]), [3], zeros([2]))).toThrow(/weight must have shape \[3\]/);
  });
});

describe('batchNorm', () => {
  it('training: normalizes with batch statistics and updates running stats with the unbiased variance', () => {
    const x = tensor([[[1, 3]], [[5, 7]]], { dtype: 'float64' }); // [N=2, C=1, L=2]: mean 4, biased var 5, unbiased 20/3
    const runningMean = zeros([1], { dtype: 'float64' });
    const runningVar = ones([1], { dtype: 'float64' });
    const y = batchNorm(x, runningMean, runningVar, undefined, undefined, { training: true, momentum: 0.1, eps: 0 });
    expect(y).toBeAllClose(
      [[[-3, -1]], [[1, 3]]].map((row) => row.map((v) => v.map((z) => z / Math.sqrt(5)))),
      { rtol: 1e-12 },
    );
    expect(runningMean.item()).toBeCloseTo(0.4, 12);
    expect(runningVar.item()).toBeCloseTo(0.9 + 0.1 * (20 / 3), 12);
  });

  it('training leaves autograd out of the running-stat update; eval uses the running stats', () => {
    const x = r(4, 3).requiresGrad_();
    const runningMean = zeros([3], { dtype: 'float64' });
    const runningVar = ones([3], { dtype: 'float64' });
    batchNorm(x, runningMean, runningVar, undefined, undefined, { training: true }).sum().backward();
    expect(runningMean.requiresGrad).toBe(false);
    const evalOut = batchNorm(
      tensor([[1, 2, 3]], { dtype: 'float64' }),
      tensor([1, 1, 1], { dtype: 'float64' }),
      tensor([4, 4, 4], { dtype: 'float64' }),
      tensor([2, 2, 2], { dtype: 'float64' }),
      tensor([0, 1, 0], { dtype: 'float64' }),
      { eps: 0 },
    );
    expect(evalOut.toArray()).toEqual([[0, 2, 2]]);
  });

  it('gradients match finite differences in training and evaluation', () => {
    assertGradcheck((x, w, b) => batchNorm(x, null, null, w, b, { training: true }), [r(3, 2, 2), r(2), r(2)]);
    const runningVar = rand([2], { generator, dtype: 'float64' }).add(0.5);
    assertGradcheck(
      (x, w, b) => batchNorm(x, zeros([2], { dtype: 'float64' }), runningVar, w, b),
      [r(3, 2, 1, 2), r(2), r(2)],
    );
  });

  it('double backward in training mode (batch statistics depend on x)', () => {
    const dx = grad(
      (x: Tensor, w: Tensor) => sum(batchNorm(x, null, null, w, undefined, { training: true }).pow(3)),
      [0, 1],
    );
    assertGradcheck((x, w) => (dx(x, w) as Tensor[])[0]!, [r(3, 2, 2), r(2)]);
    assertGradcheck((x, w) => (dx(x, w) as Tensor[])[1]!, [r(3, 2, 2), r(2)]);
  });

  it('refuses one value per channel in training and missing running stats in evaluation', () => {
    expect(() => batchNorm(zeros([1, 3]), null, null, undefined, undefined, { training: true })).toThrow(
      /more than 1 value per channel/,
    );
    expect(() => batchNorm(zeros([2, 3]), null, null)).toThrow(/needs runningMean and runningVar/);
    expect(() => batchNorm(zeros([2, 3]), zeros([2]), ones([3]))).toThrow(/runningMean must have shape \[3\]/);
  });
});

describe('groupNorm', () => {
  it('with one group per channel is instance normalization; gradients match', () => {
    const x = r(2, 4, 3);
    const y = groupNorm(x, 4, undefined, undefined, 0);
    expect(mean(y, 2)).toBeAllClose(zeros([2, 4]), { atol: 1e-12 });
    assertGradcheck((xi, w, b) => groupNorm(xi, 2, w, b), [r(2, 4, 1, 3), r(4), r(4)]);
    expect(() => groupNorm(zeros([1, 6, 2]), 4)).toThrow(/6 channels cannot be split into 4 groups/);
  });
});
