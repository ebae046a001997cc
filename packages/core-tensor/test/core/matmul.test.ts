import { describe, expect, it } from 'vitest';
import * as T from '../../src/index.js';
import { assertGradcheck, manualSeed, randn, tensor } from '../../src/index.js';

function naive(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

describe('matmul', () => {
  it('2-D values', () => {
    const a = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const b = [
      [1, 0],
      [0, 1],
      [2, 2],
    ];
    expect(T.matmul(tensor(a), tensor(b)).toArray()).toEqual(naive(a, b));
  });

  it('1-D promotion and dot/outer', () => {
    const m = tensor([
      [1, 2],
      [3, 4],
    ]);
    const v = tensor([1, 1]);
    expect(T.matmul(m, v).toArray()).toEqual([3, 7]);
    expect(T.matmul(v, m).toArray()).toEqual([4, 6]);
    expect(T.dot(v, tensor([2, 3])).item()).toBe(5);
    expect(T.outer(v, tensor([2, 3])).toArray()).toEqual([
      [2, 3],
      [2, 3],
    ]);
  });

  it('broadcasts batch dims', () => {
    manualSeed(2);
    const a = randn([2, 1, 3, 4]);
    const b = randn([5, 4, 2]);
    const c = T.matmul(a, b);
    expect(c.shape).toEqual([2, 5, 3, 2]);
    const a10 = T.reshape(a, [2, 3, 4]);
    const expected = naive((a10.toArray() as number[][][])[1]!, (b.toArray() as number[][][])[3]!);
    expect((c.toArray() as number[][][][])[1]![3]).toBeAllClose(expected, { rtol: 1e-5 });
  });

  it('transpose flags agree with explicit transposes', () => {
    manualSeed(4);
    const a = randn([4, 3]);
    const b = randn([5, 4]);
    expect(T.matmulT(a, b, true, true)).toBeAllClose(T.matmul(a.t(), b.t()), { rtol: 1e-5 });
  });

  it('names the mismatched inner dims', () => {
    expect(() => T.matmul(T.zeros([2, 3]), T.zeros([4, 5]))).toThrow(
      /matmul: \[2,3\] @ \[4,5\]: inner dimensions 3 and 4 differ/,
    );
  });

  it('gradients for every transpose combination and broadcast batches', () => {
    manualSeed(9);
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const a = randn(ta ? [3, 2] : [2, 3], { dtype: 'float64' });
      const b = randn(tb ? [4, 3] : [3, 4], { dtype: 'float64' });
      assertGradcheck((x, y) => T.matmulT(x, y, ta, tb), [a, b]);
    }
    assertGradcheck(T.matmul, [randn([2, 1, 2, 3], { dtype: 'float64' }), randn([3, 3, 2], { dtype: 'float64' })]);
    assertGradcheck(T.matmul, [randn([3], { dtype: 'float64' }), randn([2, 3, 2], { dtype: 'float64' })]);
  });
});
