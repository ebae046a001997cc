import { AutogradError } from '../errors.js';
import { formatShape, sameShape } from '../shape.js';
import { onesLike } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import { propagate } from './propagate.js';

/** `t.backward(grad)`: accumulate gradients of `t` into every leaf that requires grad. */
export function backward(
  t: Tensor,
  grad: Tensor | undefined,
  options: { retainGraph?: boolean; createGraph?: boolean },
): void {
  if (!t.requiresGrad) {
    throw new AutogradError(
      'backward: this tensor does not require grad (no input of its graph has requiresGrad: true)',
    );
  }
  if (grad === undefined && t.size !== 1) {
    throw new AutogradError(
      `backward: a gradient is needed for a non-scalar output of shape ${formatShape(t.shape)} (pass grad of the same shape)`,
    );
  }
  if (grad !== undefined && !sameShape(grad.shape, t.shape)) {
    throw new AutogradError(`backward: grad has shape ${formatShape(grad.shape)}, the output ${formatShape(t.shape)}`);
  }
  const createGraph = options.createGraph ?? false;
  propagate([t], [grad ?? onesLike(t)], { createGraph, retainGraph: options.retainGraph ?? createGraph });
}
