import { apply } from '../autograd/dispatch.js';
import { accelerator } from '../backend/active.js';
import { allocate, floatOf, promoteTypes } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { gemm } from '../kernels/gemm.js';
import type { FloatArray } from '../kernels/types.js';
import { broadcastShapes, formatShape, sizeOf, stridesOf } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import { mul } from './binary.js';
import { cast } from './cast.js';
import { defineOp } from './define.js';
import { reshape, squeeze, unsqueeze } from './shape.js';
import { sumTo } from './sum-to.js';

interface MatmulAttrs {
  /** A is stored [..., K, M] and used transposed. */
  transA: boolean;
  /** B is stored [..., N, K] and used transposed. */
  transB: boolean;
}

/**
 * Batched C = op(A)·op(B) over broadcast batch dims, each op optionally a transpose
 * (so backward needs no transposed copies). Gradients, with op(X)ᵀ the other side:
 * d op(A) = dC·op(B)ᵀ, d op(B) = op(A)ᵀ·dC.
 */
export const matmulOp = defineOp<MatmulAttrs>({
  name: 'matmul',
  forward: ([a, b], attrs) => batchedGemm(a!, b!, attrs),
  backward: ({ inputs: [a, b], attrs: { transA, transB } }, dC) => {
    const dA = !a!.requiresGrad ? null : transA ? matmulT(b!, dC, transB, true) : matmulT(dC, b!, false, !transB);
    const dB = !b!.requiresGrad ? null : transB ? matmulT(dC, a!, true, transA) : matmulT(a!, dC, !transA, false);
    return [dA && sumTo(dA, a!.shape), dB && sumTo(dB, b!.shape)];
  },
  onnx: (g, [a, b], { transA, transB }, info) => {
    const perm = (rank: number): number[] => [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
    const x = transA ? g.node('Transpose', [a!], { perm: perm(info.inputShapes[0]!.length) })[0]! : a!;
    const y = transB ? g.node('Transpose', [b!], { perm: perm(info.inputShapes[1]!.length) })[0]! : b!;
    return g.node('MatMul', [x, y])[0]!;
  },
});

/** matmul with explicit transpose flags on ≥ 2-D operands (used by rules and layers). */
export function matmulT(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const dtype = floatOf(promoteTypes(a.dtype, b.dtype));
  return apply(matmulOp, [cast(a, dtype), cast(b, dtype)], { transA, transB });
}

function batchedGemm(a: Tensor, b: Tensor, { transA, transB }: MatmulAttrs): Tensor {
  const ra = a.ndim;
  const rb = b.ndim;
  const M = transA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const Ka = transA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const Kb = transB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const N = transB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  if (Ka !== Kb) {
    throw new ShapeError(
      `matmul: ${formatShape(a.shape)}${transA ? 'ᵀ' : ''} @ ${formatShape(b.shape)}${transB ? 'ᵀ' : ''}: inner dimensions ${Ka} and ${Kb} differ`,
    );
  }
  const batch = broadcastShapes('matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  const shape = [...batch, M, N];
  const out = allocate(a.dtype, sizeOf(shape)) as FloatArray;
  if (accelerator()?.matmul(a, b, transA, transB, out, shape)) return new Tensor(out, shape);
  const batchCount = sizeOf(batch);
  const aBatch = batchOffsets(a.shape.slice(0, -2), batch, M * Ka);
  const bBatch = batchOffsets(b.shape.slice(0, -2), batch, Kb * N);
  for (let i = 0; i < batchCount; i++) {
    gemm(
      transA,
      transB,
      M,
      N,
      Ka,
      1,
      a.data as FloatArray,
      aBatch[i]!,
      b.data as FloatArray,
      bBatch[i]!,
      0,
      out,
      i * M * N,
    );
  }
  return new Tensor(out, shape);
}

/** Flat offset of each broadcast batch's matrix in an operand with batch dims `own`. */
function batchOffsets(own: readonly number[], batch: readonly number[], matrixSize: number): number[] {
  const count = sizeOf(batch);
  const strides = stridesOf(own);
  const lead = batch.length - own.length;
  const offsets = new Array<number>(count);
  const batchStrides = stridesOf(batch);
  for (let i = 0; i < count; i++) {
    let off = 0;
    for (let d = 0; d < own.length; d++) {
      const coord = Math.floor(i / batchStrides[d + lead]!) % batch[d + lead]!;
      if (own[d] !== 1) off += coord * strides[d]!;
    }
    offsets[i] = off * matrixSize;
  }
  return offsets;
}

/**
 * Matrix product with NumPy/PyTorch semantics: 1-D operands are promoted to a row
 * (left) or a column (right) and the added dim removed; batch dims broadcast.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0)
    throw new ShapeError(
      `matmul: both operands need at least 1 dim, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  const a2 = a.ndim === 1 ? unsqueeze(a, 0) : a;
  const b2 = b.ndim === 1 ? unsqueeze(b, 1) : b;
  let out = matmulT(a2, b2, false, false);
  if (a.ndim === 1) out = squeeze(out, out.ndim - 2);
  if (b.ndim === 1) out = squeeze(out, out.ndim - 1);
  return out;
}

/** Inner product of two 1-D tensors. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1 || a.size !== b.size) {
    throw new ShapeError(
      `dot: expected two 1-D tensors of equal length, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  return matmul(a, b);
}

/** Outer product uvᵀ of two 1-D tensors. */
export function outer(u: Tensor, v: Tensor): Tensor {
  if (u.ndim !== 1 || v.ndim !== 1)
    throw new ShapeError(`outer: expected two 1-D tensors, got ${formatShape(u.shape)} and ${formatShape(v.shape)}`);
  return mul(reshape(u, [u.size, 1]), reshape(v, [1, v.size]));
}
