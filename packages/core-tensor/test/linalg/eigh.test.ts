import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import {
  add,
  assertGradcheck,
  eye,
  grad,
  manualSeed,
  matmul,
  mul,
  randn,
  sub,
  sum,
  unsqueeze,
} from '../../src/index.js';
import { eigh, eigvalsh } from '../../src/linalg/index.js';
import { canonicalColumns, cotangent, f64, golden, maxAbs, mT } from './helpers.js';

const symmetric = (shape: number[]): Tensor => {
  const x = randn(shape, { dtype: 'float64' });
  return mul(add(x, mT(x)), 0.5);
};

/** ½(A + Aᵀ): finite differences then see the symmetric gradient eigh defines (it reads one triangle). */
const symmetricPart = (x: Tensor): Tensor => mul(add(x, mT(x)), 0.5);

/** V·diag(λ)·Vᵀ */
const recompose = (values: Tensor, vectors: Tensor): Tensor => matmul(mul(vectors, unsqueeze(values, -2)), mT(vectors));

describe('linalg.eigh', () => {
  it('matches torch.linalg.eigh (eigenvectors up to sign)', () => {
    const { eigenvalues, eigenvectors } = eigh(f64(golden.eigh.A));
    expect(eigenvalues).toBeAllClose(golden.eigh.eigenvalues, { rtol: 1e-12, atol: 1e-13 });
    expect(canonicalColumns(eigenvectors.toArray() as number[][])).toBeAllClose(
      canonicalColumns(golden.eigh.eigenvectors),
      {
        rtol: 1e-10,
        atol: 1e-12,
      },
    );
  });

  it('reads the lower triangle by default and the upper one with uplo U, like torch', () => {
    const a = f64(golden.eigh.lowerOnly);
    expect(eigvalsh(a)).toBeAllClose(golden.eigh.lowerOnlyEigenvalues, { rtol: 1e-12, atol: 1e-13 });
    expect(eigvalsh(a, { uplo: 'U' })).toBeAllClose(golden.eigh.upperEigenvalues, { rtol: 1e-12, atol: 1e-13 });
  });

  it('V·Λ·Vᵀ = A and VᵀV = I to rounding, eigenvalues ascending, batched', () => {
    manualSeed(40);
    for (const shape of [
      [1, 1],
      [2, 2],
      [40, 40],
      [3, 7, 7],
    ]) {
      const a = symmetric(shape);
      const n = shape[shape.length - 1]!;
      const { eigenvalues, eigenvectors } = eigh(a);
      expect(maxAbs(sub(recompose(eigenvalues, eigenvectors), a))).toBeLessThan(1e-13 * n);
      expect(maxAbs(sub(matmul(mT(eigenvectors), eigenvectors), eye(n, n, { dtype: 'float64' })))).toBeLessThan(
        1e-13 * n,
      );
      const v = eigenvalues.data;
      for (let i = 1; i < v.length; i++) if (i % n !== 0) expect(v[i]!).toBeGreaterThanOrEqual(v[i - 1]!);
    }
  });

  it('handles repeated eigenvalues and a diagonal matrix', () => {
    const { eigenvalues, eigenvectors } = eigh(
      f64([
        [2, 0, 0],
        [0, 1, 0],
        [0, 0, 2],
      ]),
    );
    expect(eigenvalues).toBeAllClose([1, 2, 2]);
    expect(maxAbs(sub(matmul(mT(eigenvectors), eigenvectors), eye(3, 3, { dtype: 'float64' })))).toBeLessThan(1e-15);
    manualSeed(41);
    const q = eigh(symmetric([6, 6])).eigenvectors;
    const repeated = recompose(f64([1, 1, 1, 5, 5, 9]), q);
    const out = eigh(repeated);
    expect(out.eigenvalues).toBeAllClose([1, 1, 1, 5, 5, 9], { rtol: 1e-13, atol: 1e-13 });
    expect(maxAbs(sub(recompose(out.eigenvalues, out.eigenvectors), repeated))).toBeLessThan(1e-13);
  });

  it('float32 in, float32 out, zero matrix and eigvalsh', () => {
    const { eigenvalues } = eigh(
      f64([
        [2, 1],
        [1, 2],
      ]).to('float32'),
    );
    expect(eigenvalues.dtype).toBe('float32');
    expect(eigenvalues).toBeAllClose([1, 3]);
    expect(
      eigh(
        f64([
          [0, 0],
          [0, 0],
        ]),
      ).eigenvectors,
    ).toBeAllClose([
      [1, 0],
      [0, 1],
    ]);
    expect(
      eigvalsh(
        f64([
          [2, 1],
          [1, 2],
        ]),
      ),
    ).toBeAllClose([1, 3]);
  });

  it('gradients of eigenvalues (vᵢvᵢᵀ) and of sign-invariant eigenvector functions, single and batched', () => {
    manualSeed(42);
    assertGradcheck((x) => eigvalsh(symmetricPart(x)), [symmetric([4, 4])]);
    assertGradcheck((x) => eigh(symmetricPart(x)).eigenvectors.square(), [symmetric([4, 4])]);
    assertGradcheck(
      (x) => {
        const { eigenvalues, eigenvectors } = eigh(symmetricPart(x));
        return recompose(eigenvalues.exp(), eigenvectors);
      },
      [symmetric([2, 3, 3])],
    );
  });

  it('the eigenvalue gradient of a repeated eigenvalue stays finite (eigvalsh of the identity)', () => {
    const g = grad((x: Tensor) => sum(eigvalsh(x)))(eye(3, 3, { dtype: 'float64' })) as Tensor;
    expect(g).toBeAllClose(eye(3, 3, { dtype: 'float64' }), { atol: 1e-15 });
  });

  it('gradients match torch and are twice differentiable', () => {
    const a = f64(golden.eigh.A);
    const w = cotangent([5, 5]);
    const loss = (x: Tensor): Tensor => {
      const { eigenvalues, eigenvectors } = eigh(x);
      return add(sum(mul(eigenvectors.square(), w)), sum(eigenvalues.square()));
    };
    expect(grad(loss)(a)).toBeAllClose(golden.eigh.grads, { rtol: 1e-9, atol: 1e-11 });
    manualSeed(43);
    assertGradcheck(
      (x) => grad((y: Tensor) => sum(eigh(symmetricPart(y)).eigenvectors.pow(4)))(x) as Tensor,
      [symmetric([3, 3])],
    );
  });
});
