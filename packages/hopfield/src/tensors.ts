import { ShapeError, Tensor } from '@shinkei/core-tensor';
import type { Matrix } from './math/matrix.js';

/**
 * What the public API accepts for a vector: a 1-D Tensor of any dtype, plain numbers or a
 * typed array.
 * Everything the API returns is a float64 Tensor (or a plain number / number[] for scalars
 * and traces), so results feed straight back into core-tensor ops.
 */
export type VectorLike = Tensor | ArrayLike<number>;

/** A matrix argument: a 2-D Tensor, or rows of plain numbers. A 1-D input is one row. */
export type MatrixLike = Tensor | readonly (readonly number[])[] | readonly number[];

/** A float64 copy of a vector argument, checking its length when `length` is given. */
export function readVector(op: string, x: VectorLike, length?: number): Float64Array {
  if (x instanceof Tensor && x.ndim !== 1) {
    throw new ShapeError(
      `${op}: expected a 1-D tensor${length === undefined ? '' : ` of ${length}`}, got shape [${x.shape.join(',')}]`,
    );
  }
  const data = Float64Array.from(x instanceof Tensor ? x.data : x);
  if (length !== undefined && data.length !== length) {
    throw new ShapeError(`${op}: expected a vector of ${length} values, got ${data.length}`);
  }
  return data;
}

/** A float64 copy of a matrix argument, checking its column count when `cols` is given. */
export function readMatrix(op: string, x: MatrixLike, cols?: number): Matrix {
  let matrix: Matrix;
  if (x instanceof Tensor) {
    if (x.ndim !== 1 && x.ndim !== 2)
      throw new ShapeError(`${op}: expected a 2-D tensor [rows, cols], got shape [${x.shape.join(',')}]`);
    const rows = x.ndim === 2 ? x.shape[0]! : 1;
    matrix = { data: Float64Array.from(x.data), rows, cols: x.shape[x.ndim - 1]! };
  } else if (x.length > 0 && Array.isArray(x[0])) {
    const rowsIn = x as readonly (readonly number[])[];
    const width = rowsIn[0]!.length;
    const data = new Float64Array(rowsIn.length * width);
    rowsIn.forEach((row, r) => {
      if (row.length !== width) throw new ShapeError(`${op}: row ${r} has ${row.length} values, row 0 has ${width}`);
      data.set(row, r * width);
    });
    matrix = { data, rows: rowsIn.length, cols: width };
  } else {
    const flat = x as readonly number[];
    matrix = { data: Float64Array.from(flat), rows: 1, cols: flat.length };
  }
  if (cols !== undefined && matrix.cols !== cols) {
    throw new ShapeError(`${op}: expected rows of ${cols} values, got [${matrix.rows},${matrix.cols}]`);
  }
  return matrix;
}

/** Throw unless every value is −1 or +1 (a spin state). */
export function checkSpins(op: string, data: Float64Array): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v !== 1 && v !== -1) throw new RangeError(`${op}: states must be −1 or +1, got ${v} at index ${i}`);
  }
}

/** Throw unless every value is 0 or 1 (a binary unit state). */
export function checkBinary(op: string, data: Float64Array): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v !== 0 && v !== 1) throw new RangeError(`${op}: units must be 0 or 1, got ${v} at index ${i}`);
  }
}

/** Throw unless every value is a probability in [0, 1]. */
export function checkUnitInterval(op: string, data: Float64Array): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${op}: values must lie in [0, 1], got ${v} at index ${i}`);
  }
}

/** Wrap float64 values (no copy) as a Tensor of `shape`. */
export function float64Tensor(data: Float64Array, shape: readonly number[]): Tensor {
  return new Tensor(data, shape);
}

/** A Tensor [rows, cols] over a matrix's buffer (no copy). */
export function matrixTensor(m: Matrix): Tensor {
  return new Tensor(m.data, [m.rows, m.cols]);
}
