import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import {
  assertGradcheck,
  DTypeError,
  grad,
  manualSeed,
  matmul,
  mul,
  randn,
  ShapeError,
  sum,
  tensor,
} from '../../src/index.js';
import { LinalgError, lstsq, pinv } from '../../src/linalg/index.js';
import { cotangent, f64, golden, maxAbs, mT } from './helpers.js';

const g = golden.lstsq;

/** ∂⟨lstsq(A, B), w⟩/∂(A, B) with the fixture script's cotangent w. */
function lstsqGrads(a: Tensor, b: Tensor): Tensor[] {
  return grad(
    (x: Tensor, y: Tensor) => {
      const solution = lstsq(x, y);
      return sum(mul(solution, cotangent(solution.shape)));
    },
    [0, 1],
  )(a, b) as Tensor[];
}

describe('linalg.lstsq', () => {
  it('matches torch.linalg.lstsq(A, B).solution: matrix and vector right-hand sides, broadcast batches', () => {
    expect(lstsq(f64(g.A), f64(g.B))).toBeAllClose(g.X, { rtol: 1e-12, atol: 1e-13 });
    expect(lstsq(f64(g.A), f64(g.v))).toBeAllClose(g.x, { rtol: 1e-12, atol: 1e-13 });
    const batched = lstsq(f64(g.Ab), f64(g.Bb));
    expect(batched.shape).toEqual([2, 3, 2]);
    expect(batched).toBeAllClose(g.Xb, { rtol: 1e-12, atol: 1e-13 });
  });

  it('has PyTorch gradients in A and B (B broadcast over the batch gets the summed gradient)', () => {
    const [dA, dB] = lstsqGrads(f64(g.A), f64(g.B));
    expect(dA).toBeAllClose(g.grads[0], { rtol: 1e-10, atol: 1e-12 });
    expect(dB).toBeAllClose(g.grads[1], { rtol: 1e-10, atol: 1e-12 });
    const [dAb, dBb] = lstsqGrads(f64(g.Ab), f64(g.Bb));
    expect(dAb).toBeAllClose(g.batchGrads[0], { rtol: 1e-10, atol: 1e-12 });
    expect(dBb).toBeAllClose(g.batchGrads[1], { rtol: 1e-10, atol: 1e-12 });
  });

  it('passes gradcheck in float64, square and tall, matrix and vector B', () => {
    manualSeed(40);
    assertGradcheck(lstsq, [randn([5, 3], { dtype: 'float64' }), randn([5, 2], { dtype: 'float64' })]);
    assertGradcheck(lstsq, [randn([2, 4, 4], { dtype: 'float64' }), randn([2, 4], { dtype: 'float64' })]);
  });

  it('solves the normal equations AᵀA·X = AᵀB, agrees with pinv(A)·B, and is exact for consistent systems', () => {
    manualSeed(41);
    const a = randn([3, 8, 4], { dtype: 'float64' });
    const b = randn([3, 8, 2], { dtype: 'float64' });
    const x = lstsq(a, b);
    const residual = matmul(mT(a), matmul(a, x).sub(b));
    expect(maxAbs(residual)).toBeLessThan(1e-12);
    expect(x).toBeAllClose(matmul(pinv(a), b), { rtol: 1e-10, atol: 1e-12 });
    const truth = randn([3, 4, 2], { dtype: 'float64' });
    expect(lstsq(a, matmul(a, truth))).toBeAllClose(truth, { rtol: 1e-10, atol: 1e-12 });
  });

  it('keeps float32 as float32', () => {
    manualSeed(42);
    const a = randn([6, 3]);
    const x = lstsq(a, randn([6, 1]));
    expect(x.dtype).toBe('float32');
    expect(x.shape).toEqual([3, 1]);
  });

  it('refuses what it cannot solve, saying what is supported', () => {
    expect(() => lstsq(f64([1, 2, 3]), f64([1, 2, 3]))).toThrow(
      /A must be a matrix or a batch of matrices \[\.\.\., m, n\], got \[3\]/,
    );
    expect(() => lstsq(randn([2, 4], { dtype: 'float64' }), randn([2], { dtype: 'float64' }))).toThrow(
      /fewer rows than columns \(2 < 4\).*use linalg\.pinv\(A\)·B/,
    );
    expect(() => lstsq(randn([5, 3], { dtype: 'float64' }), randn([4, 2], { dtype: 'float64' }))).toThrow(
      /A \[5,3\] has 5 rows, B \[4,2\] has 4/,
    );
    expect(() => lstsq(randn([5, 3], { dtype: 'float64' }), randn([2, 5, 2], { dtype: 'float64' }))).toThrow(
      /B must be \[\.\.\., 5, k\].*or \[\.\.\., 5\] \(one fewer\), got \[2,5,2\]/,
    );
    expect(() => lstsq(randn([3, 5, 3], { dtype: 'float64' }), randn([2, 5, 2], { dtype: 'float64' }))).toThrow(
      ShapeError,
    );
    expect(() => lstsq(tensor([[1], [2]], { dtype: 'int32' }), f64([1, 2]))).toThrow(DTypeError);
    const rankOne = f64([
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
    expect(() => lstsq(rankOne, f64([1, 2, 3]))).toThrow(LinalgError);
    expect(() => lstsq(rankOne, f64([1, 2, 3]))).toThrow(/rank-deficient \(column 1.*use linalg\.pinv/);
  });
});
