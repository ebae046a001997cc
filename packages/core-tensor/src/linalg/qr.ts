import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { add, sub } from '../ops/binary.js';
import { defineOp } from '../ops/define.js';
import { cat } from '../ops/indexing/join-split.js';
import { narrow } from '../ops/indexing/slice.js';
import { tril } from '../ops/indexing/triangular.js';
import { matmul, matmulT } from '../ops/matmul.js';
import { Tensor } from '../tensor/tensor.js';
import { matrixStack, readMatrix, transposeLast } from './batch.js';
import { householderQr } from './householder.js';
import { solveTriangularOp } from './triangular.js';
import { decompositionOutputOp, notExportable, recordOutput } from './unsupported.js';

const reason = 'ONNX (opset 17) has no QR operator';

interface Qr {
  Q: Tensor;
  R: Tensor;
}

/** The reduced QR of an m × n stack held in one [..., m + k, n] tensor: Q in the first k columns of rows 0…m−1, R in rows m…m+k−1. */
function unpack(packed: Tensor, m: number, n: number): Qr {
  const k = Math.min(m, n);
  return { Q: narrow(narrow(packed, -2, 0, m), -1, 0, k), R: narrow(packed, -2, m, k) };
}

/** X·R⁻ᵀ for upper-triangular R: (R⁻¹·Xᵀ)ᵀ. */
function timesInverseTransposeR(x: Tensor, r: Tensor): Tensor {
  return transposeLast(apply(solveTriangularOp, [r, transposeLast(x)], { upper: true }));
}

/**
 * The QR gradient for m ≥ n (square R, invertible), as in TensorFlow's QrGrad:
 *   M = tril(skew(Qᵀ·Q̄) + skew(R·R̄ᵀ)),  skew(X) = X − Xᵀ,
 *   dL/dA = Q·(R̄ + M·R⁻ᵀ) + (Q̄ − Q·Qᵀ·Q̄)·R⁻ᵀ.
 */
function tallQrGradient(q: Tensor, r: Tensor, dQ: Tensor, dR: Tensor): Tensor {
  const qdq = matmulT(q, dQ, true, false);
  const rdr = matmulT(r, dR, false, true);
  const m = tril(add(sub(qdq, transposeLast(qdq)), sub(rdr, transposeLast(rdr))));
  const fromR = matmul(q, add(dR, timesInverseTransposeR(m, r)));
  return add(fromR, timesInverseTransposeR(sub(dQ, matmul(q, qdq)), r));
}

/**
 * Reduced Householder QR, packed (see unpack). Gradient: tallQrGradient for m ≥ n; for
 * m < n, with A = [X | Y] and R = [U | V] split after column m, X = Q·U is a square QR and
 * Y = Q·V, so dL/dX = tallQrGradient(Q, U, Q̄ + Y·V̄ᵀ, Ū) and dL/dY = Q·V̄. Needs the
 * leading min(m, n) columns of A to have full rank (R's diagonal non-zero).
 */
export const qrOp = defineOp({
  name: 'linalg.qr',
  forward: ([a]) => {
    const op = 'linalg.qr';
    const { batch, count, rows: m, cols: n } = matrixStack(op, a!);
    const k = Math.min(m, n);
    const size = (m + k) * n;
    const out = allocate(a!.dtype, count * size);
    for (let i = 0; i < count; i++) {
      const { q, r } = householderQr(readMatrix(op, a!, i, m, n), m, n, false);
      const base = i * size;
      for (let row = 0; row < m; row++) for (let c = 0; c < k; c++) out[base + row * n + c] = q[row * k + c]!;
      out.set(r, base + m * n);
    }
    return new Tensor(out, [...batch, m + k, n]);
  },
  backward: ({ inputs: [a], output }, dPacked) => {
    const m = a!.shape[a!.ndim - 2]!;
    const n = a!.shape[a!.ndim - 1]!;
    const { Q, R } = unpack(output, m, n);
    const { Q: dQ, R: dR } = unpack(dPacked, m, n);
    if (m >= n) return [tallQrGradient(Q, R, dQ, dR)];
    const y = narrow(a!, -1, m, n - m);
    const dV = narrow(dR, -1, m, n - m);
    const dX = tallQrGradient(Q, narrow(R, -1, 0, m), add(dQ, matmulT(y, dV, false, true)), narrow(dR, -1, 0, m));
    return [cat([dX, matmul(Q, dV)], -1)];
  },
  onnx: () => notExportable('linalg.qr', reason),
});

/** Q and R of complete QR when m > n (forward only: the extra columns of Q have no gradient rule). */
const completeOps = {
  Q: decompositionOutputOp('linalg.qr with mode complete', reason),
  R: decompositionOutputOp('linalg.qr with mode complete', reason),
};

function completeQr(a: Tensor): Qr {
  const { batch, count, rows: m, cols: n } = matrixStack('linalg.qr', a);
  const q = allocate(a.dtype, count * m * m);
  const r = allocate(a.dtype, count * m * n);
  for (let i = 0; i < count; i++) {
    const factors = householderQr(readMatrix('linalg.qr', a, i, m, n), m, n, true);
    q.set(factors.q, i * m * m);
    r.set(factors.r, i * m * n);
  }
  return {
    Q: recordOutput(completeOps.Q, a, new Tensor(q, [...batch, m, m])),
    R: recordOutput(completeOps.R, a, new Tensor(r, [...batch, m, n])),
  };
}

/**
 * A = Q·R by Householder reflections (torch.linalg.qr) for every matrix of a stack
 * [..., m, n], with k = min(m, n): `reduced` (default) gives Q [..., m, k] with orthonormal
 * columns (QᵀQ = I) and upper-triangular R [..., k, n], differentiable when A's leading k
 * columns have full rank; `complete` gives Q [..., m, m] and R [..., m, n] (forward only
 * when m > n, as in PyTorch). Signs follow LAPACK (R's diagonal may be negative), as in
 * PyTorch.
 */
export function qr(a: Tensor, options: { mode?: 'reduced' | 'complete' } = {}): Qr {
  const { rows: m, cols: n } = matrixStack('linalg.qr', a);
  if (options.mode === 'complete' && m > n) return completeQr(a);
  return unpack(apply(qrOp, [a], undefined), m, n);
}
