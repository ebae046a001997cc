import { allocate } from '../dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { matrixStack, readMatrix } from './batch.js';
import type { SvdFactors } from './jacobi-svd.js';
import { jacobiSvd } from './jacobi-svd.js';
import { decompositionOutputOp, recordOutput } from './unsupported.js';

const reason = 'ONNX (opset 17) has no SVD operator';
/** U of svd (forward only: no backward rule yet). */
export const svdUOp = decompositionOutputOp('linalg.svd', reason);
/** S of svd (forward only: no backward rule yet). */
export const svdSOp = decompositionOutputOp('linalg.svd', reason);
/** Vh of svd (forward only: no backward rule yet). */
export const svdVhOp = decompositionOutputOp('linalg.svd', reason);
/** The output of svdvals (forward only: no backward rule yet). */
export const svdvalsOp = decompositionOutputOp('linalg.svdvals', reason);

/** Run the Jacobi SVD on every matrix of a stack and hand each result to `collect`. */
export function forEachSvd(
  op: string,
  a: Tensor,
  full: boolean,
  collect: (factors: SvdFactors, index: number) => void,
): void {
  const { count, rows: m, cols: n } = matrixStack(op, a);
  for (let i = 0; i < count; i++) collect(jacobiSvd(readMatrix(op, a, i, m, n), m, n, full, op), i);
}

/**
 * Singular value decomposition A = U·diag(S)·Vh (torch.linalg.svd) of every matrix of a
 * stack [..., m, n], by one-sided Jacobi (our own; accurate to ~1e-15·‖A‖ in float64),
 * k = min(m, n). Thin by default, unlike PyTorch's default: U [..., m, k], S [..., k]
 * descending, Vh [..., k, n]; `fullMatrices` gives U [..., m, m] and Vh [..., n, n].
 * Each pair (uᵢ, vᵢ) is determined up to a common sign. Forward only.
 */
export function svd(a: Tensor, options: { fullMatrices?: boolean } = {}): { U: Tensor; S: Tensor; Vh: Tensor } {
  const { batch, count, rows: m, cols: n } = matrixStack('linalg.svd', a);
  const k = Math.min(m, n);
  const full = options.fullMatrices ?? false;
  const [uCols, vhRows] = full ? [m, n] : [k, k];
  const u = allocate(a.dtype, count * m * uCols);
  const s = allocate(a.dtype, count * k);
  const vh = allocate(a.dtype, count * vhRows * n);
  forEachSvd('linalg.svd', a, full, (factors, i) => {
    u.set(factors.u, i * m * uCols);
    s.set(factors.s, i * k);
    vh.set(factors.vh, i * vhRows * n);
  });
  return {
    U: recordOutput(svdUOp, a, new Tensor(u, [...batch, m, uCols])),
    S: recordOutput(svdSOp, a, new Tensor(s, [...batch, k])),
    Vh: recordOutput(svdVhOp, a, new Tensor(vh, [...batch, vhRows, n])),
  };
}

/** The singular values σ₁ ≥ … ≥ σ_k ≥ 0 of every matrix of a stack (torch.linalg.svdvals). Forward only. */
export function svdvals(a: Tensor): Tensor {
  const { batch, count, rows: m, cols: n } = matrixStack('linalg.svdvals', a);
  const k = Math.min(m, n);
  const s = allocate(a.dtype, count * k);
  forEachSvd('linalg.svdvals', a, false, (factors, i) => s.set(factors.s, i * k));
  return recordOutput(svdvalsOp, a, new Tensor(s, [...batch, k]));
}
