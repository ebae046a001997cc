import { describe, expect, it } from 'vitest';
import * as T from '../../src/index.js';
import { assertGradcheck, manualSeed, randn, ShapeError, tensor } from '../../src/index.js';

describe('binary ops: values and broadcasting', () => {
  const a = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const row = tensor([10, 20, 30]);
  const col = tensor([[1], [2]]);

  it('broadcasts like NumPy', () => {
    expect(T.add(a, row).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(T.mul(a, col).toArray()).toEqual([
      [1, 2, 3],
      [8, 10, 12],
    ]);
    expect(T.sub(col, row).shape).toEqual([2, 3]);
    expect(T.div(a, 2).toArray()).toEqual([
      [0.5, 1, 1.5],
      [2, 2.5, 3],
    ]);
    expect(T.pow(a, 2).toArray()).toEqual([
      [1, 4, 9],
      [16, 25, 36],
    ]);
    expect(T.sub(1, a).toArray()).toEqual([
      [0, -1, -2],
      [-3, -4, -5],
    ]);
  });

  it('refuses shapes that cannot broadcast, naming both', () => {
    expect(() => T.add(a, tensor([1, 2]))).toThrow(ShapeError);
    expect(() => T.add(a, tensor([1, 2]))).toThrow(/add: shapes \[2,3\] and \[2\] cannot broadcast/);
  });

  it('promotes dtypes like PyTorch', () => {
    const i = tensor([1, 2], { dtype: 'int32' });
    expect(T.add(i, i).dtype).toBe('int32');
    expect(T.add(i, 0.5).dtype).toBe('float32');
    expect(T.add(i, 2).dtype).toBe('int32');
    expect(T.div(i, i).dtype).toBe('float32');
    expect(T.add(tensor([1], { dtype: 'float64' }), tensor([1])).dtype).toBe('float64');
  });

  it('comparisons, logic and where', () => {
    expect(T.gt(a, 3).toArray()).toEqual([
      [false, false, false],
      [true, true, true],
    ]);
    expect(T.eq(a, tensor([1, 5, 0])).toArray()).toEqual([
      [true, false, false],
      [false, true, false],
    ]);
    expect(T.logicalOr(T.lt(a, 2), T.ge(a, 6)).toArray()).toEqual([
      [true, false, false],
      [false, false, true],
    ]);
    expect(T.where(T.gt(a, 3), a, 0).toArray()).toEqual([
      [0, 0, 0],
      [4, 5, 6],
    ]);
    expect(
      T.where(
        tensor([true, false]),
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([9]),
      ).toArray(),
    ).toEqual([
      [1, 9],
      [3, 9],
    ]);
    expect(T.maximum(a, 3).toArray()).toEqual([
      [3, 3, 3],
      [4, 5, 6],
    ]);
    expect(T.minimum(a, row).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
});

describe('binary ops: gradients with broadcasting', () => {
  manualSeed(7);
  const pairs: [number[], number[]][] = [
    [[3], [3]],
    [[2, 3], [3]],
    [
      [2, 1],
      [1, 4],
    ],
    [[1], [2, 3]],
    [
      [2, 3, 1],
      [3, 5],
    ],
  ];
  const ops: [string, (x: T.Tensor, y: T.Tensor) => T.Tensor][] = [
    ['add', T.add],
    ['sub', T.sub],
    ['mul', T.mul],
    ['div', (x, y) => T.div(x, y.abs().add(0.5))],
    ['pow', (x, y) => T.pow(x.abs().add(0.5), y)],
    ['maximum', T.maximum],
    ['minimum', T.minimum],
    ['where', (x, y) => T.where(T.gt(x, 0), x, y)],
  ];
  for (const [name, fn] of ops) {
    it(name, () => {
      for (const [sa, sb] of pairs)
        assertGradcheck(fn, [randn(sa, { dtype: 'float64' }), randn(sb, { dtype: 'float64' })]);
    });
  }

  it('maximum splits the gradient evenly on ties', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = tensor([1, 3], { requiresGrad: true });
    T.maximum(x, y).sum().backward();
    expect(x.grad!.toArray()).toEqual([0.5, 0]);
    expect(y.grad!.toArray()).toEqual([0.5, 1]);
  });
});
