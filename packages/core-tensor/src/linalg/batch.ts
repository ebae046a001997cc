import type { FloatDType } from '../dtype.js';
import { allocate, isFloat } from '../dtype.js';
import { DTypeError, ShapeError } from '../errors.js';
import { transpose } from '../ops/shape.js';
import { formatShape, sizeOf, stridesOf } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';

/** A tensor seen as a stack of matrices: leading batch dims, then rows × cols. */
export interface MatrixStack {
  readonly batch: number[];
  /** How many matrices: the product of the batch dims. */
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/** The float dtype of a linalg input; ints and bools are refused, as torch.linalg does. */
export function floatDType(op: string, x: Tensor): FloatDType {
  if (!isFloat(x.dtype)) throw new DTypeError(`${op}: expected a float32 or float64 tensor, got ${x.dtype}`);
  return x.dtype;
}

/** Check that `x` is a (batch of) matrices [..., rows, cols], square when asked. */
export function matrixStack(op: string, x: Tensor, square = false): MatrixStack {
  floatDType(op, x);
  if (x.ndim < 2)
    throw new ShapeError(`${op}: expected a matrix or a batch of matrices [..., m, n], got ${formatShape(x.shape)}`);
  const rows = x.shape[x.ndim - 2]!;
  const cols = x.shape[x.ndim - 1]!;
  if (square && rows !== cols) {
    throw new ShapeError(
      `${op}: expected square matrices [..., n, n], got ${formatShape(x.shape)} (${rows} ≠ ${cols})`,
    );
  }
  const batch = x.shape.slice(0, -2);
  return { batch, count: sizeOf(batch), rows, cols };
}

/**
 * A float64 copy of matrix number `index` of a stack (the float64 working copy every
 * kernel factors in place). Non-finite entries are refused here, before they turn
 * into a misleading "singular" or "did not converge" later.
 */
export function readMatrix(op: string, x: Tensor, index: number, rows: number, cols: number): Float64Array {
  const size = rows * cols;
  const out = Float64Array.from(x.data.subarray(index * size, (index + 1) * size));
  for (let i = 0; i < size; i++) {
    if (!Number.isFinite(out[i]!)) {
      throw new RangeError(
        `${op}: the input holds ${out[i]} at row ${Math.floor(i / cols)}, col ${i % cols}${batchSuffix(index, x.size / size)}`,
      );
    }
  }
  return out;
}

/** ", batch element i" when there is more than one matrix, else nothing. */
export function batchSuffix(index: number, count: number): string {
  return count > 1 ? ` of batch element ${index}` : '';
}

/**
 * For each matrix of a broadcast batch shape, the index of the matrix it reads in an
 * operand whose own batch dims are `own` (size-1 and missing dims repeat).
 */
export function broadcastMatrixIndices(own: readonly number[], batch: readonly number[]): Int32Array {
  const count = sizeOf(batch);
  const ownStrides = stridesOf(own);
  const batchStrides = stridesOf(batch);
  const lead = batch.length - own.length;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let index = 0;
    for (let d = 0; d < own.length; d++) {
      const coord = Math.floor(i / batchStrides[d + lead]!) % batch[d + lead]!;
      if (own[d] !== 1) index += coord * ownStrides[d]!;
    }
    out[i] = index;
  }
  return out;
}

/** Aᵀ of every matrix in a stack: swap the last two dims (differentiable). */
export function transposeLast(x: Tensor): Tensor {
  return transpose(x, -2, -1);
}

/** The rows × cols identity (ones on the main diagonal) of a float dtype: a constant that broadcasts over batch dims. */
export function identityMatrix(rows: number, cols: number, dtype: FloatDType): Tensor {
  const data = allocate(dtype, rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) data[i * cols + i] = 1;
  return new Tensor(data, [rows, cols]);
}
