import type { DType } from '../dtype.js';
import { allocate } from '../dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { matrixStack, readMatrix } from './batch.js';
import { symmetricEigen } from './tridiagonal.js';
import { decompositionOutputOp, recordOutput } from './unsupported.js';

const reason = 'ONNX (opset 17) has no eigendecomposition operator';
/** The eigenvalues output of eigh (forward only: no backward rule yet). */
export const eigenvaluesOp = decompositionOutputOp('linalg.eigh', reason);
/** The output of eigvalsh (forward only: no backward rule yet). */
export const eigvalshOp = decompositionOutputOp('linalg.eigvalsh', reason);
/** The eigenvectors output of eigh (forward only: no backward rule yet). */
export const eigenvectorsOp = decompositionOutputOp('linalg.eigh', reason);

export interface EighOptions {
  /** Which triangle of A is read: 'L' (lower, the default, like PyTorch) or 'U'. */
  uplo?: 'L' | 'U';
}

interface EigenStack {
  values: Tensor;
  vectors: Tensor;
}

function decompose(a: Tensor, op: string, options: EighOptions): EigenStack {
  const { batch, count, rows: n } = matrixStack(op, a, true);
  const dtype: DType = a.dtype;
  const values = allocate(dtype, count * n);
  const vectors = allocate(dtype, count * n * n);
  for (let i = 0; i < count; i++) {
    const m = readMatrix(op, a, i, n, n);
    if (options.uplo === 'U') for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) m[r * n + c] = m[c * n + r]!;
    const { values: lambda, vectorRows } = symmetricEigen(m, n, op);
    values.set(lambda, i * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) vectors[i * n * n + r * n + c] = vectorRows[c * n + r]!;
  }
  return { values: new Tensor(values, [...batch, n]), vectors: new Tensor(vectors, [...batch, n, n]) };
}

/**
 * Eigendecomposition of symmetric matrices (torch.linalg.eigh): A = V·diag(λ)·Vᵀ for every
 * matrix of a stack [..., n, n], by Householder tridiagonalization and implicit QL
 * (EISPACK tred2/tql2, our own TypeScript). Eigenvalues [..., n] ascending; column i of
 * eigenvectors [..., n, n] is the unit eigenvector of λᵢ (its sign is arbitrary). Only the
 * lower (or, with uplo 'U', upper) triangle is read. Forward only.
 */
export function eigh(a: Tensor, options: EighOptions = {}): { eigenvalues: Tensor; eigenvectors: Tensor } {
  const { values, vectors } = decompose(a, 'linalg.eigh', options);
  return {
    eigenvalues: recordOutput(eigenvaluesOp, a, values),
    eigenvectors: recordOutput(eigenvectorsOp, a, vectors),
  };
}

/** The eigenvalues of symmetric matrices, ascending (torch.linalg.eigvalsh): λ of A = V·diag(λ)·Vᵀ. Forward only. */
export function eigvalsh(a: Tensor, options: EighOptions = {}): Tensor {
  return recordOutput(eigvalshOp, a, decompose(a, 'linalg.eigvalsh', options).values);
}
