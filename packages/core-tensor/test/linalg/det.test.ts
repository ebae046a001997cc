import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { assertGradcheck, grad, manualSeed, matmul, mul, prod, randn, sub, sum } from '../../src/index.js';
import { det, eigvalsh, inv, LinalgError, slogdet } from '../../src/linalg/index.js';
import { cotangent, f64, golden, maxAbs, spd, wellConditioned } from './helpers.js';

describe('linalg.inv', () => {
  it('matches torch.linalg.inv and leaves A·A⁻¹ − I at rounding level (batched)', () => {
    expect(inv(f64(golden.inv.A))).toBeAllClose(golden.inv.inv, { rtol: 1e-12, atol: 1e-13 });
    manualSeed(10);
    const a = wellConditioned([3, 7, 7]);
    const identity = f64(Array.from({ length: 7 }, (_, i) => Array.from({ length: 7 }, (_, j) => (i === j ? 1 : 0))));
    expect(maxAbs(sub(matmul(a, inv(a)), identity))).toBeLessThan(1e-14);
  });

  it('refuses a singular matrix', () => {
    expect(() =>
      inv(
        f64([
          [0, 0],
          [0, 1],
        ]),
      ),
    ).toThrow(LinalgError);
    expect(() =>
      inv(
        f64([
          [0, 0],
          [0, 1],
        ]),
      ),
    ).toThrow(/linalg\.inv: the matrix is singular: pivot 0 of its LU factorization is 0/);
  });

  it('gradient −A⁻ᵀ·dY·A⁻ᵀ, checked numerically and against torch, twice differentiable', () => {
    manualSeed(11);
    assertGradcheck(inv, [wellConditioned([3, 3])]);
    assertGradcheck(inv, [wellConditioned([2, 2, 2])]);
    const dA = grad((a: Tensor) => sum(mul(inv(a), cotangent([4, 4]))))(f64(golden.inv.A));
    expect(dA).toBeAllClose(golden.inv.grads[0], { rtol: 1e-10, atol: 1e-12 });
    assertGradcheck((a) => grad((x: Tensor) => sum(inv(x).square()))(a) as Tensor, [wellConditioned([3, 3])]);
  });
});

describe('linalg.det and linalg.slogdet', () => {
  it('match torch on a batch', () => {
    const c = golden.det;
    expect(det(f64(c.A))).toBeAllClose(c.det, { rtol: 1e-12, atol: 1e-14 });
    const { sign, logabsdet } = slogdet(f64(c.A));
    expect(sign.toArray()).toEqual(c.sign);
    expect(logabsdet).toBeAllClose(c.logabsdet, { rtol: 1e-12, atol: 1e-14 });
  });

  it('det equals the product of the eigenvalues', () => {
    manualSeed(12);
    const a = spd([2, 6, 6]);
    expect(det(a)).toBeAllClose(prod(eigvalsh(a), -1), { rtol: 1e-12 });
    expect(slogdet(a).logabsdet).toBeAllClose(sum(eigvalsh(a).log(), -1), { rtol: 1e-12 });
  });

  it('handle known values, sign flips and singular matrices', () => {
    expect(
      det(
        f64([
          [1, 2],
          [3, 4],
        ]),
      ).item(),
    ).toBeCloseTo(-2, 14);
    expect(
      det(
        f64([
          [0, 1],
          [1, 0],
        ]),
      ).item(),
    ).toBe(-1);
    const singular = slogdet(
      f64([
        [1, 2],
        [2, 4],
      ]),
    );
    expect(singular.sign.item()).toBe(0);
    expect(singular.logabsdet.item()).toBe(Number.NEGATIVE_INFINITY);
    expect(
      Math.abs(
        det(
          f64([
            [1, 2],
            [2, 4],
          ]),
        ).item(),
      ),
    ).toBe(0);
    const big = mul(wellConditioned([40, 40]), 1e9);
    expect(Number.isFinite(slogdet(big).logabsdet.item())).toBe(true);
  });

  it('float32 in, float32 out, computed in float64', () => {
    const a = f64([
      [1e-3, 2],
      [3, 4],
    ]).to('float32');
    const d = det(a);
    expect(d.dtype).toBe('float32');
    expect(d.item()).toBeCloseTo(Math.fround(1e-3) * 4 - 6, 5);
  });

  it('gradients det·A⁻ᵀ and A⁻ᵀ, checked numerically and against torch', () => {
    manualSeed(13);
    for (const shape of [
      [1, 1],
      [3, 3],
      [2, 4, 4],
    ]) {
      assertGradcheck(det, [wellConditioned(shape)]);
      assertGradcheck((a) => slogdet(a).logabsdet, [wellConditioned(shape)]);
    }
    const c = golden.det;
    const w = cotangent([3]);
    expect(grad((a: Tensor) => sum(mul(det(a), w)))(f64(c.A))).toBeAllClose(c.detGrads[0], {
      rtol: 1e-10,
      atol: 1e-12,
    });
    expect(grad((a: Tensor) => sum(mul(slogdet(a).logabsdet, w)))(f64(c.A))).toBeAllClose(c.logabsdetGrads[0], {
      rtol: 1e-10,
      atol: 1e-12,
    });
  });

  it('second derivatives of log|det| (the Hessian-vector products of a Gaussian log-likelihood)', () => {
    manualSeed(14);
    assertGradcheck((a) => grad((x: Tensor) => slogdet(x).logabsdet)(a) as Tensor, [wellConditioned([3, 3])]);
    assertGradcheck((a) => grad((x: Tensor) => det(x))(a) as Tensor, [randn([3, 3], { dtype: 'float64' })]);
  });
});
