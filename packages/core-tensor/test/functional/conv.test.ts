import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/functional.js';
import { DTypeError, ShapeError } from '../../src/errors.js';
import { conv1d, conv2d, convTranspose2d } from '../../src/functional/index.js';
import { mul } from '../../src/ops/binary.js';
import { sum } from '../../src/ops/reduce.js';
import { square } from '../../src/ops/unary.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';

const generator = new Generator(7);
const r = (...shape: number[]): Tensor => randn(shape, { generator, dtype: 'float64' });

describe('conv2d', () => {
  it('computes a hand-checked 1-channel correlation (not a flipped convolution)', () => {
    const x = tensor([
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
    ]);
    const w = tensor([
      [
        [
          [1, 0],
          [0, -1],
        ],
      ],
    ]);
    expect(conv2d(x, w).toArray()).toEqual([
      [
        [
          [-4, -4],
          [-4, -4],
        ],
      ],
    ]);
    expect(conv2d(x, w, tensor([10])).toArray()).toEqual([
      [
        [
          [6, 6],
          [6, 6],
        ],
      ],
    ]);
  });

  const variants: Record<string, { x: number[]; w: number[]; options: Parameters<typeof conv2d>[3] }> = {
    'padding 1': { x: [2, 2, 4, 5], w: [3, 2, 3, 3], options: { padding: 1 } },
    'stride 2, dilation 2': {
      x: [1, 2, 7, 6],
      w: [2, 2, 2, 3],
      options: { stride: 2, dilation: [2, 1], padding: [1, 0] },
    },
    'groups 2': { x: [1, 4, 4, 4], w: [4, 2, 2, 2], options: { groups: 2, stride: [1, 2] } },
    depthwise: { x: [2, 3, 4, 4], w: [3, 1, 3, 3], options: { groups: 3, padding: 'same' } },
    "'same' with an even kernel": { x: [1, 2, 4, 5], w: [2, 2, 2, 4], options: { padding: 'same' } },
    '1×1 kernel': { x: [2, 3, 3, 3], w: [2, 3, 1, 1], options: {} },
  };
  for (const [name, { x, w, options }] of Object.entries(variants)) {
    it(`gradients match finite differences: ${name}`, () => {
      const bias = r(w[0]!);
      assertGradcheck((xi, wi, bi) => conv2d(xi, wi, bi, options), [r(...x), r(...w), bias]);
    });
  }

  it('double backward: the gradient of a gradient (conv2dBackwardInput and conv2dBackwardWeight are differentiable)', () => {
    const loss = (x: Tensor, w: Tensor): Tensor =>
      sum(square(conv2d(x, w, undefined, { stride: 2, padding: 1, dilation: [1, 2] })));
    const dLoss = grad(loss, [0, 1]);
    const x = r(1, 2, 5, 6);
    const w = r(3, 2, 2, 2);
    assertGradcheck((xi, wi) => (dLoss(xi, wi) as Tensor[])[0]!, [x, w]);
    assertGradcheck((xi, wi) => (dLoss(xi, wi) as Tensor[])[1]!, [x, w]);
  });

  it('a gradient penalty ‖∇ₓ conv(x)‖² is differentiable in the weight (groups 2)', () => {
    const penalty = (x: Tensor, w: Tensor): Tensor => {
      const dx = grad((xi: Tensor) => sum(mul(conv2d(xi, w, undefined, { groups: 2 }).tanh(), 0.5)))(x) as Tensor;
      return sum(square(dx));
    };
    assertGradcheck(penalty, [r(1, 4, 4, 3), r(2, 2, 2, 2)]);
  });

  it('refuses wrong ranks, channel mismatches, bad bias and strided same padding', () => {
    expect(() => conv2d(zeros([2, 3, 8]), zeros([4, 3, 3, 3]))).toThrow(
      new ShapeError('conv2d: input [2,3,8] needs 4 dims [N,C,H,W]'),
    );
    expect(() => conv2d(zeros([1, 3, 8, 8]), zeros([4, 3, 3]))).toThrow(/conv2d: weight \[4,3,3\] needs 4 dims/);
    expect(() => conv2d(zeros([1, 3, 8, 8]), zeros([4, 2, 3, 3]))).toThrow(
      new ShapeError('conv2d: input [1,3,8,8] has 3 channels but weight [4,2,3,3] with groups 1 expects 2'),
    );
    expect(() => conv2d(zeros([1, 4, 8, 8]), zeros([3, 2, 3, 3]), undefined, { groups: 2 })).toThrow(
      /not divisible by groups 2/,
    );
    expect(() => conv2d(zeros([1, 3, 8, 8]), zeros([4, 3, 3, 3]), zeros([3]))).toThrow(/bias must have shape \[4\]/);
    expect(() => conv2d(zeros([1, 3, 8, 8]), zeros([4, 3, 3, 3]), undefined, { padding: 'same', stride: 2 })).toThrow(
      RangeError,
    );
    expect(() => conv2d(zeros([1, 3, 2, 2]), zeros([4, 3, 3, 3]))).toThrow(/too small/);
    expect(() => conv2d(zeros([1, 3, 8, 8], { dtype: 'int32' }), zeros([4, 3, 3, 3]))).toThrow(DTypeError);
  });
});

