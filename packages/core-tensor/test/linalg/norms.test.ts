import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { assertGradcheck, manualSeed, randn } from '../../src/index.js';
import type { MatrixNormOrder } from '../../src/linalg/index.js';
import { matrixNorm, trace } from '../../src/linalg/index.js';
import { f64, golden } from './helpers.js';

const orders: [string, MatrixNormOrder][] = [
  ['fro', 'fro'],
  ['nuc', 'nuc'],
  ['1', 1],
  ['-1', -1],
  ['2', 2],
  ['-2', -2],
  ['inf', Number.POSITIVE_INFINITY],
  ['-inf', Number.NEGATIVE_INFINITY],
];

describe('linalg.matrixNorm and trace', () => {
  it('every order matches torch.linalg.matrix_norm', () => {
    const a = f64(golden.matrixNorm.A);
    for (const [key, ord] of orders) {
      expect(matrixNorm(a, ord).item()).toBeCloseTo(golden.matrixNorm.norms[key], 12);
    }
  });

  it('batches and keeps dims', () => {
    manualSeed(70);
    const a = randn([2, 3, 4, 5], { dtype: 'float64' });
    for (const [, ord] of orders) {
      expect(matrixNorm(a, ord).shape).toEqual([2, 3]);
      expect(matrixNorm(a, ord, { keepdim: true }).shape).toEqual([2, 3, 1, 1]);
    }
    expect(() => matrixNorm(a, 3 as MatrixNormOrder)).toThrow(/ord must be/);
  });

  it('trace sums the main diagonal, also of rectangular and batched matrices', () => {
    expect(
      trace(
        f64([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ).item(),
    ).toBe(6);
    expect(
      trace(
        f64([
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ]),
      ).toArray(),
    ).toEqual([5, 13]);
  });

  it('gradients of every order and of trace', () => {
    manualSeed(71);
    const a = randn([2, 3, 4], { dtype: 'float64' });
    for (const [, ord] of orders) {
      assertGradcheck((x: Tensor) => matrixNorm(x, ord), [a]);
    }
    assertGradcheck(trace, [a]);
  });
});
