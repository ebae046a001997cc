import { noGrad } from '../../autograd/mode.js';
import type { Generator } from '../../random/generator.js';
import { defaultGenerator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';

export interface InitOptions {
  /** Source of randomness (the global generator by default). */
  generator?: Generator;
}

/** Overwrite `t` in place with draw() for each element, in row-major order, outside autograd. */
export function overwrite(t: Tensor, draw: () => number): Tensor {
  const values = new Float64Array(t.size);
  for (let i = 0; i < values.length; i++) values[i] = draw();
  noGrad(() => t.copy_(values));
  return t;
}

/** t ~ U(low, high), in place. */
export function uniform_(t: Tensor, low = 0, high = 1, options: InitOptions = {}): Tensor {
  if (!(low <= high)) throw new RangeError(`uniform_: expected low ≤ high, got [${low}, ${high})`);
  const g = options.generator ?? defaultGenerator();
  return overwrite(t, () => low + (high - low) * g.random());
}

/** t ~ N(mean, std²), in place. */
export function normal_(t: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  if (!(std >= 0)) throw new RangeError(`normal_: std must be ≥ 0, got ${std}`);
  const g = options.generator ?? defaultGenerator();
  return overwrite(t, () => mean + std * g.normal());
}

/** t = value everywhere, in place. */
export function constant_(t: Tensor, value: number): Tensor {
  noGrad(() => t.fill_(value));
  return t;
}

/** t = 0, in place. */
export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}

/** t = 1, in place. */
export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}
