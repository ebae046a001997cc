import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { assertGradcheck, grad, manualSeed, matmul, mul, randn, sub, sum } from '../../src/index.js';
import { inv, pinv, solve } from '../../src/linalg/index.js';
import { cotangent, f64, golden, maxAbs, mT } from './helpers.js';

describe('linalg.pinv', () => {
  it('matches torch.linalg.pinv for a rank-deficient and a tall matrix', () => {
    expect(pinv(f64(golden.pinv.lowRank))).toBeAllClose(golden.pinv.lowRankPinv, { rtol: 1e-10, atol: 1e-12 });
    expect(pinv(f64(golden.pinv.tall))).toBeAllClose(golden.pinv.tallPinv, { rtol: 1e-12, atol: 1e-13 });
  });

  it('gives the minimum-norm solution Aᵀ(AAᵀ)⁻¹b of an underdetermined system', () => {
    manualSeed(60);
    const a = randn([3, 7], { dtype: 'float64' });
    const b = randn([3], { dtype: 'float64' });
    const x = matmul(pinv(a), b);
    expect(maxAbs(sub(matmul(a, x), b))).toBeLessThan(1e-13);
    expect(x).toBeAllClose(matmul(mT(a), solve(matmul(a, mT(a)), b)), { rtol: 1e-11, atol: 1e-13 });
  });

  it('is the least-squares solver (AᵀA)⁻¹Aᵀ of a tall full-rank system, batched', () => {
    manualSeed(61);
    const a = randn([2, 9, 4], { dtype: 'float64' });
    expect(pinv(a)).toBeAllClose(matmul(inv(matmul(mT(a), a)), mT(a)), { rtol: 1e-10, atol: 1e-12 });
  });

  it('satisfies the Penrose conditions on a rank-deficient matrix', () => {
    manualSeed(62);
    const a = matmul(randn([6, 2], { dtype: 'float64' }), randn([2, 5], { dtype: 'float64' }));
    const p = pinv(a);
    expect(maxAbs(sub(matmul(matmul(a, p), a), a))).toBeLessThan(1e-12);
    expect(maxAbs(sub(matmul(matmul(p, a), p), p))).toBeLessThan(1e-12);
    const ap = matmul(a, p);
    expect(maxAbs(sub(ap, mT(ap)))).toBeLessThan(1e-12);
  });

  it('drops singular values below the cutoff (atol / rtol)', () => {
    const a = f64([
      [1, 0],
      [0, 1e-6],
    ]);
    expect(pinv(a)).toBeAllClose(
      [
        [1, 0],
        [0, 1e6],
      ],
      { rtol: 1e-12 },
    );
    expect(pinv(a, { atol: 1e-3 })).toBeAllClose([
      [1, 0],
      [0, 0],
    ]);
    expect(pinv(a, { rtol: 1e-3 })).toBeAllClose([
      [1, 0],
      [0, 0],
    ]);
    expect(
      pinv(
        f64([
          [1, 0],
          [0, 1e-6],
        ]).to('float32'),
      ),
    ).toBeAllClose(
      [
        [1, 0],
        [0, 1e6],
      ],
      { rtol: 1e-5 },
    );
  });

  it('is differentiable where the rank is constant, and matches torch', () => {
    manualSeed(63);
    assertGradcheck((x) => pinv(x), [randn([4, 2], { dtype: 'float64' })]);
    assertGradcheck((x) => pinv(x), [randn([2, 3], { dtype: 'float64' })]);
    assertGradcheck((x) => pinv(x), [randn([2, 3, 3], { dtype: 'float64' })]);
    const dA = grad((x: Tensor) => sum(mul(pinv(x), cotangent([3, 5]))))(f64(golden.pinv.tall));
    expect(dA).toBeAllClose(golden.pinv.tallPinvGrads[0], { rtol: 1e-9, atol: 1e-11 });
  });
});
