import { ShapeError } from '../errors.js';
import { flatten, reshape } from '../ops/shape.js';
import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { Module } from './module.js';

/** Identity: forward(x) = x (a placeholder, e.g. for a removed layer). */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Merge dims startDim … endDim into one (default: everything after the batch dim). */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}

/** Split dim `dim` into `sizes` (whose product must equal that dim); the inverse of Flatten. */
export class Unflatten extends Module {
  constructor(
    readonly dim: number,
    readonly sizes: readonly number[],
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    const d = normalizeDim('Unflatten', this.dim, x.ndim);
    const product = this.sizes.reduce((p, s) => p * s, 1);
    if (product !== x.shape[d]) {
      throw new ShapeError(
        `Unflatten: dim ${d} of ${formatShape(x.shape)} has ${x.shape[d]} elements, sizes ${formatShape(this.sizes)} hold ${product}`,
      );
    }
    return reshape(x, [...x.shape.slice(0, d), ...this.sizes, ...x.shape.slice(d + 1)]);
  }

  override extraRepr(): string {
    return `dim=${this.dim}, sizes=${formatShape(this.sizes)}`;
  }
}
