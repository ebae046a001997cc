import type { FloatDType } from '../dtype.js';
import type { Generator } from '../random/generator.js';
import { zeros } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';

/** How a layer creates its parameters. */
export interface ParameterOptions {
  /** dtype of the parameters (default float32; float64 for gradient checks). */
  dtype?: FloatDType;
  /** Generator for the default initialization (the global one by default). */
  generator?: Generator;
}

/** A zero tensor of `shape` to be registered as a parameter and initialized. */
export function emptyParameter(shape: readonly number[], options: ParameterOptions): Tensor {
  return zeros(shape, { dtype: options.dtype ?? 'float32' });
}

/** Throw unless `value` is an integer ≥ `min` (layer sizes). */
export function expectInt(layer: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${layer}: ${name} must be an integer ≥ ${min}, got ${value}`);
}
