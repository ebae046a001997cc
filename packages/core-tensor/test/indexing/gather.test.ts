import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/functional.js';
import { DTypeError, ShapeError } from '../../src/errors.js';
import { gather, indexAdd, indexSelect, maskedFill, scatterAdd, take } from '../../src/ops/indexing/index.js';
import { arange, tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';
import { ints, sample } from './helpers.js';

describe('gather and scatterAdd', () => {
  const m = arange(6).reshape(2, 3);

  it('gather picks along a dim by an index of the same rank', () => {
    expect(
      gather(
        m,
        1,
        ints([
          [2, 0],
          [1, -1],
        ]),
      ).toArray(),
    ).toEqual([
      [2, 0],
      [4, 5],
    ]);
    expect(gather(m, 0, ints([[1, 0, 1]])).toArray()).toEqual([[3, 1, 5]]);
  });

  it('scatterAdd accumulates repeated positions', () => {
    const out = scatterAdd(
      zeros([2, 3]),
      1,
      ints([
        [0, 0, 2],
        [1, 1, 1],
      ]),
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
    expect(out.toArray()).toEqual([
      [3, 0, 3],
      [0, 15, 0],
    ]);
  });

  it('throws RangeError for out-of-range indices, ShapeError for bad ranks, DTypeError for float indices', () => {
    expect(() => gather(m, 1, ints([[3]]))).toThrow(
      /gather: index 3 is out of range for dim 1 of size 3 \(expected -3 … 2\)/,
    );
    expect(() => gather(m, 0, ints([0]))).toThrow(ShapeError);
    expect(() => gather(m, 0, ints([[0, 0, 0, 0]]))).toThrow(/gather: index \[1,4\] must have the rank of x \[2,3\]/);
    expect(() => gather(m, 0, tensor([[0]]))).toThrow(DTypeError);
    expect(() => scatterAdd(zeros([2]), 0, ints([5]), tensor([1]))).toThrow(
      /scatterAdd: index 5 is out of range for dim 0 of size 2/,
    );
    expect(() => scatterAdd(zeros([2, 2]), 0, ints([[0, 0]]), tensor([[1]]))).toThrow(ShapeError);
  });

  it.each([
    [
      [3, 4],
      1,
      [
        [0, 3, 3],
        [1, 1, 0],
        [-1, 2, 0],
      ],
    ],
    [[3, 4], 0, [[2, 0, 1, 2]]],
    [[2, 1, 3], -1, [[[2, 2, 0, -3]]]],
  ])('gather gradcheck %j dim %i', (shape, dim, idx) => {
    assertGradcheck((x) => gather(x!, dim, ints(idx)), [sample(shape)]);
  });

  it.each([
    [
      [3, 4],
      1,
      [
        [0, 3, 3],
        [1, 1, 0],
      ],
      [2, 4],
    ],
    [
      [2, 3],
      0,
      [
        [1, 1, 0],
        [0, 1, 1],
      ],
      [2, 3],
    ],
  ])('scatterAdd gradcheck %j dim %i (src %j)', (shape, dim, idx, srcShape) => {
    assertGradcheck((x, src) => scatterAdd(x!, dim, ints(idx), src!), [sample(shape), sample(srcShape).mul(2)]);
  });

  it('differentiates twice (gather ↔ scatterAdd)', () => {
    const f = (x: Tensor): Tensor =>
      gather(x, 0, ints([2, 2, 0]))
        .pow(2)
        .sum();
    const second = grad((x) => (grad(f)(x) as Tensor).mul(tensor([1, 1, 1], { dtype: 'float64' })).sum());
    // ∂/∂x of Σ ∂f/∂x = Σ over picks of 2 per pick: entry 2 picked twice, entry 0 once
    expect(second(tensor([1, 2, 3], { dtype: 'float64' }))).toBeAllClose([2, 0, 4]);
  });
});

describe('indexSelect, indexAdd and take', () => {
  const m = arange(6).reshape(2, 3);

  it('indexSelect picks whole slices, repeats allowed, negative from the end', () => {
    expect(indexSelect(m, 1, ints([2, -3, 2])).toArray()).toEqual([
      [2, 0, 2],
      [5, 3, 5],
    ]);
  });

  it('indexAdd accumulates slices', () => {
    expect(
      indexAdd(
        zeros([3, 2]),
        0,
        ints([0, 2, 0]),
        tensor([
          [1, 1],
          [2, 2],
          [3, 3],
        ]),
      ).toArray(),
    ).toEqual([
      [4, 4],
      [0, 0],
      [2, 2],
    ]);
  });

  it('take reads the flattened tensor, shaped like the index', () => {
    expect(
      take(
        m,
        ints([
          [5, 0],
          [-1, 3],
        ]),
      ).toArray(),
    ).toEqual([
      [5, 0],
      [5, 3],
    ]);
  });

  it('errors name the op, the index and the size', () => {
    expect(() => indexSelect(m, 0, ints([2]))).toThrow(/indexSelect: index 2 is out of range for dim 0 of size 2/);
    expect(() => take(m, ints([6]))).toThrow(/take|indexSelect/);
    expect(() => take(m, ints([6]))).toThrow(RangeError);
    expect(() => indexSelect(m, 0, ints([[0]]))).toThrow(ShapeError);
    expect(() => indexSelect(m, 0, tensor([0.5]))).toThrow(/indexSelect: index must be an int32 tensor, got float32/);
    expect(() => indexAdd(zeros([3, 2]), 0, ints([0]), zeros([2, 2]))).toThrow(/indexAdd: src must have shape \[1,2\]/);
  });

  it.each([
    [[4, 3], 0, [3, 0, 3, -1]],
    [[2, 5], -1, [4]],
    [[2, 1, 3], 1, [0, 0]],
  ])('indexSelect gradcheck %j dim %i', (shape, dim, idx) => {
    assertGradcheck((x) => indexSelect(x!, dim, ints(idx)), [sample(shape)]);
  });

  it('indexAdd gradcheck', () => {
    assertGradcheck((x, src) => indexAdd(x!, 1, ints([2, 0, 2]), src!), [sample([2, 4]), sample([2, 3]).neg()]);
  });

  it('take gradcheck', () => {
    assertGradcheck(
      (x) =>
        take(
          x!,
          ints([
            [0, 5],
            [5, -2],
          ]),
        ),
      [sample([2, 3])],
    );
  });
});

describe('maskedFill', () => {
  it('fills where the (broadcast) mask is true and keeps the dtype', () => {
    const x = ints([
      [1, 2],
      [3, 4],
    ]);
    const out = maskedFill(x, tensor([true, false]), -7);
    expect(out.dtype).toBe('int32');
    expect(out.toArray()).toEqual([
      [-7, 2],
      [-7, 4],
    ]);
  });

  it('refuses non-bool masks and masks that would grow x', () => {
    expect(() => maskedFill(zeros([2]), ints([1, 0]), 1)).toThrow(DTypeError);
    expect(() => maskedFill(zeros([2]), tensor([[true], [false]]), 1)).toThrow(ShapeError);
  });

  it('gradcheck: no gradient where filled', () => {
    const mask = tensor([
      [true, false, false],
      [false, false, true],
    ]);
    assertGradcheck((x) => maskedFill(x!, mask, Number.NEGATIVE_INFINITY).exp(), [sample([2, 3])]);
    assertGradcheck((x) => maskedFill(x!, tensor([false, true, false]), 2), [sample([2, 3])]);
  });
});
