import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { add, mul } from '../ops/binary.js';
import { defineOp } from '../ops/define.js';
import { tril } from '../ops/indexing/triangular.js';
import { matmulT } from '../ops/matmul.js';
import { Tensor } from '../tensor/tensor.js';
import { batchSuffix, matrixStack, readMatrix, transposeLast } from './batch.js';
import { LinalgError } from './errors.js';
import { solveTriangularOp } from './triangular.js';
import { notExportable } from './unsupported.js';

/**
 * A = L·Lᵀ with L lower triangular and a positive diagonal (Cholesky–Banachiewicz, row by
 * row; only A's lower triangle is read). Gradient (Murray 2016, PyTorch's
 * cholesky_backward), with L̄ = dL/dL:
 *   P = tril(Lᵀ·L̄),  S = ½(P + tril(P, −1)ᵀ)  (symmetric, half of P's diagonal),
 *   dL/dA = L⁻ᵀ·S·L⁻¹  (two triangular solves with Lᵀ; symmetric).
 */
export const choleskyOp = defineOp({
  name: 'linalg.cholesky',
  forward: ([a]) => {
    const { count, rows: n } = matrixStack('linalg.cholesky', a!, true);
    const out = allocate(a!.dtype, count * n * n);
    for (let i = 0; i < count; i++)
      out.set(choleskyFactor(readMatrix('linalg.cholesky', a!, i, n, n), n, i, count), i * n * n);
    return new Tensor(out, a!.shape);
  },
  backward: ({ output: l }, dL) => {
    const p = tril(matmulT(l, dL, true, false));
    const symmetric = mul(add(p, transposeLast(tril(p, -1))), 0.5);
    const upperSolve = (rhs: Tensor): Tensor => apply(solveTriangularOp, [transposeLast(l), rhs], { upper: true });
    return [upperSolve(transposeLast(upperSolve(symmetric)))];
  },
  onnx: () => notExportable('linalg.cholesky', 'ONNX (opset 17) has no Cholesky operator'),
});

/**
 * L of A = L·Lᵀ: l_jj = √(a_jj − Σ_{p<j} l_jp²), l_ij = (a_ij − Σ_{p<j} l_ip·l_jp) / l_jj.
 * Throws a LinalgError naming the first pivot a_jj − Σ l_jp² that is not positive: the
 * leading minor of order j + 1 is not positive definite.
 */
function choleskyFactor(a: Float64Array, n: number, index: number, count: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let p = 0; p < j; p++) s -= l[i * n + p]! * l[j * n + p]!;
      if (i === j) {
        if (!(s > 0)) {
          throw new LinalgError(
            `linalg.cholesky: the matrix${batchSuffix(index, count)} is not positive definite: pivot ${i} is ${s} ≤ 0 (the leading minor of order ${i + 1} is not positive definite)`,
          );
        }
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  return l;
}

/**
 * The Cholesky factor of every symmetric positive-definite matrix in a stack
 * (torch.linalg.cholesky): lower L with A = L·Lᵀ, or upper U = Lᵀ with A = Uᵀ·U when
 * `upper`. Only the lower triangle of A is read. A matrix that is not positive definite
 * throws a LinalgError naming the failing pivot.
 */
export function cholesky(a: Tensor, options: { upper?: boolean } = {}): Tensor {
  matrixStack('linalg.cholesky', a, true);
  const l = apply(choleskyOp, [a], undefined);
  return options.upper ? transposeLast(l) : l;
}
