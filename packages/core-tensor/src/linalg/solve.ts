import { apply } from '../autograd/dispatch.js';
import { allocate, promoteTypes } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { cast } from '../ops/cast.js';
import { defineOp } from '../ops/define.js';
import { matmulT } from '../ops/matmul.js';
import { squeeze, unsqueeze } from '../ops/shape.js';
import { sumTo } from '../ops/sum-to.js';
import { neg } from '../ops/unary.js';
import { broadcastShapes, formatShape, sameShape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import { broadcastMatrixIndices, floatDType, matrixStack, readMatrix, transposeLast } from './batch.js';
import type { LuFactors } from './lu.js';
import { luFactorNonsingular, luSolveInPlace } from './lu.js';
import { notExportable } from './unsupported.js';

/**
 * X = A⁻¹B for A [..., n, n] and B [..., n, k], batch dims broadcast, by LU with partial
 * pivoting (each distinct A factored once). Gradients, from dA·X + A·dX = dB:
 * dL/dB = A⁻ᵀ·dL/dX and dL/dA = −dL/dB·Xᵀ.
 */
export const solveOp = defineOp({
  name: 'linalg.solve',
  forward: ([a, b]) => solveForward(a!, b!),
  backward: ({ inputs: [a, b], output: x }, dX) => {
    const dB = solveMatrices(transposeLast(a!), dX);
    return [
      a!.requiresGrad ? sumTo(neg(matmulT(dB, x, false, true)), a!.shape) : null,
      b!.requiresGrad ? sumTo(dB, b!.shape) : null,
    ];
  },
  onnx: () => notExportable('linalg.solve', 'ONNX (opset 17) has no linear-solve operator'),
});

function solveForward(a: Tensor, b: Tensor): Tensor {
  const n = a.shape[a.ndim - 1]!;
  const k = b.shape[b.ndim - 1]!;
  const aBatch = a.shape.slice(0, -2);
  const batch = broadcastShapes('linalg.solve', aBatch, b.shape.slice(0, -2));
  const aIndex = broadcastMatrixIndices(aBatch, batch);
  const bIndex = broadcastMatrixIndices(b.shape.slice(0, -2), batch);
  const count = sizeOf(batch);
  const out = allocate(a.dtype, count * n * k);
  const factored = new Map<number, LuFactors>();
  for (let i = 0; i < count; i++) {
    const ai = aIndex[i]!;
    let factors = factored.get(ai);
    if (factors === undefined) {
      factors = luFactorNonsingular('linalg.solve', readMatrix('linalg.solve', a, ai, n, n), n, ai, sizeOf(aBatch));
      factored.set(ai, factors);
    }
    const x = readMatrix('linalg.solve', b, bIndex[i]!, n, k);
    luSolveInPlace(factors, x, k);
    out.set(x, i * n * k);
  }
  return new Tensor(out, [...batch, n, k]);
}

/** solve for B a (batch of) matrices [..., n, k]; both operands already float and of one dtype. */
function solveMatrices(a: Tensor, b: Tensor): Tensor {
  const n = a.shape[a.ndim - 1]!;
  if (b.ndim < 2 || b.shape[b.ndim - 2] !== n) {
    throw new ShapeError(
      `linalg.solve: A ${formatShape(a.shape)} needs B [..., ${n}] or [..., ${n}, k], got ${formatShape(b.shape)}`,
    );
  }
  return apply(solveOp, [a, b], undefined);
}

/**
 * Solve A·X = B (torch.linalg.solve): X = A⁻¹B for square A [..., n, n]. B is a batch of
 * vectors [..., n] when it is 1-D or has A's shape without the last dim, else a batch of
 * matrices [..., n, k]; batch dims broadcast. float32 is solved in float64 and rounded.
 * A matrix singular to working precision throws a LinalgError naming the zero pivot.
 */
export function solve(a: Tensor, b: Tensor): Tensor {
  matrixStack('linalg.solve', a, true);
  const dtype = promoteTypes(floatDType('linalg.solve', a), floatDType('linalg.solve', b));
  const A = cast(a, dtype);
  const B = cast(b, dtype);
  const vector = B.ndim === 1 || (B.ndim === A.ndim - 1 && sameShape(B.shape, A.shape.slice(0, -1)));
  if (!vector) return solveMatrices(A, B);
  return squeeze(solveMatrices(A, unsqueeze(B, -1)), -1);
}