describe('conv1d', () => {
  it('equals a hand-computed 1-D correlation', () => {
    const x = tensor([[[1, 2, 3, 4, 5]]]);
    const w = tensor([[[1, 1, -1]]]);
    expect(conv1d(x, w).toArray()).toEqual([[[0, 1, 2]]]);
    expect(conv1d(x, w, undefined, { padding: 'same' }).toArray()).toEqual([[[-1, 0, 1, 2, 9]]]);
  });

  it('gradients match finite differences', () => {
    assertGradcheck(
      (x, w, b) => conv1d(x, w, b, { stride: 2, padding: 2, dilation: 2, groups: 2 }),
      [r(2, 4, 9), r(4, 2, 3), r(4)],
    );
  });

  it('refuses a 4-D input', () => {
    expect(() => conv1d(zeros([1, 2, 3, 4]), zeros([1, 2, 3]))).toThrow(
      /conv1d: input \[1,2,3,4\] needs 3 dims \[N,C,L\]/,
    );
  });
});

describe('convTranspose2d', () => {
  it('is the adjoint of conv2d: ⟨conv(x, w), y⟩ = ⟨x, convT(y, w)⟩', () => {
    const options = { stride: 2, padding: 1, dilation: [1, 2] as [number, number], groups: 2 };
    const x = r(2, 4, 7, 8);
    const w = r(6, 2, 3, 2);
    const y = conv2d(x, w, undefined, options);
    const probe = r(...y.shape);
    // the rows a strided conv ignores at the end come back as output padding
    const covered = (axis: 0 | 1, k: number): number =>
      (y.shape[2 + axis]! - 1) * 2 - 2 + options.dilation[axis]! * (k - 1) + 1;
    const outputPadding: [number, number] = [7 - covered(0, 3), 8 - covered(1, 2)];
    const back = convTranspose2d(probe, w, undefined, { ...options, outputPadding });
    expect(back.shape).toEqual(x.shape);
    expect(sum(mul(y, probe)).item()).toBeCloseTo(sum(mul(x, back)).item(), 9);
  });

  it('gradients match finite differences, with double backward', () => {
    const options = {
      stride: [2, 1] as [number, number],
      padding: [1, 0] as [number, number],
      outputPadding: [1, 0] as [number, number],
      groups: 2,
    };
    assertGradcheck((x, w, b) => convTranspose2d(x, w, b, options), [r(1, 4, 3, 3), r(4, 3, 3, 2), r(6)]);
    const dW = grad((x: Tensor, w: Tensor) => sum(square(convTranspose2d(x, w, undefined, options))), 1);
    assertGradcheck((x, w) => dW(x, w) as Tensor, [r(1, 4, 3, 3), r(4, 3, 3, 2)]);
  });

  it('refuses channel mismatches and too large output padding', () => {
    expect(() => convTranspose2d(zeros([1, 3, 4, 4]), zeros([4, 2, 3, 3]))).toThrow(ShapeError);
    expect(() =>
      convTranspose2d(zeros([1, 4, 4, 4]), zeros([4, 2, 3, 3]), undefined, { stride: 2, outputPadding: 2 }),
    ).toThrow(/outputPadding 2 must be smaller than stride 2 or dilation 1/);
  });
});
