import type { Generator } from '../random/generator.js';
import type { Tensor } from '../tensor/tensor.js';
import { fans } from './init/fan.js';
import { kaimingUniform_, uniform_ } from './init/index.js';

/**
 * PyTorch's default for Linear and Conv layers: W by He-uniform with a = √5, which is
 * W ~ U(−1/√fan_in, 1/√fan_in), and b ~ U(−1/√fan_in, 1/√fan_in).
 */
export function resetAffine(op: string, weight: Tensor, bias: Tensor | null, generator?: Generator): void {
  const options = generator === undefined ? {} : { generator };
  kaimingUniform_(weight, { ...options, a: Math.sqrt(5) });
  if (bias === null) return;
  const { fanIn } = fans(op, weight);
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  uniform_(bias, -bound, bound, options);
}
