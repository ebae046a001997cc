import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { mul } from '../ops/binary.js';
import { defineOp, noGradient } from '../ops/define.js';
import { reshape } from '../ops/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { matrixStack, readMatrix, transposeLast } from './batch.js';
import { inv } from './inv.js';
import type { LuFactors } from './lu.js';
import { luDet, luFactor, luSignLogAbsDet } from './lu.js';

/** f(LU of each matrix) for a stack [..., n, n] → a tensor of the batch shape. */
function perMatrix(op: string, a: Tensor, f: (factors: LuFactors) => number): Tensor {
  const { batch, count, rows: n } = matrixStack(op, a, true);
  const out = allocate(a.dtype, count);
  for (let i = 0; i < count; i++) out[i] = f(luFactor(readMatrix(op, a, i, n, n), n));
  return new Tensor(out, batch);
}

/** A batch-shaped tensor as [..., 1, 1], to scale whole matrices. */
function perMatrixScale(x: Tensor): Tensor {
  return reshape(x, [...x.shape, 1, 1]);
}

/** det A = det(P)·Π u_kk from PA = LU. Gradient (Jacobi's formula): dL/dA = dL/d(det)·det A·A⁻ᵀ. */
export const detOp = defineOp({
  name: 'linalg.det',
  forward: ([a]) => perMatrix('linalg.det', a!, luDet),
  backward: ({ inputs: [a], output }, dy) => [mul(perMatrixScale(mul(dy, output)), transposeLast(inv(a!)))],
  onnx: (g, [a]) => g.node('Det', [a!])[0]!,
});

/** log|det A| = Σ log|u_kk|. Gradient: dL/dA = dL/d(log|det A|)·A⁻ᵀ. */
export const logAbsDetOp = defineOp({
  name: 'linalg.slogdet',
  forward: ([a]) => perMatrix('linalg.slogdet', a!, (factors) => luSignLogAbsDet(factors).logAbsDet),
  backward: ({ inputs: [a] }, dy) => [mul(perMatrixScale(dy), transposeLast(inv(a!)))],
  onnx: (g, [a]) => g.node('Log', [g.node('Abs', [g.node('Det', [a!])[0]!])[0]!])[0]!,
});

/** sign(det A) ∈ {−1, 0, 1}: piecewise constant, so no gradient. */
export const detSignOp = defineOp({
  name: 'linalg.slogdet.sign',
  forward: ([a]) => perMatrix('linalg.slogdet', a!, (factors) => luSignLogAbsDet(factors).sign),
  backward: noGradient,
  onnx: (g, [a]) => g.node('Sign', [g.node('Det', [a!])[0]!])[0]!,
});

/** The determinant det A of every square matrix in a stack [..., n, n] → [...] (torch.linalg.det). */
export function det(a: Tensor): Tensor {
  matrixStack('linalg.det', a, true);
  return apply(detOp, [a], undefined);
}

/**
 * sign and log|det A| of every square matrix in a stack (torch.linalg.slogdet), so that
 * det A = sign·exp(logabsdet) without overflow. A singular matrix gives sign 0 and
 * logabsdet −∞. Only logabsdet carries a gradient: d log|det A| = tr(A⁻¹ dA).
 */
export function slogdet(a: Tensor): { sign: Tensor; logabsdet: Tensor } {
  matrixStack('linalg.slogdet', a, true);
  return { sign: apply(detSignOp, [a], undefined), logabsdet: apply(logAbsDetOp, [a], undefined) };
}
