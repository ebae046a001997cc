import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { add, assertGradcheck, eye, grad, manualSeed, matmul, mul, randn, sub, sum } from '../../src/index.js';
import { qr, svd, svdvals } from '../../src/linalg/index.js';
import { canonicalColumns, cotangent, f64, golden, maxAbs, mT, recompose } from './helpers.js';

function expectOrthonormalColumns(q: Tensor, tolerance: number): void {
  const k = q.shape[q.ndim - 1]!;
  expect(maxAbs(sub(matmul(mT(q), q), eye(k, k, { dtype: 'float64' })))).toBeLessThan(tolerance);
}

/**
 * A graded matrix with known singular values: the orthonormal columns of a random Q, scaled
 * by s and shuffled (A = Q·diag(s)·P). Its small singular values are determined to high
 * relative accuracy by the entries (an AᵀA-based method would lose σ = 1e-8 entirely).
 */
function gradedWithSingularValues(m: number, s: number[]): Tensor {
  const q = qr(randn([m, s.length], { dtype: 'float64' })).Q;
  const permutation = f64(s.map((_, i) => s.map((__, j) => (j === (i + 1) % s.length ? 1 : 0))));
  return matmul(mul(q, f64(s)), permutation);
}

describe('linalg.svd', () => {
  it('matches torch.linalg.svd (singular vectors up to a common sign)', () => {
    for (const shape of ['tall', 'wide'] as const) {
      const c = golden.svd[shape];
      const { U, S, Vh } = svd(f64(c.A));
      expect(S).toBeAllClose(c.S, { rtol: 1e-13, atol: 1e-14 });
      expect(canonicalColumns(U.toArray() as number[][])).toBeAllClose(canonicalColumns(c.U), {
        rtol: 1e-10,
        atol: 1e-12,
      });
      expect(canonicalColumns(mT(Vh).toArray() as number[][])).toBeAllClose(
        canonicalColumns(mT(f64(c.Vh)).toArray() as number[][]),
        {
          rtol: 1e-10,
          atol: 1e-12,
        },
      );
    }
  });

  it('U·S·Vh = A to ~1e-14·‖A‖ with orthonormal U and V, tall, wide, square and batched', () => {
    manualSeed(50);
    for (const shape of [
      [30, 12],
      [12, 30],
      [25, 25],
      [3, 5, 4],
      [1, 1],
    ]) {
      const a = randn(shape, { dtype: 'float64' });
      const { U, S, Vh } = svd(a);
      expect(maxAbs(sub(recompose(U, S, Vh), a))).toBeLessThan(1e-13);
      expectOrthonormalColumns(U, 1e-13);
      expectOrthonormalColumns(mT(Vh), 1e-13);
      const s = S.data;
      const k = S.shape[S.ndim - 1]!;
      for (let i = 1; i < s.length; i++) if (i % k !== 0) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!);
    }
  });

  it('recovers prescribed singular values over 12 orders of magnitude, to relative accuracy', () => {
    manualSeed(51);
    const s = [1e4, 1, 1e-3, 1e-8];
    expect(svdvals(gradedWithSingularValues(8, s))).toBeAllClose(s, { rtol: 1e-13, atol: 0 });
  });

  it('completes U to an orthonormal basis for rank-deficient and zero matrices', () => {
    const zeroColumn = f64([
      [1, 0, 2],
      [3, 0, 4],
      [5, 0, 6],
      [7, 0, 8],
    ]);
    const out = svd(zeroColumn);
    expect(out.S.data[2]).toBe(0);
    expectOrthonormalColumns(out.U, 1e-14);
    expect(maxAbs(sub(recompose(out.U, out.S, out.Vh), zeroColumn))).toBeLessThan(1e-14);
    const zero = svd(
      f64([
        [0, 0, 0],
        [0, 0, 0],
      ]),
    );
    expect(zero.S).toBeAllClose([0, 0]);
    expectOrthonormalColumns(zero.U, 1e-15);
    expectOrthonormalColumns(mT(zero.Vh), 1e-15);
    manualSeed(52);
    const lowRank = matmul(randn([7, 2], { dtype: 'float64' }), randn([2, 5], { dtype: 'float64' }));
    const lr = svd(lowRank);
    expect(Array.from(lr.S.data.slice(2)).every((v) => v < 1e-14)).toBe(true);
    expectOrthonormalColumns(lr.U, 1e-13);
  });

  it('fullMatrices gives square U and Vh', () => {
    manualSeed(53);
    for (const [m, n] of [
      [6, 3],
      [3, 6],
    ] as const) {
      const a = randn([m, n], { dtype: 'float64' });
      const { U, S, Vh } = svd(a, { fullMatrices: true });
      expect(U.shape).toEqual([m, m]);
      expect(Vh.shape).toEqual([n, n]);
      expectOrthonormalColumns(U, 1e-14);
      expectOrthonormalColumns(mT(Vh), 1e-14);
      const k = Math.min(m, n);
      const thinU = matmul(U, eye(m, k, { dtype: 'float64' }));
      const thinVh = matmul(eye(k, n, { dtype: 'float64' }), Vh);
      expect(maxAbs(sub(recompose(thinU, S, thinVh), a))).toBeLessThan(1e-13);
    }
  });

  it('float32 in, float32 out', () => {
    const { S } = svd(
      f64([
        [3, 0],
        [0, -4],
      ]).to('float32'),
    );
    expect(S.dtype).toBe('float32');
    expect(S).toBeAllClose([4, 3]);
  });

  it('gradients of singular values (uᵢvᵢᵀ) and of sign-invariant functions of U and Vh: tall, wide, square, batched', () => {
    manualSeed(54);
    for (const shape of [
      [4, 3],
      [3, 4],
      [3, 3],
      [2, 3, 2],
      [1, 3],
    ]) {
      const a = randn(shape, { dtype: 'float64' });
      assertGradcheck(svdvals, [a]);
      assertGradcheck((x) => svd(x).U.square(), [a]);
      assertGradcheck((x) => svd(x).Vh.square(), [a]);
      assertGradcheck(
        (x) => {
          const { U, S, Vh } = svd(x);
          return recompose(U, S.exp(), Vh);
        },
        [a],
      );
    }
  });

  it('the gradient of σ at a repeated or zero singular value stays finite', () => {
    const g = grad((x: Tensor) => sum(svdvals(x)))(eye(3, 3, { dtype: 'float64' })) as Tensor;
    expect(g).toBeAllClose(eye(3, 3, { dtype: 'float64' }), { atol: 1e-15 });
    const rankOne = grad((x: Tensor) => sum(svdvals(x)))(
      f64([
        [3, 0],
        [0, 0],
      ]),
    ) as Tensor;
    expect(rankOne.data[0]).toBeCloseTo(1, 14);
    expect(Array.from(rankOne.data).every(Number.isFinite)).toBe(true);
  });

  it('gradients match torch and are twice differentiable', () => {
    for (const shape of ['tall', 'wide'] as const) {
      const c = golden.svd[shape];
      const loss = (x: Tensor): Tensor => {
        const { U, S, Vh } = svd(x);
        return add(
          add(sum(mul(U.square(), cotangent(U.shape))), sum(mul(Vh.square(), cotangent(Vh.shape)))),
          sum(mul(S, cotangent(S.shape))),
        );
      };
      expect(grad(loss)(f64(c.A))).toBeAllClose(c.grads, { rtol: 1e-9, atol: 1e-11 });
    }
    manualSeed(55);
    assertGradcheck(
      (x) => grad((y: Tensor) => sum(svdvals(y).square().exp()))(x) as Tensor,
      [randn([3, 2], { dtype: 'float64' })],
    );
  });

  it('fullMatrices is forward only', () => {
    const a = f64([
      [3, 1],
      [4, 2],
      [0, 1],
    ]).requiresGrad_();
    expect(() => sum(svd(a, { fullMatrices: true }).U).backward()).toThrow(
      /linalg\.svd with fullMatrices is not differentiable yet/,
    );
  });
});
