import { promoteTypes } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { cast } from '../ops/cast.js';
import { matmul } from '../ops/matmul.js';
import { squeeze, unsqueeze } from '../ops/shape.js';
import { broadcastShapes, formatShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { batchSuffix, floatDType, transposeLast } from './batch.js';
import { LinalgError } from './errors.js';
import { qr } from './qr.js';
import { solveTriangular } from './triangular.js';

const op = 'linalg.lstsq';

/**
 * Refuse a numerically rank-deficient R: some |Rⱼⱼ| ≤ max(m, n)·ε·maxₖ|Rₖₖ| (ε of the
 * dtype). QR's R has A's singular values' product on its diagonal, so a tiny pivot means a
 * column (nearly) in the span of the others, where R⁻¹ would blow up.
 */
function checkFullColumnRank(r: Tensor, m: number): void {
  const n = r.shape[r.ndim - 1]!;
  const count = r.size / (n * n);
  const eps = r.dtype === 'float64' ? Number.EPSILON : 2 ** -23;
  for (let i = 0; i < count; i++) {
    const diagonal = Array.from({ length: n }, (_, j) => Math.abs(r.data[i * n * n + j * n + j]!));
    const cutoff = Math.max(m, n) * eps * Math.max(...diagonal);
    const column = diagonal.findIndex((d) => !(d > cutoff));
    if (column >= 0) {
      throw new LinalgError(
        `${op}: A${batchSuffix(i, count)} is rank-deficient (column ${column} is a combination of the ones before it: |R[${column},${column}]| = ${diagonal[column]!.toExponential(2)}); lstsq solves full-column-rank systems only, use linalg.pinv(A)·B for the minimum-norm solution`,
      );
    }
  }
}

/**
 * Least squares (torch.linalg.lstsq(A, B).solution): X = argmin ‖A·X − B‖_F for
 * A [..., m, n] with m ≥ n and full column rank, from the reduced QR A = Q·R:
 * X = R⁻¹·(Qᵀ·B), R⁻¹ applied by back substitution (the normal equations AᵀA·X = AᵀB,
 * solved without squaring A's condition number). B is [..., m, k] (X [..., n, k]) or, with
 * one dim fewer than A, a batch of vectors [..., m] (X [..., n]); batch dims broadcast.
 * Differentiable in A and B through qr and solveTriangular. Underdetermined (m < n) or
 * rank-deficient systems throw: use linalg.pinv(A)·B for their minimum-norm solution.
 */
export function lstsq(a: Tensor, b: Tensor): Tensor {
  if (a.ndim < 2)
    throw new ShapeError(`${op}: A must be a matrix or a batch of matrices [..., m, n], got ${formatShape(a.shape)}`);
  const m = a.shape[a.ndim - 2]!;
  const n = a.shape[a.ndim - 1]!;
  if (m < n) {
    throw new ShapeError(
      `${op}: A ${formatShape(a.shape)} has fewer rows than columns (${m} < ${n}); lstsq supports m ≥ n with full column rank, use linalg.pinv(A)·B for the minimum-norm solution of an underdetermined system`,
    );
  }
  const vector = b.ndim === a.ndim - 1;
  if (!vector && b.ndim !== a.ndim) {
    throw new ShapeError(
      `${op}: B must be [..., ${m}, k] (as many dims as A ${formatShape(a.shape)}) or [..., ${m}] (one fewer), got ${formatShape(b.shape)}`,
    );
  }
  const rows = b.shape[b.ndim - (vector ? 1 : 2)];
  if (rows !== m) {
    throw new ShapeError(`${op}: A ${formatShape(a.shape)} has ${m} rows, B ${formatShape(b.shape)} has ${rows}`);
  }
  broadcastShapes(op, a.shape.slice(0, -2), b.shape.slice(0, vector ? -1 : -2));
  const dtype = promoteTypes(floatDType(op, a), floatDType(op, b));
  const rhs = vector ? unsqueeze(cast(b, dtype), -1) : cast(b, dtype);
  const { Q, R } = qr(cast(a, dtype));
  checkFullColumnRank(R, m);
  const x = solveTriangular(R, matmul(transposeLast(Q), rhs), { upper: true });
  return vector ? squeeze(x, -1) : x;
}
