import { describe, expect, it } from 'vitest';
import {
  assertGradcheck,
  DTypeError,
  grad,
  manualSeed,
  matmul,
  randn,
  ShapeError,
  sub,
  sum,
  tensor,
} from '../../src/index.js';
import { LinalgError, solve, solveTriangular } from '../../src/linalg/index.js';
import { tril, triu } from '../../src/ops/indexing/triangular.js';
import { cotangent, f64, golden, maxAbs, mT, wellConditioned } from './helpers.js';

describe('linalg.solve', () => {
  it('matches torch.linalg.solve for matrix, vector and batched-vector right-hand sides', () => {
    const c = golden.solve;
    expect(solve(f64(c.A), f64(c.B))).toBeAllClose(c.X, { rtol: 1e-12, atol: 1e-13 });
    expect(solve(f64(c.A), f64(c.v))).toBeAllClose(c.x, { rtol: 1e-12, atol: 1e-13 });
    const xb = solve(f64(c.Ab), f64(c.vb));
    expect(xb.shape).toEqual([2, 3]);
    expect(xb).toBeAllClose(c.xb, { rtol: 1e-12, atol: 1e-13 });
  });

  it('leaves residuals at rounding level and broadcasts batch dims', () => {
    manualSeed(1);
    const a = wellConditioned([2, 1, 6, 6]);
    const b = randn([3, 6, 2], { dtype: 'float64' });
    const x = solve(a, b);
    expect(x.shape).toEqual([2, 3, 6, 2]);
    expect(maxAbs(sub(matmul(a, x), b))).toBeLessThan(1e-13);
  });

  it('solves float32 in float64 and returns float32', () => {
    manualSeed(2);
    const a = wellConditioned([5, 5]);
    const b = randn([5, 3], { dtype: 'float64' });
    const x32 = solve(a.to('float32'), b.to('float32'));
    expect(x32.dtype).toBe('float32');
    expect(x32).toBeAllClose(solve(a.to('float32').to('float64'), b.to('float32').to('float64')), {
      rtol: 1e-6,
      atol: 1e-7,
    });
  });

  it('refuses singular matrices, naming the zero pivot and the batch element', () => {
    expect(() =>
      solve(
        f64([
          [1, 2],
          [2, 4],
        ]),
        f64([1, 1]),
      ),
    ).toThrow(LinalgError);
    expect(() =>
      solve(
        f64([
          [1, 2],
          [2, 4],
        ]),
        f64([1, 1]),
      ),
    ).toThrow(/linalg\.solve: the matrix is singular: pivot 1/);
    expect(() =>
      solve(
        f64([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
        f64([1, 1, 1]),
      ),
    ).toThrow(/singular: pivot 2/);
    const batch = f64([
      [
        [2, 0],
        [0, 2],
      ],
      [
        [1, 1],
        [1, 1],
      ],
    ]);
    expect(() =>
      solve(
        batch,
        f64([
          [1, 1],
          [1, 1],
        ]),
      ),
    ).toThrow(/matrix of batch element 1 is singular/);
  });

  it('checks shapes and dtypes', () => {
    expect(() =>
      solve(
        f64([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        f64([1, 2]),
      ),
    ).toThrow(ShapeError);
    expect(() =>
      solve(
        f64([
          [1, 0],
          [0, 1],
        ]),
        f64([1, 2, 3]),
      ),
    ).toThrow(/linalg\.solve: A \[2,2\] needs B \[\.\.\., 2\]/);
    expect(() =>
      solve(
        tensor(
          [
            [1, 0],
            [0, 1],
          ],
          { dtype: 'int32' },
        ),
        f64([1, 2]),
      ),
    ).toThrow(DTypeError);
    expect(() =>
      solve(
        f64([
          [1, Number.NaN],
          [0, 1],
        ]),
        f64([1, 2]),
      ),
    ).toThrow(/holds NaN at row 0, col 1/);
  });

  it('gradients: dB = A⁻ᵀdX, dA = −dB·Xᵀ (matrix, vector and broadcast batches)', () => {
    manualSeed(3);
    assertGradcheck(solve, [wellConditioned([3, 3]), randn([3, 2], { dtype: 'float64' })]);
    assertGradcheck(solve, [wellConditioned([4, 4]), randn([4], { dtype: 'float64' })]);
    assertGradcheck(solve, [wellConditioned([2, 3, 3]), randn([1, 3, 1], { dtype: 'float64' })]);
    assertGradcheck(solve, [wellConditioned([1, 1]), randn([1, 2], { dtype: 'float64' })]);
  });

  it('gradients match torch', () => {
    const c = golden.solve;
    const f = (a: ReturnType<typeof f64>, b: ReturnType<typeof f64>) => sum(solve(a, b).mul(cotangent([4, 2])));
    const [dA, dB] = grad(f, [0, 1])(f64(c.A), f64(c.B)) as ReturnType<typeof f64>[];
    expect(dA).toBeAllClose(c.grads[0], { rtol: 1e-11, atol: 1e-12 });
    expect(dB).toBeAllClose(c.grads[1], { rtol: 1e-11, atol: 1e-12 });
  });

  it('double backward: the gradient is itself differentiable', () => {
    manualSeed(4);
    const dSolveDA = (a: ReturnType<typeof f64>, b: ReturnType<typeof f64>) =>
      grad((x: ReturnType<typeof f64>) => sum(solve(x, b).square()))(a) as ReturnType<typeof f64>;
    assertGradcheck(dSolveDA, [wellConditioned([3, 3]), randn([3, 2], { dtype: 'float64' })]);
  });
});

describe('linalg.solveTriangular', () => {
  it('agrees with solve on the stated triangle and ignores the other one', () => {
    manualSeed(5);
    const full = wellConditioned([2, 4, 4]);
    const b = randn([2, 4, 3], { dtype: 'float64' });
    for (const upper of [false, true]) {
      const t = (upper ? triu : tril)(full);
      expect(solveTriangular(full, b, { upper })).toBeAllClose(solve(t, b), { rtol: 1e-12, atol: 1e-13 });
    }
    const right = randn([2, 3, 4], { dtype: 'float64' });
    const x = solveTriangular(full, right, { upper: false, left: false });
    expect(maxAbs(sub(matmul(x, tril(full)), right))).toBeLessThan(1e-13);
  });

  it('refuses a zero on the diagonal', () => {
    expect(() =>
      solveTriangular(
        f64([
          [1, 0],
          [3, 0],
        ]),
        f64([[1], [1]]),
        { upper: false },
      ),
    ).toThrow(/diagonal entry 1 is 0/);
  });

  it('gradients for lower, upper, right-sided and broadcast systems', () => {
    manualSeed(6);
    const b = randn([3, 2], { dtype: 'float64' });
    assertGradcheck((a, y) => solveTriangular(a, y, { upper: false }), [wellConditioned([3, 3]), b]);
    assertGradcheck((a, y) => solveTriangular(a, y, { upper: true }), [wellConditioned([3, 3]), b]);
    assertGradcheck((a, y) => solveTriangular(a, y, { upper: true, left: false }), [wellConditioned([3, 3]), mT(b)]);
    assertGradcheck((a, y) => solveTriangular(a, y, { upper: false }), [wellConditioned([2, 3, 3]), b]);
  });
});
