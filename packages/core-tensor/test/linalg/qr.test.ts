import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { assertGradcheck, eye, grad, manualSeed, matmul, mul, randn, sub, sum } from '../../src/index.js';
import { qr } from '../../src/linalg/index.js';
import { cat } from '../../src/ops/indexing/join-split.js';
import { triu } from '../../src/ops/indexing/triangular.js';
import { cotangent, f64, golden, maxAbs, mT } from './helpers.js';

describe('linalg.qr', () => {
  it('matches torch.linalg.qr exactly up to rounding (LAPACK sign convention), reduced and complete', () => {
    for (const shape of ['tall', 'wide'] as const) {
      for (const mode of ['reduced', 'complete'] as const) {
        const { Q, R } = qr(f64(golden.qr[shape]), { mode });
        const expected = golden.qr[shape + (mode === 'reduced' ? 'Reduced' : 'Complete')];
        expect(Q).toBeAllClose(expected.Q, { rtol: 1e-12, atol: 1e-13 });
        expect(R).toBeAllClose(expected.R, { rtol: 1e-12, atol: 1e-13 });
      }
    }
  });

  it('Q·R = A, QᵀQ = I and R upper triangular, for tall, wide and batched inputs', () => {
    manualSeed(30);
    for (const shape of [
      [9, 4],
      [4, 9],
      [3, 6, 6],
      [2, 1, 5, 2],
    ]) {
      const a = randn(shape, { dtype: 'float64' });
      const { Q, R } = qr(a);
      const k = Math.min(shape[shape.length - 2]!, shape[shape.length - 1]!);
      expect(maxAbs(sub(matmul(Q, R), a))).toBeLessThan(1e-14);
      expect(maxAbs(sub(matmul(mT(Q), Q), eye(k, k, { dtype: 'float64' })))).toBeLessThan(1e-14);
      expect(maxAbs(sub(R, triu(R)))).toBe(0);
    }
  });

  it('complete mode gives a square orthogonal Q', () => {
    manualSeed(31);
    const a = randn([7, 3], { dtype: 'float64' });
    const { Q, R } = qr(a, { mode: 'complete' });
    expect(Q.shape).toEqual([7, 7]);
    expect(R.shape).toEqual([7, 3]);
    expect(maxAbs(sub(matmul(Q, mT(Q)), eye(7, 7, { dtype: 'float64' })))).toBeLessThan(1e-14);
    expect(maxAbs(sub(matmul(Q, R), a))).toBeLessThan(1e-14);
  });

  it('keeps Q orthonormal for rank-deficient input', () => {
    const a = f64([
      [1, 2, 0],
      [2, 4, 0],
      [3, 6, 0],
      [4, 8, 0],
    ]);
    const { Q, R } = qr(a);
    expect(maxAbs(sub(matmul(mT(Q), Q), eye(3, 3, { dtype: 'float64' })))).toBeLessThan(1e-14);
    expect(maxAbs(sub(matmul(Q, R), a))).toBeLessThan(1e-14);
  });

  it('float32 in, float32 out', () => {
    const { Q, R } = qr(
      f64([
        [3, 1],
        [4, 2],
      ]).to('float32'),
    );
    expect(Q.dtype).toBe('float32');
    expect(R).toBeAllClose(
      [
        [-5, -2.2],
        [0, 0.4],
      ],
      { rtol: 1e-6, atol: 1e-6 },
    );
  });

  it('gradients for tall, square, wide and batched inputs, twice differentiable', () => {
    manualSeed(32);
    for (const shape of [
      [4, 3],
      [3, 3],
      [2, 4],
      [3, 5],
      [2, 3, 2],
      [1, 1],
    ]) {
      const a = randn(shape, { dtype: 'float64' });
      assertGradcheck((x) => qr(x).Q, [a]);
      assertGradcheck((x) => qr(x).R, [a]);
    }
    assertGradcheck(
      (x) => grad((y: Tensor) => sum(qr(y).Q.pow(3)))(x) as Tensor,
      [randn([3, 2], { dtype: 'float64' })],
    );
  });

  it('gradients match torch', () => {
    for (const shape of ['tall', 'wide'] as const) {
      const loss = (x: Tensor): Tensor => {
        const { Q, R } = qr(x);
        const flat = cat([Q.reshape(-1), R.reshape(-1)]);
        return sum(mul(flat, cotangent(flat.shape)));
      };
      expect(grad(loss)(f64(golden.qr[shape]))).toBeAllClose(golden.qr[`${shape}Grads`], { rtol: 1e-10, atol: 1e-12 });
    }
  });

  it('complete mode of a tall matrix is forward only', () => {
    const a = f64([
      [3, 1],
      [4, 2],
      [0, 1],
    ]).requiresGrad_();
    expect(() => sum(qr(a, { mode: 'complete' }).Q).backward()).toThrow(
      /linalg\.qr with mode complete is not differentiable yet/,
    );
  });
});
