import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/functional.js';
import { narrow, slice } from '../../src/ops/indexing/index.js';
import { arange, tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';
import { sample } from './helpers.js';

describe('slice', () => {
  const x = arange(10);

  it('follows Python slice semantics', () => {
    expect(slice(x, 0, 2, 8, 3).toArray()).toEqual([2, 5]);
    expect(slice(x, 0, -3).toArray()).toEqual([7, 8, 9]);
    expect(slice(x, 0, undefined, -7).toArray()).toEqual([0, 1, 2]);
    expect(slice(x, 0, -100, 100, 4).toArray()).toEqual([0, 4, 8]);
    expect(slice(x, 0, 6, 2).toArray()).toEqual([]);
  });

  it('slices an inner dim', () => {
    const m = arange(12).reshape(3, 4);
    expect(slice(m, -1, 1, undefined, 2).toArray()).toEqual([
      [1, 3],
      [5, 7],
      [9, 11],
    ]);
  });

  it('refuses non-positive steps and bad dims', () => {
    expect(() => slice(x, 0, 0, 5, 0)).toThrow(/slice: step must be a positive integer, got 0/);
    expect(() => slice(x, 0, 0, 5, -1)).toThrow(RangeError);
    expect(() => slice(x, 1)).toThrow(RangeError);
  });

  it.each([
    [[7], 0, 1, 6, 2],
    [[3, 5], 1, -4, undefined, 3],
    [[4, 1, 3], 0, undefined, -1, 1],
    [[2, 6, 2], -2, 5, 0, 1],
  ])('gradcheck %j dim %i [%s:%s:%s]', (shape, dim, start, end, step) => {
    assertGradcheck((t) => slice(t!, dim, start, end, step), [sample(shape)]);
  });

  it('differentiates twice (slice and its scatter adjoint are each other’s rules)', () => {
    const cube = (t: Tensor): Tensor => slice(t, 0, 1, undefined, 2).pow(3).sum();
    const secondDerivative = grad((t) => (grad(cube)(t) as Tensor).sum());
    // d/dx Σ 3x² over the picked entries = 6x there, 0 elsewhere
    expect(secondDerivative(tensor([1, 2, 3, 4, 5], { dtype: 'float64' }))).toBeAllClose([0, 12, 0, 24, 0]);
  });
});

describe('narrow', () => {
  it('takes length entries from start (negative counts from the end)', () => {
    const m = arange(12).reshape(3, 4);
    expect(narrow(m, 1, 1, 2).toArray()).toEqual([
      [1, 2],
      [5, 6],
      [9, 10],
    ]);
    expect(narrow(m, 0, -1, 1).toArray()).toEqual([[8, 9, 10, 11]]);
  });

  it('throws a RangeError naming the op and the size', () => {
    expect(() => narrow(arange(4), 0, 3, 2)).toThrow(/narrow: start 3 \+ length 2 exceeds dim 0 of size 4/);
    expect(() => narrow(arange(4), 0, -5, 1)).toThrow(/narrow: start -5 is out of range for dim 0 of size 4/);
  });

  it('gradcheck', () => {
    assertGradcheck((t) => narrow(t!, 1, 1, 2).exp(), [sample([3, 4])]);
  });
});
