import type { Generator, Tensor } from '@shinkei/core-tensor';
import { defaultGenerator, tensor } from '@shinkei/core-tensor';

/** A batch of the adding problem: inputs [T, B, 2] (value, marker) and targets [B]. */
export interface AddingBatch {
  inputs: Tensor;
  targets: Tensor;
}

/**
 * The adding problem (Hochreiter & Schmidhuber 1997; the variant of Le et al. 2015): each
 * step carries a value uₜ ~ U[0, 1] and a marker mₜ ∈ {0, 1}; exactly two steps are marked,
 * one in the first half and one in the second, and the target is the sum of the two marked
 * values, y = Σₜ mₜuₜ. Predicting the constant 1 gives MSE Var(u₁ + u₂) = 1/6 ≈ 0.167; doing
 * better needs a memory of the first marked value across up to T steps.
 */
export function addingProblem(
  length: number,
  batchSize: number,
  options: { generator?: Generator; dtype?: 'float32' | 'float64' } = {},
): AddingBatch {
  if (!Number.isInteger(length) || length < 2)
    throw new RangeError(`addingProblem: length must be an integer ≥ 2, got ${length}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`addingProblem: batchSize must be an integer ≥ 1, got ${batchSize}`);
  const g = options.generator ?? defaultGenerator();
  const inputs = new Float64Array(length * batchSize * 2);
  const targets = new Float64Array(batchSize);
  const half = Math.floor(length / 2);
  for (let b = 0; b < batchSize; b++) {
    for (let t = 0; t < length; t++) inputs[(t * batchSize + b) * 2] = g.random();
    const first = g.randint(0, half);
    const second = g.randint(half, length);
    for (const t of [first, second]) {
      inputs[(t * batchSize + b) * 2 + 1] = 1;
      targets[b]! += inputs[(t * batchSize + b) * 2]!;
    }
  }
  const dtype = options.dtype ?? 'float32';
  return {
    inputs: tensor(inputs, { dtype }).reshape([length, batchSize, 2]),
    targets: tensor(targets, { dtype }),
  };
}

/** The MSE of always predicting E[y] = 1: Var(u₁ + u₂) = 2 · 1/12. */
export const ADDING_BASELINE_MSE = 1 / 6;
