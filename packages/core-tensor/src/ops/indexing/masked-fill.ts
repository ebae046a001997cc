import { storageFrom } from '../../dtype.js';
import { DTypeError, ShapeError } from '../../errors.js';
import { broadcastShapes, formatShape, sameShape } from '../../shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { where } from '../binary.js';

/**
 * torch.masked_fill: y = value where mask, else x (mask is bool and broadcasts to x's
 * shape; y keeps x's dtype). Gradient: dy where the mask is false, 0 where it is true.
 */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  if (mask.dtype !== 'bool') throw new DTypeError(`maskedFill: mask must be a bool tensor, got ${mask.dtype}`);
  if (!sameShape(broadcastShapes('maskedFill', x.shape, mask.shape), x.shape)) {
    throw new ShapeError(
      `maskedFill: mask ${formatShape(mask.shape)} must broadcast to x's shape ${formatShape(x.shape)}`,
    );
  }
  return where(mask, new Tensor(storageFrom(x.dtype, [value]), []), x);
}
