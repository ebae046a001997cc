import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { defineOp } from '../ops/define.js';
import { matmulT } from '../ops/matmul.js';
import { neg } from '../ops/unary.js';
import { Tensor } from '../tensor/tensor.js';
import { matrixStack, readMatrix } from './batch.js';
import { luFactorNonsingular, luSolveInPlace } from './lu.js';
import { notExportable } from './unsupported.js';

/**
 * Y = A⁻¹ by LU with partial pivoting, solving A·Y = I. Gradient, from dY = −A⁻¹·dA·A⁻¹:
 * dL/dA = −Yᵀ·dL/dY·Yᵀ.
 */
export const invOp = defineOp({
  name: 'linalg.inv',
  forward: ([a]) => {
    const { count, rows: n } = matrixStack('linalg.inv', a!, true);
    const out = allocate(a!.dtype, count * n * n);
    for (let i = 0; i < count; i++) {
      const factors = luFactorNonsingular('linalg.inv', readMatrix('linalg.inv', a!, i, n, n), n, i, count);
      const y = new Float64Array(n * n);
      for (let d = 0; d < n; d++) y[d * n + d] = 1;
      luSolveInPlace(factors, y, n);
      out.set(y, i * n * n);
    }
    return new Tensor(out, a!.shape);
  },
  backward: ({ output: y }, dY) => [neg(matmulT(matmulT(y, dY, true, false), y, false, true))],
  onnx: () =>
    notExportable(
      'linalg.inv',
      'ONNX (opset 17) has no matrix-inverse operator (Inverse exists only as an ONNX Runtime contrib op)',
    ),
});

/**
 * The inverse A⁻¹ of every square matrix in a stack [..., n, n] (torch.linalg.inv).
 * Throws a LinalgError naming the pivot when a matrix is singular to working precision.
 */
export function inv(a: Tensor): Tensor {
  matrixStack('linalg.inv', a, true);
  return apply(invOp, [a], undefined);
}
