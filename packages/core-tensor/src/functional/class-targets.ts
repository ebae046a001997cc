import { ShapeError } from '../errors.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * The class dim of classification input [N,C,d₁…] (or [C]): 1, or 0 when unbatched. Checks
 * that int targets are shaped like the input without that dim ([N,d₁…], or []).
 */
export function classDimOf(op: string, input: Tensor, target: Tensor): number {
  if (input.ndim === 0) throw new ShapeError(`${op}: input needs at least 1 dim [C] or [N,C,…], got a scalar`);
  const classDim = input.ndim === 1 ? 0 : 1;
  const expected = input.shape.filter((_, i) => i !== classDim);
  if (!sameShape(target.shape, expected)) {
    throw new ShapeError(
      `${op}: input ${formatShape(input.shape)} needs class-index targets of shape ${formatShape(expected)}, got ${formatShape(target.shape)}`,
    );
  }
  return classDim;
}

/**
 * RangeError unless every target is a class 0 … C−1 or the ignore index. Validation only
 * (it never shapes the result), so it reads the labels without involving a tracer.
 */
export function checkClassTargets(op: string, target: Tensor, classes: number, ignoreIndex: number): void {
  const labels = target.data;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y !== ignoreIndex && (y < 0 || y >= classes)) {
      throw new RangeError(
        `${op}: target ${y} at flat index ${i} is out of range for ${classes} classes (expected 0 … ${classes - 1} or ignoreIndex ${ignoreIndex})`,
      );
    }
  }
}

/** ShapeError unless a class weight has shape [C]. */
export function checkClassWeight(op: string, weight: Tensor | undefined, classes: number): void {
  if (weight !== undefined && !sameShape(weight.shape, [classes])) {
    throw new ShapeError(
      `${op}: weight must have shape [${classes}] (one per class), got ${formatShape(weight.shape)}`,
    );
  }
}
