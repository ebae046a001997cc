import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/functional.js';
import { ShapeError } from '../../src/errors.js';
import { adaptiveAvgPool2d, avgPool1d, avgPool2d, maxPool1d, maxPool2d } from '../../src/functional/index.js';
import { mul } from '../../src/ops/binary.js';
import { mean, sum } from '../../src/ops/reduce.js';
import { square } from '../../src/ops/unary.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { arange, tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';

const generator = new Generator(11);
/** Distinct values (no ties), so max pooling is differentiable everywhere finite differences look. */
const distinct = (...shape: number[]): Tensor => randn(shape, { generator, dtype: 'float64' });

describe('maxPool2d', () => {
  it('picks window maxima and reports their flat indices within each plane', () => {
    const x = arange(16, undefined, 1, { dtype: 'float32' }).reshape([1, 1, 4, 4]);
    const { values, indices } = maxPool2d(x, { kernelSize: 2, returnIndices: true });
    expect(values.toArray()).toEqual([
      [
        [
          [5, 7],
          [13, 15],
        ],
      ],
    ]);
    expect(indices.toArray()).toEqual([
      [
        [
          [5, 7],
          [13, 15],
        ],
      ],
    ]);
    expect(indices.dtype).toBe('int32');
  });

  for (const [name, options] of Object.entries({
    'kernel 2': { kernelSize: 2 },
    'overlapping, padded': { kernelSize: 3, stride: 2, padding: 1 },
    'dilated, ceil mode': { kernelSize: [2, 2], stride: [2, 1], dilation: 2, ceilMode: true },
  } as const)) {
    it(`gradients match finite differences: ${name}`, () => {
      assertGradcheck((x) => maxPool2d(x, options), [distinct(2, 2, 5, 6)]);
    });
  }

  it('double backward through the routing (maxPool2dBackward gathers)', () => {
    const dx = grad((x: Tensor) => sum(square(maxPool2d(x, { kernelSize: 2, stride: 1 }))));
    assertGradcheck((x) => dx(x) as Tensor, [distinct(1, 2, 4, 4)]);
  });

  it('recomputes its indices when the input changed in place between two calls', () => {
    const x = distinct(1, 1, 4, 4);
    const first = maxPool2d(x, { kernelSize: 2, returnIndices: true }).indices.toArray();
    x.mul_(-1);
    const again = maxPool2d(x, { kernelSize: 2, returnIndices: true });
    expect(again.indices.toArray()).not.toEqual(first);
    expect(Array.from(again.indices.data, (flat) => x.data[flat])).toEqual(Array.from(again.values.data));
  });

  it('refuses a 3-D input', () => {
    expect(() => maxPool2d(zeros([1, 4, 4]), { kernelSize: 2 })).toThrow(
      new ShapeError('maxPool2d: input [1,4,4] needs 4 dims [N,C,H,W]'),
    );
  });
});

describe('avgPool2d and adaptiveAvgPool2d', () => {
  it('averages windows, with and without the padding in the divisor', () => {
    const x = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    expect(avgPool2d(x, { kernelSize: 2 }).toArray()).toEqual([[[[2.5]]]]);
    expect(avgPool2d(x, { kernelSize: 2, stride: 1, padding: 1 }).toArray()).toEqual([
      [
        [
          [0.25, 0.75, 0.5],
          [1, 2.5, 1.5],
          [0.75, 1.75, 1],
        ],
      ],
    ]);
    expect(avgPool2d(x, { kernelSize: 2, stride: 1, padding: 1, countIncludePad: false }).toArray()).toEqual([
      [
        [
          [1, 1.5, 2],
          [2, 2.5, 3],
          [3, 3.5, 4],
        ],
      ],
    ]);
  });

  it('gradients match finite differences, with double backward', () => {
    assertGradcheck(
      (x) => avgPool2d(x, { kernelSize: [3, 2], stride: 2, padding: 1, ceilMode: true, countIncludePad: false }),
      [distinct(2, 2, 5, 6)],
    );
    const dx = grad((x: Tensor) => sum(square(avgPool2d(x, { kernelSize: 2, stride: 1 }))));
    assertGradcheck((x) => dx(x) as Tensor, [distinct(1, 1, 3, 4)]);
  });

  it('adaptive pooling: global mean for 1×1, uneven windows otherwise, differentiable', () => {
    const x = distinct(2, 3, 5, 7);
    expect(adaptiveAvgPool2d(x, 1)).toBeAllClose(mean(x, [2, 3], true), { rtol: 1e-12 });
    expect(adaptiveAvgPool2d(x, [null, 7])).toBeAllClose(x, { rtol: 1e-12 });
    const uneven = adaptiveAvgPool2d(x, [2, 3]);
    expect(uneven.shape).toEqual([2, 3, 2, 3]);
    expect(uneven.data[0]).toBeCloseTo(
      (x.data as Float64Array)
        .subarray(0, 3 * 7)
        .filter((_, i) => i % 7 < 3)
        .reduce((a, b) => a + b, 0) / 9,
      12,
    );
    assertGradcheck((xi) => adaptiveAvgPool2d(xi, [3, 2]), [distinct(1, 2, 5, 5)]);
  });
});

describe('1-D pooling', () => {
  it('maxPool1d and avgPool1d slide along the last dim', () => {
    const x = tensor([[[1, 3, 2, 5, 4]]]);
    expect(maxPool1d(x, { kernelSize: 2 }).toArray()).toEqual([[[3, 5]]]);
    expect(avgPool1d(x, { kernelSize: 3, stride: 2 })).toBeAllClose([[[2, 11 / 3]]], { rtol: 1e-6 });
    assertGradcheck((xi) => maxPool1d(xi, { kernelSize: 3, stride: 2, padding: 1 }), [distinct(2, 2, 7)]);
    assertGradcheck(
      (xi) => mul(avgPool1d(xi, { kernelSize: 3, padding: 1, countIncludePad: false }), 2),
      [distinct(1, 2, 7)],
    );
  });
});
