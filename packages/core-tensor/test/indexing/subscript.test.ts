import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { DTypeError } from '../../src/errors.js';
import { index } from '../../src/ops/indexing/index.js';
import { arange, tensor } from '../../src/tensor/create.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';
import { ints, sample } from './helpers.js';

describe('index', () => {
  const m = arange(12).reshape(3, 4);

  it('selects with numbers (dropping dims), negative from the end', () => {
    expect(index(m, 1).toArray()).toEqual([4, 5, 6, 7]);
    expect(index(m, -1, -2).toArray()).toEqual(10);
    expect(index(m, 2, 3).shape).toEqual([]);
  });

  it('slices with ranges and steps, and inserts new axes', () => {
    expect(index(m, { start: 1 }, { step: 2 }).toArray()).toEqual([
      [4, 6],
      [8, 10],
    ]);
    expect(index(m, null, 0, { stop: -2 }).toArray()).toEqual([[0, 1]]);
    expect(index(m, '...', null).shape).toEqual([3, 4, 1]);
    expect(index(m, '...', 1).toArray()).toEqual([1, 5, 9]);
    expect(index(m).shape).toEqual([3, 4]);
  });

  it('picks with an int32 tensor (index select), keeping the tensor’s shape', () => {
    expect(index(m, ints([2, 0])).toArray()).toEqual([
      [8, 9, 10, 11],
      [0, 1, 2, 3],
    ]);
    expect(index(m, { start: 1 }, ints([[-1], [0]])).toArray()).toEqual([
      [[7], [4]],
      [[11], [8]],
    ]);
  });

  it('picks pointwise with several tensors, broadcasting them', () => {
    expect(index(m, ints([0, 2]), ints([3, -4])).toArray()).toEqual([3, 8]);
    expect(index(m, ints([[0], [1]]), ints([1, 2])).toArray()).toEqual([
      [1, 2],
      [5, 6],
    ]);
  });

  it('throws RangeError for out-of-range indices and too many indices, DTypeError for float indices', () => {
    expect(() => index(m, 3)).toThrow(/index: index 3 is out of range for dim 0 of size 3/);
    expect(() => index(m, 0, -5)).toThrow(/index: index -5 is out of range for dim 1 of size 4/);
    expect(() => index(m, ints([0, 4]), ints([0, 0]))).toThrow(/index: index 4 is out of range for dim 0 of size 3/);
    expect(() => index(m, { start: 1 }, ints([9]))).toThrow(/index: index 9 is out of range for dim 1 of size 4/);
    expect(() => index(m, 0, 0, 0)).toThrow(/index: too many indices for a tensor of 2 dims/);
    expect(() => index(m, [2] as unknown as number)).toThrow(/index: dim 0 got an array; pick with an int32 tensor/);
    expect(() => index(m, '...', 0, '...')).toThrow(RangeError);
    expect(() => index(m, tensor([0]))).toThrow(DTypeError);
    expect(() => index(m, tensor([true, false]))).toThrow(/index: index must be an int32 tensor, got bool/);
    expect(() => index(m, { step: 0 })).toThrow(/index: step must be a positive integer/);
  });

  it.each([
    ['number and stepped range', [1, { step: 2 }]],
    ['new axis, ellipsis and negative range', [null, '...', { start: -3, stop: -1 }]],
    ['repeated tensor index', [ints([2, 0, 2, -3]), { start: 1, stop: 4, step: 2 }]],
    ['two adjacent tensors', [{ start: 1 }, ints([0, 3, 0]), ints([1, 1, 4])]],
    ['two separated tensors', [ints([[0], [2]]), { step: 3 }, ints([4, 0, 0])]],
  ] as const)('gradcheck: %s', (_, specs) => {
    assertGradcheck((x) => index(x!, ...specs), [sample([3, 4, 5])]);
  });
});
