import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { DTypeError } from '../../src/errors.js';
import { cumsum, oneHot } from '../../src/ops/indexing/index.js';
import { tensor } from '../../src/tensor/create.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';
import { ints, sample } from './helpers.js';

describe('oneHot', () => {
  it('encodes int32 labels as float32 rows', () => {
    const y = oneHot(ints([2, 0]), 3);
    expect(y.dtype).toBe('float32');
    expect(y.toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(oneHot(ints([[1], [3]])).shape).toEqual([2, 1, 4]);
    expect(oneHot(ints([1]), 2, { dtype: 'int32' }).dtype).toBe('int32');
  });

  it('does not track gradients', () => {
    expect(oneHot(ints([1]), 2).requiresGrad).toBe(false);
  });

  it('refuses float labels and labels outside the classes', () => {
    expect(() => oneHot(tensor([1]), 3)).toThrow(DTypeError);
    expect(() => oneHot(ints([3]), 3)).toThrow(/oneHot: label 3 at flat index 0 is out of range for 3 classes/);
    expect(() => oneHot(ints([-1]), 3)).toThrow(RangeError);
  });
});

describe('cumsum', () => {
  it('sums running along a dim', () => {
    expect(cumsum(tensor([1, 2, 3, 4]), 0).toArray()).toEqual([1, 3, 6, 10]);
    expect(
      cumsum(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        -2,
      ).toArray(),
    ).toEqual([
      [1, 2],
      [4, 6],
    ]);
    const counts = cumsum(tensor([true, false, true]), 0);
    expect(counts.dtype).toBe('int32');
    expect(counts.toArray()).toEqual([1, 1, 2]);
  });

  it.each([
    [[5], 0],
    [[2, 3, 4], 1],
    [[3, 1, 2], -1],
  ])('gradcheck %j dim %i', (shape, dim) => {
    assertGradcheck((x) => cumsum(x!, dim).square(), [sample(shape)]);
  });
});
