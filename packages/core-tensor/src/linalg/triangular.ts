import { apply } from '../autograd/dispatch.js';
import { allocate, promoteTypes } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { cast } from '../ops/cast.js';
import type { OpDef } from '../ops/define.js';
import { defineOp } from '../ops/define.js';
import { tril, triu } from '../ops/indexing/triangular.js';
import { matmulT } from '../ops/matmul.js';
import { sumTo } from '../ops/sum-to.js';
import { neg } from '../ops/unary.js';
import { broadcastShapes, formatShape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import { batchSuffix, broadcastMatrixIndices, floatDType, matrixStack, readMatrix, transposeLast } from './batch.js';
import { LinalgError } from './errors.js';
import { notExportable } from './unsupported.js';

interface TriangularAttrs {
  /** A is upper triangular (back substitution); else lower (forward substitution). */
  upper: boolean;
}

/**
 * X = A⁻¹B for triangular A [..., n, n] (only its triangle is read) and B [..., n, k], by
 * substitution. Gradients: dL/dB = A⁻ᵀ·dL/dX (a solve with the opposite triangle) and
 * dL/dA = −(dL/dB·Xᵀ) restricted to A's triangle.
 */
export const solveTriangularOp: OpDef<TriangularAttrs> = defineOp<TriangularAttrs>({
  name: 'linalg.solveTriangular',
  forward: ([a, b], { upper }) => substitute(a!, b!, upper),
  backward: ({ inputs: [a, b], output: x, attrs: { upper } }, dX) => {
    const dB = apply(solveTriangularOp, [transposeLast(a!), dX], { upper: !upper });
    const dA = a!.requiresGrad ? sumTo((upper ? triu : tril)(neg(matmulT(dB, x, false, true))), a!.shape) : null;
    return [dA, b!.requiresGrad ? sumTo(dB, b!.shape) : null];
  },
  onnx: () => notExportable('linalg.solveTriangular', 'ONNX (opset 17) has no triangular-solve operator'),
});

function substitute(a: Tensor, b: Tensor, upper: boolean): Tensor {
  const op = 'linalg.solveTriangular';
  const n = a.shape[a.ndim - 1]!;
  const k = b.shape[b.ndim - 1]!;
  const aBatch = a.shape.slice(0, -2);
  const batch = broadcastShapes(op, aBatch, b.shape.slice(0, -2));
  const aIndex = broadcastMatrixIndices(aBatch, batch);
  const bIndex = broadcastMatrixIndices(b.shape.slice(0, -2), batch);
  const count = sizeOf(batch);
  const out = allocate(a.dtype, count * n * k);
  for (let m = 0; m < count; m++) {
    const t = readMatrix(op, a, aIndex[m]!, n, n);
    const x = readMatrix(op, b, bIndex[m]!, n, k);
    for (let step = 0; step < n; step++) {
      const i = upper ? n - 1 - step : step;
      const diagonal = t[i * n + i]!;
      if (diagonal === 0) {
        throw new LinalgError(
          `${op}: the triangular matrix${batchSuffix(aIndex[m]!, sizeOf(aBatch))} is singular: its diagonal entry ${i} is 0`,
        );
      }
      const [from, to] = upper ? [i + 1, n] : [0, i];
      for (let p = from; p < to; p++) {
        const coefficient = t[i * n + p]!;
        if (coefficient === 0) continue;
        for (let j = 0; j < k; j++) x[i * k + j]! -= coefficient * x[p * k + j]!;
      }
      for (let j = 0; j < k; j++) x[i * k + j]! /= diagonal;
    }
    out.set(x, m * n * k);
  }
  return new Tensor(out, [...batch, n, k]);
}

/**
 * Solve a triangular system (torch.linalg.solve_triangular): A·X = B (left, the default)
 * or X·A = B (left: false, solved as Aᵀ·Xᵀ = Bᵀ), for A [..., n, n] upper or lower
 * triangular as stated (the other triangle is not read) and B [..., n, k] (or [..., k, n]
 * when right); batch dims broadcast.
 */
export function solveTriangular(a: Tensor, b: Tensor, options: { upper: boolean; left?: boolean }): Tensor {
  const op = 'linalg.solveTriangular';
  const { rows: n } = matrixStack(op, a, true);
  matrixStack(op, b);
  const dtype = promoteTypes(floatDType(op, a), floatDType(op, b));
  const A = cast(a, dtype);
  const B = cast(b, dtype);
  const left = options.left ?? true;
  const shared = left ? B.shape[B.ndim - 2]! : B.shape[B.ndim - 1]!;
  if (shared !== n) {
    throw new ShapeError(
      `${op}: A ${formatShape(a.shape)} needs B ${left ? `[..., ${n}, k]` : `[..., k, ${n}]`}, got ${formatShape(b.shape)}`,
    );
  }
  if (left) return apply(solveTriangularOp, [A, B], { upper: options.upper });
  return transposeLast(apply(solveTriangularOp, [transposeLast(A), transposeLast(B)], { upper: !options.upper }));
}
