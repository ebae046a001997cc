import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Collated } from './collate.js';
import { defaultCollate } from './collate.js';
import { takeRow, takeRows } from './rows.js';

/**
 * A finite indexed collection of samples, like torch.utils.data.Dataset: `length` samples,
 * `get(i)` for 0 ≤ i < length. A dataset may also offer `getBatch(indices)`, returning what
 * the default collate would build from those samples, faster; the DataLoader uses it.
 */
export interface Dataset<T> {
  readonly length: number;
  get(index: number): T;
  getBatch?(indices: ArrayLike<number>): Collated<T>;
}

/** Throws unless `index` is an integer in [0, length). */
export function checkIndex(what: string, index: number, length: number): void {
  if (!(Number.isInteger(index) && index >= 0 && index < length)) {
    throw new RangeError(`${what}: index ${index} is out of range for a dataset of ${length} samples`);
  }
}

/**
 * Samples are rows of tensors sharing their first dim: get(i) = [t₀[i], t₁[i], …]. Batches
 * are copied straight from the underlying buffers, never through per-sample tensors.
 */
export class TensorDataset<T extends Tensor[]> implements Dataset<T> {
  readonly tensors: T;
  readonly length: number;

  constructor(...tensors: T) {
    const first = tensors[0];
    if (first === undefined) throw new RangeError('TensorDataset: expected at least one tensor');
    for (const [i, t] of tensors.entries()) {
      if (t.ndim === 0 || t.shape[0] !== first.shape[0]) {
        throw new ShapeError(
          `TensorDataset: tensor ${i} has shape ${formatShape(t.shape)}; every tensor needs the same first dim as tensor 0 (${formatShape(first.shape)})`,
        );
      }
    }
    this.tensors = tensors;
    this.length = first.shape[0]!;
  }

  get(index: number): T {
    checkIndex('TensorDataset.get', index, this.length);
    return this.tensors.map((t) => takeRow(t, index)) as T;
  }

  getBatch(indices: ArrayLike<number>): Collated<T> {
    return this.tensors.map((t) => takeRows(t, indices)) as Collated<T>;
  }
}

/** The samples of `dataset` at `indices`, in that order: get(i) = dataset.get(indices[i]). */
export class Subset<T> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: Int32Array;

  constructor(dataset: Dataset<T>, indices: ArrayLike<number>) {
    this.dataset = dataset;
    this.indices = Int32Array.from(indices);
    for (const index of this.indices) checkIndex('Subset', index, dataset.length);
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    checkIndex('Subset.get', index, this.length);
    return this.dataset.get(this.indices[index]!);
  }

  getBatch(indices: ArrayLike<number>): Collated<T> {
    const inner = Int32Array.from(indices, (i) => {
      checkIndex('Subset.getBatch', i, this.length);
      return this.indices[i]!;
    });
    if (this.dataset.getBatch) return this.dataset.getBatch(inner);
    return defaultCollate(Array.from(inner, (i) => this.dataset.get(i)));
  }
}
