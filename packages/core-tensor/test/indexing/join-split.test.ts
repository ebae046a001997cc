import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import { cat, chunk, split, stack } from '../../src/ops/indexing/index.js';
import { tensor } from '../../src/tensor/create.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';
import { ints, sample } from './helpers.js';

describe('cat', () => {
  it('joins along a dim, negative dims counting from the end', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = tensor([[5, 6]]);
    expect(cat([a, b]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(cat([a, tensor([[7], [8]])], -1).toArray()).toEqual([
      [1, 2, 7],
      [3, 4, 8],
    ]);
  });

  it('promotes dtypes like PyTorch', () => {
    const joined = cat([ints([1, 2]), tensor([0.5])]);
    expect(joined.dtype).toBe('float32');
    expect(joined.toArray()).toEqual([1, 2, 0.5]);
  });

  it('refuses mismatched shapes, 0-d tensors and empty lists', () => {
    expect(() => cat([sample([2, 3]), sample([2, 4])], 0)).toThrow(ShapeError);
    expect(() => cat([sample([2, 3]), sample([2, 4])], 0)).toThrow(/cat: .*\[2,3\].*\[2,4\]/);
    expect(() => cat([sample([])])).toThrow(ShapeError);
    expect(() => cat([])).toThrow(ShapeError);
    expect(() => cat([sample([2])], 1)).toThrow(RangeError);
  });

  it.each([
    [[2, 3], [4, 3], 0],
    [[2, 3], [2, 1], -1],
    [[1, 2, 3], [1, 2, 2], 2],
    [[2, 1, 3], [2, 4, 3], 1],
  ])('gradcheck %j ++ %j along %i', (sa, sb, dim) => {
    assertGradcheck((a, b) => cat([a!, b!, a!], dim), [sample(sa), sample(sb).mul(2)]);
  });
});

describe('stack', () => {
  it('adds a new dim', () => {
    const s = stack([tensor([1, 2]), tensor([3, 4]), tensor([5, 6])], 1);
    expect(s.toArray()).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
    expect(stack([sample([2, 3]), sample([2, 3])], -1).shape).toEqual([2, 3, 2]);
  });

  it('refuses different shapes', () => {
    expect(() => stack([sample([2]), sample([3])])).toThrow(/stack: .*\[2\].*\[3\]/);
  });

  it('gradcheck', () => {
    assertGradcheck((a, b) => stack([a!, b!], 1), [sample([2, 3]), sample([2, 3]).neg()]);
  });
});

describe('split and chunk', () => {
  it('splits by a piece size (last piece smaller) and by sizes', () => {
    const x = tensor([0, 1, 2, 3, 4]);
    expect(split(x, 2).map((p) => p.toArray())).toEqual([[0, 1], [2, 3], [4]]);
    expect(split(x, [1, 4]).map((p) => p.toArray())).toEqual([[0], [1, 2, 3, 4]]);
    expect(split(sample([2, 6]), [2, 0, 4], -1).map((p) => p.shape)).toEqual([
      [2, 2],
      [2, 0],
      [2, 4],
    ]);
  });

  it('chunks like torch.chunk (fewer pieces when the size does not divide)', () => {
    expect(chunk(sample([6]), 4).map((p) => p.size)).toEqual([2, 2, 2]);
    expect(chunk(sample([5]), 2).map((p) => p.size)).toEqual([3, 2]);
    expect(chunk(sample([3, 7]), 3, 1).map((p) => p.shape[1])).toEqual([3, 3, 1]);
  });

  it('refuses sizes that do not cover the dim', () => {
    expect(() => split(sample([5]), [2, 2])).toThrow(/split: sizes \[2,2\] add up to 4, but dim 0 has size 5/);
    expect(() => split(sample([5]), 0)).toThrow(RangeError);
    expect(() => chunk(sample([5]), 0)).toThrow(RangeError);
  });

  it('gradcheck through split pieces recombined', () => {
    assertGradcheck(
      (x) => {
        const [a, b, c] = split(x!, [1, 2, 1], 1);
        return cat([c!.mul(3), a!, b!.square()], 1);
      },
      [sample([2, 4])],
    );
    assertGradcheck((x) => chunk(x!, 2, 0)[1]!.mul(2), [sample([5, 2])]);
  });
});
