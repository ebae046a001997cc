import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { add, mul, sub } from '../ops/binary.js';
import { defineOp } from '../ops/define.js';
import { narrow } from '../ops/indexing/slice.js';
import { matmul, matmulT } from '../ops/matmul.js';
import { squeeze, unsqueeze } from '../ops/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { floatDType, identityMatrix, matrixStack, readMatrix, transposeLast } from './batch.js';
import { reciprocalOrZero } from './safe-reciprocal.js';
import { symmetricEigen } from './tridiagonal.js';
import { notExportable } from './unsupported.js';

interface EighAttrs {
  /** Which triangle of A is read. */
  uplo: 'L' | 'U';
}

export interface EighOptions {
  /** Which triangle of A is read: 'L' (lower, the default, like PyTorch) or 'U'. */
  uplo?: 'L' | 'U';
}

/** The eigenvalues [..., n] and eigenvectors [..., n, n] held in a packed [..., n + 1, n] tensor. */
function unpack(packed: Tensor): { values: Tensor; vectors: Tensor } {
  const n = packed.shape[packed.ndim - 1]!;
  return { values: squeeze(narrow(packed, -2, 0, 1), -2), vectors: narrow(packed, -2, 1, n) };
}

/**
 * 1/(λ_j − λ_i) at (i, j), and 0 where λ_i = λ_j (the diagonal, and exactly repeated
 * eigenvalues, whose eigenvectors only a loss invariant to rotations within the
 * eigenspace can use).
 */
function inverseGaps(values: Tensor): Tensor {
  return reciprocalOrZero(sub(unsqueeze(values, -2), unsqueeze(values, -1)));
}

/**
 * Symmetric eigendecomposition, packed: row 0 of the output holds the eigenvalues λ
 * (ascending), rows 1…n the eigenvectors V (column i belongs to λᵢ). Gradient (PyTorch's
 * linalg_eig_backward, Hermitian case), with λ̄, V̄ the gradients of λ and V:
 *   K = ½(Vᵀ·V̄ − V̄ᵀ·V),  F_ij = 1/(λ_j − λ_i) (0 on the diagonal),
 *   dL/dA = V·(diag(λ̄) + F ∘ K)·Vᵀ  (symmetric).
 */
export const eighOp = defineOp<EighAttrs>({
  name: 'linalg.eigh',
  forward: ([a], { uplo }) => {
    const op = 'linalg.eigh';
    const { batch, count, rows: n } = matrixStack(op, a!, true);
    const out = allocate(a!.dtype, count * (n + 1) * n);
    for (let i = 0; i < count; i++) {
      const m = readMatrix(op, a!, i, n, n);
      if (uplo === 'U') for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) m[r * n + c] = m[c * n + r]!;
      const { values, vectorRows } = symmetricEigen(m, n, op);
      const base = i * (n + 1) * n;
      out.set(values, base);
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) out[base + (r + 1) * n + c] = vectorRows[c * n + r]!;
    }
    return new Tensor(out, [...batch, n + 1, n]);
  },
  backward: ({ inputs: [a], output }, dPacked) => {
    const n = a!.shape[a!.ndim - 1]!;
    const { values, vectors } = unpack(output);
    const { values: dValues, vectors: dVectors } = unpack(dPacked);
    const product = matmulT(vectors, dVectors, true, false);
    const skew = mul(sub(product, transposeLast(product)), 0.5);
    const inner = mul(skew, inverseGaps(values));
    const withDiagonal = add(inner, mul(unsqueeze(dValues, -1), identityMatrix(n, n, floatDType('linalg.eigh', a!))));
    return [matmul(vectors, matmulT(withDiagonal, vectors, false, true))];
  },
  onnx: () => notExportable('linalg.eigh', 'ONNX (opset 17) has no eigendecomposition operator'),
});

function packedEigen(a: Tensor, options: EighOptions): Tensor {
  matrixStack('linalg.eigh', a, true);
  return apply(eighOp, [a], { uplo: options.uplo ?? 'L' });
}

/**
 * Eigendecomposition of symmetric matrices (torch.linalg.eigh): A = V·diag(λ)·Vᵀ for every
 * matrix of a stack [..., n, n], by Householder tridiagonalization and implicit QL
 * (EISPACK tred2/tql2, our own TypeScript). Eigenvalues [..., n] ascending; column i of
 * eigenvectors [..., n, n] is the unit eigenvector of λᵢ (its sign is arbitrary). Only the
 * lower (or, with uplo 'U', upper) triangle is read. Differentiable; the gradient through
 * the eigenvectors grows as 1/(λ_j − λ_i) near repeated eigenvalues.
 */
export function eigh(a: Tensor, options: EighOptions = {}): { eigenvalues: Tensor; eigenvectors: Tensor } {
  const { values, vectors } = unpack(packedEigen(a, options));
  return { eigenvalues: values, eigenvectors: vectors };
}

/** The eigenvalues of symmetric matrices, ascending (torch.linalg.eigvalsh). Gradient dλᵢ/dA = vᵢ·vᵢᵀ. */
export function eigvalsh(a: Tensor, options: EighOptions = {}): Tensor {
  return unpack(packedEigen(a, options)).values;
}
