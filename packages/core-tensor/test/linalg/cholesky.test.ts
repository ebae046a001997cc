import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { add, assertGradcheck, grad, manualSeed, matmul, mul, randn, sub, sum } from '../../src/index.js';
import { cholesky, LinalgError } from '../../src/linalg/index.js';
import { tril } from '../../src/ops/indexing/triangular.js';
import { cotangent, f64, golden, maxAbs, mT, spd } from './helpers.js';

/** cholesky of the symmetric part, so finite differences see the symmetric gradient torch defines. */
const choleskyOfSymmetricPart = (a: Tensor): Tensor => cholesky(mul(add(a, mT(a)), 0.5));

describe('linalg.cholesky', () => {
  it('matches torch.linalg.cholesky', () => {
    expect(cholesky(f64(golden.cholesky.A))).toBeAllClose(golden.cholesky.L, { rtol: 1e-13, atol: 1e-14 });
  });

  it('reconstructs A = L·Lᵀ with L lower triangular (batched), and Uᵀ·U with upper', () => {
    manualSeed(20);
    const a = spd([3, 8, 8]);
    const l = cholesky(a);
    expect(maxAbs(sub(l, tril(l)))).toBe(0);
    expect(maxAbs(sub(matmul(l, mT(l)), a))).toBeLessThan(1e-12);
    const u = cholesky(a, { upper: true });
    expect(maxAbs(sub(matmul(mT(u), u), a))).toBeLessThan(1e-12);
  });

  it('reads only the lower triangle', () => {
    const a = f64([
      [4, 99],
      [2, 5],
    ]);
    expect(cholesky(a)).toBeAllClose([
      [2, 0],
      [1, 2],
    ]);
  });

  it('names the failing pivot of a matrix that is not positive definite', () => {
    expect(() =>
      cholesky(
        f64([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toThrow(LinalgError);
    expect(() =>
      cholesky(
        f64([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toThrow(/not positive definite: pivot 1 is -3 ≤ 0 \(the leading minor of order 2/);
    expect(() =>
      cholesky(
        f64([
          [-1, 0],
          [0, 1],
        ]),
      ),
    ).toThrow(/pivot 0 is -1/);
    const batch = f64([
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [0, 0],
      ],
    ]);
    expect(() => cholesky(batch)).toThrow(/matrix of batch element 1 is not positive definite: pivot 1 is 0/);
  });

  it('float32 in, float32 out', () => {
    const l = cholesky(
      f64([
        [4, 2],
        [2, 5],
      ]).to('float32'),
    );
    expect(l.dtype).toBe('float32');
    expect(l).toBeAllClose([
      [2, 0],
      [1, 2],
    ]);
  });

  it('gradient (Murray 2016 / PyTorch cholesky_backward) on SPD matrices, single and batched', () => {
    manualSeed(21);
    assertGradcheck(choleskyOfSymmetricPart, [spd([1, 1])]);
    assertGradcheck(choleskyOfSymmetricPart, [spd([4, 4])]);
    assertGradcheck(choleskyOfSymmetricPart, [spd([2, 3, 3])]);
    // through a factor: L(X·Xᵀ + I), the usual way a covariance is parameterised
    assertGradcheck(
      (x) =>
        cholesky(
          add(
            matmul(x, mT(x)),
            f64([
              [1, 0, 0],
              [0, 1, 0],
              [0, 0, 1],
            ]),
          ),
        ),
      [randn([3, 3], { dtype: 'float64' })],
    );
  });

  it('gradient matches torch', () => {
    const dA = grad((a: Tensor) => sum(mul(choleskyOfSymmetricPart(a), cotangent([4, 4]))))(f64(golden.cholesky.A));
    expect(dA).toBeAllClose(golden.cholesky.grads[0], { rtol: 1e-10, atol: 1e-12 });
  });

  it('double backward', () => {
    manualSeed(22);
    const gradient = (a: Tensor): Tensor => grad((x: Tensor) => sum(choleskyOfSymmetricPart(x).square()))(a) as Tensor;
    assertGradcheck(gradient, [spd([3, 3])]);
  });
});
