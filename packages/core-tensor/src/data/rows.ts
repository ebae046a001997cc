import { allocate } from '../dtype.js';
import { DTypeError, ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';

/** Elements in one row (one sample along dim 0) of a tensor of rank ≥ 1. */
export function rowSize(t: Tensor): number {
  const rows = t.shape[0]!;
  return rows === 0 ? 0 : t.size / rows;
}

/**
 * The rows `indices` of `t` stacked into a new tensor of shape [indices.length, …t.shape[1:]]:
 * out[k] = t[indices[k]], copied straight between the typed arrays.
 */
export function takeRows(t: Tensor, indices: ArrayLike<number>): Tensor {
  const rows = t.shape[0]!;
  const width = rowSize(t);
  const out = allocate(t.dtype, indices.length * width);
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k]!;
    if (!(index >= 0 && index < rows && Number.isInteger(index))) {
      throw new RangeError(
        `takeRows: index ${index} is out of range for ${rows} rows of a tensor of shape ${formatShape(t.shape)}`,
      );
    }
    if (width === 1) out[k] = t.data[index]!;
    else out.set(t.data.subarray(index * width, (index + 1) * width), k * width);
  }
  return new Tensor(out, [indices.length, ...t.shape.slice(1)]);
}

/** Row `index` of `t` as a tensor of shape t.shape[1:] (a copy). */
export function takeRow(t: Tensor, index: number): Tensor {
  if (t.ndim === 0) throw new ShapeError('takeRow: a 0-d tensor has no rows');
  const width = rowSize(t);
  const rows = t.shape[0]!;
  if (!(index >= 0 && index < rows && Number.isInteger(index))) {
    throw new RangeError(
      `takeRow: index ${index} is out of range for ${rows} rows of a tensor of shape ${formatShape(t.shape)}`,
    );
  }
  return new Tensor(t.data.slice(index * width, (index + 1) * width), t.shape.slice(1));
}

/**
 * Stack same-shaped tensors along a new dim 0: out[i] = tensors[i], shape [n, …shape], by
 * copying each buffer into place.
 */
export function stackTensors(tensors: readonly Tensor[]): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new RangeError('stackTensors: expected at least one tensor');
  const out = allocate(first.dtype, tensors.length * first.size);
  for (let i = 0; i < tensors.length; i++) {
    const t = tensors[i]!;
    if (t.dtype !== first.dtype)
      throw new DTypeError(`stackTensors: sample ${i} has dtype ${t.dtype}, sample 0 has ${first.dtype}`);
    if (t.ndim !== first.ndim || t.shape.some((d, axis) => d !== first.shape[axis])) {
      throw new ShapeError(
        `stackTensors: sample ${i} has shape ${formatShape(t.shape)}, sample 0 has ${formatShape(first.shape)}`,
      );
    }
    out.set(t.data, i * first.size);
  }
  return new Tensor(out, [tensors.length, ...first.shape]);
}
