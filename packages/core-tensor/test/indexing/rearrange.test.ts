import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import { flip, repeat, roll, tile, tril, triu } from '../../src/ops/indexing/index.js';
import { arange, ones } from '../../src/tensor/create.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';
import { sample } from './helpers.js';

describe('repeat and tile', () => {
  it('repeat tiles whole copies and adds leading dims', () => {
    expect(repeat(arange(3), 2).toArray()).toEqual([0, 1, 2, 0, 1, 2]);
    expect(repeat(arange(2), 2, 2).toArray()).toEqual([
      [0, 1, 0, 1],
      [0, 1, 0, 1],
    ]);
    expect(repeat(arange(4).reshape(2, 2), [1, 2]).shape).toEqual([2, 4]);
    expect(repeat(arange(2), 0).shape).toEqual([0]);
  });

  it('tile pads short reps with leading ones', () => {
    expect(tile(arange(4).reshape(2, 2), [2]).toArray()).toEqual([
      [0, 1, 0, 1],
      [2, 3, 2, 3],
    ]);
  });

  it('refuses fewer reps than dims and negative reps', () => {
    expect(() => repeat(sample([2, 3]), 2)).toThrow(ShapeError);
    expect(() => repeat(sample([2]), -1)).toThrow(RangeError);
  });

  it.each([
    [
      [2, 3],
      [2, 1],
    ],
    [[3], [2, 3]],
    [
      [1, 2],
      [3, 1, 2],
    ],
  ])('gradcheck %j × %j', (shape, reps) => {
    assertGradcheck((x) => repeat(x!, reps), [sample(shape)]);
  });
});

describe('flip and roll', () => {
  const m = arange(6).reshape(2, 3);

  it('flip reverses the listed dims', () => {
    expect(flip(m, 1).toArray()).toEqual([
      [2, 1, 0],
      [5, 4, 3],
    ]);
    expect(flip(m, [0, -1]).toArray()).toEqual([
      [5, 4, 3],
      [2, 1, 0],
    ]);
    expect(() => flip(m, [1, -1])).toThrow(RangeError);
  });

  it('roll shifts circularly, flattening without dims', () => {
    expect(roll(arange(5), 2).toArray()).toEqual([3, 4, 0, 1, 2]);
    expect(roll(arange(5), -6).toArray()).toEqual([1, 2, 3, 4, 0]);
    expect(roll(m, 1).toArray()).toEqual([
      [5, 0, 1],
      [2, 3, 4],
    ]);
    expect(roll(m, [1, 1], [0, 1]).toArray()).toEqual([
      [5, 3, 4],
      [2, 0, 1],
    ]);
    expect(() => roll(m, [1, 2], 0)).toThrow(ShapeError);
  });

  it.each([
    [[2, 3], [0]],
    [
      [2, 3, 4],
      [-1, 0],
    ],
  ])('flip gradcheck %j dims %j', (shape, dims) => {
    assertGradcheck((x) => flip(x!, dims), [sample(shape)]);
  });

  it.each([
    [[2, 3], [1], [1]],
    [
      [4, 3],
      [-5, 2],
      [0, -1],
    ],
    [[2, 3], [3], undefined],
  ])('roll gradcheck %j shifts %j dims %j', (shape, shifts, dims) => {
    assertGradcheck((x) => roll(x!, shifts, dims), [sample(shape)]);
  });
});

describe('tril and triu', () => {
  it('keep one triangle of the last two dims', () => {
    const m = ones([3, 3]);
    expect(tril(m).toArray()).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
    ]);
    expect(triu(m, 1).toArray()).toEqual([
      [0, 1, 1],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    expect(tril(m, -5).sum().item()).toBe(0);
    expect(triu(m, -5).sum().item()).toBe(9);
    expect(() => tril(ones([3]))).toThrow(ShapeError);
  });

  it.each([
    [[3, 4], 0],
    [[2, 3, 2], -1],
    [[4, 2], 1],
  ])('gradcheck %j k=%i', (shape, k) => {
    assertGradcheck((x) => tril(x!, k), [sample(shape)]);
    assertGradcheck((x) => triu(x!, k), [sample(shape)]);
  });
});
