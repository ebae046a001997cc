import { allocate } from '../dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { matrixStack, readMatrix } from './batch.js';
import { householderQr } from './householder.js';
import { decompositionOutputOp, recordOutput } from './unsupported.js';

const reason = 'ONNX (opset 17) has no QR operator';
/** Q of qr (forward only: no backward rule yet). */
export const qrQOp = decompositionOutputOp('linalg.qr', reason);
/** R of qr (forward only: no backward rule yet). */
export const qrROp = decompositionOutputOp('linalg.qr', reason);

/**
 * A = Q·R by Householder reflections (torch.linalg.qr) for every matrix of a stack
 * [..., m, n], with k = min(m, n): `reduced` (default) gives Q [..., m, k] with orthonormal
 * columns (QᵀQ = I) and upper-triangular R [..., k, n]; `complete` gives Q [..., m, m]
 * and R [..., m, n]. Signs follow LAPACK (R's diagonal may be negative), as in PyTorch.
 * Forward only: a backward through Q or R throws.
 */
export function qr(a: Tensor, options: { mode?: 'reduced' | 'complete' } = {}): { Q: Tensor; R: Tensor } {
  const { batch, count, rows: m, cols: n } = matrixStack('linalg.qr', a);
  const qCols = options.mode === 'complete' ? m : Math.min(m, n);
  const q = allocate(a.dtype, count * m * qCols);
  const r = allocate(a.dtype, count * qCols * n);
  for (let i = 0; i < count; i++) {
    const factors = householderQr(readMatrix('linalg.qr', a, i, m, n), m, n, options.mode === 'complete');
    q.set(factors.q, i * m * qCols);
    r.set(factors.r, i * qCols * n);
  }
  return {
    Q: recordOutput(qrQOp, a, new Tensor(q, [...batch, m, qCols])),
    R: recordOutput(qrROp, a, new Tensor(r, [...batch, qCols, n])),
  };
}
