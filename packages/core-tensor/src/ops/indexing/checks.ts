import { DTypeError, ShapeError } from '../../errors.js';
import type { Shape } from '../../shape.js';
import { formatShape, normalizeDim } from '../../shape.js';
import type { Tensor } from '../../tensor/tensor.js';

/** A shape seen as [outer, size, inner] around one dim: the layout every along-a-dim kernel walks. */
export interface DimLayout {
  outer: number;
  size: number;
  inner: number;
}

export function layoutAround(shape: Shape, dim: number): DimLayout {
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < dim; d++) outer *= shape[d]!;
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d]!;
  return { outer, size: shape[dim]!, inner };
}

/** Resolve a possibly negative dim of a tensor that must have at least one dim. */
export function dimOf(op: string, x: Tensor, dim: number): number {
  if (x.ndim === 0) throw new ShapeError(`${op}: expected a tensor with at least 1 dim, got a 0-d tensor`);
  return normalizeDim(op, dim, x.ndim);
}

/** Index tensors hold int32 (PyTorch's int64): anything else is a DTypeError naming the op. */
export function requireIndexTensor(op: string, index: Tensor, what = 'index'): void {
  if (index.dtype !== 'int32') {
    throw new DTypeError(
      `${op}: ${what} must be an int32 tensor, got ${index.dtype}${index.dtype === 'bool' ? ' (use maskedFill or where for masks)' : ''}`,
    );
  }
}

/**
 * An index into a dim of `size`, negative counting from the end (−1 is the last, as in
 * Python and ONNX); outside −size … size−1 it is a RangeError naming the op, index and size.
 */
export function wrapIndex(op: string, index: number, size: number, dim: number): number {
  if (index < -size || index >= size) {
    throw new RangeError(
      `${op}: index ${index} is out of range for dim ${dim} of size ${size} (expected ${-size} … ${size - 1})`,
    );
  }
  return index < 0 ? index + size : index;
}

/** Check a whole index tensor against a dim of `size` (for composites that combine indices before use). */
export function checkIndexRange(op: string, index: Tensor, size: number, dim: number): void {
  const data = index.data;
  for (let i = 0; i < data.length; i++) wrapIndex(op, data[i]!, size, dim);
}

/** ShapeError unless `a` and `b` agree on every dim except `except`. */
export function requireSameExcept(op: string, a: Shape, b: Shape, except: number, names: [string, string]): void {
  const agree = a.length === b.length && a.every((d, i) => i === except || d === b[i]);
  if (!agree) {
    throw new ShapeError(
      `${op}: ${names[0]} ${formatShape(a)} and ${names[1]} ${formatShape(b)} must have the same shape except in dim ${except}`,
    );
  }
}
