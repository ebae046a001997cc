import type { InterpolateOptions } from '../functional/index.js';
import { interpolate } from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { Module } from './module.js';

/**
 * Resample x [N,C,H,W] (or [N,C,L]) to a size or by a scale factor, by nearest
 * neighbour (default) or bilinear interpolation: `interpolate` as a layer.
 */
export class Upsample extends Module {
  constructor(readonly options: InterpolateOptions) {
    super();
    if ((options.size === undefined) === (options.scaleFactor === undefined))
      throw new RangeError('Upsample: give exactly one of size and scaleFactor');
  }

  forward(x: Tensor): Tensor {
    return interpolate(x, this.options);
  }

  override extraRepr(): string {
    const { size, scaleFactor, mode = 'nearest' } = this.options;
    return `${size === undefined ? `scaleFactor=${JSON.stringify(scaleFactor)}` : `size=${JSON.stringify(size)}`}, mode=${mode}`;
  }
}
