import type { Tensor } from '@shinkei/core-tensor';
import { tensor } from '@shinkei/core-tensor';
import type { AnyOptimizer } from '@shinkei/core-tensor/optim';

/** The path an optimizer took: the point and the value after each step (index 0 is the start). */
export interface Trajectory {
  points: number[][];
  values: number[];
}

/**
 * Minimize a scalar function of one parameter vector: start at `start`, then `steps` times
 * compute ∇f by autograd and let the optimizer update θ.
 */
export function minimize(
  fn: (theta: Tensor) => Tensor,
  start: readonly number[],
  makeOptimizer: (params: Tensor[]) => AnyOptimizer,
  steps: number,
): Trajectory {
  const theta = tensor([...start], { dtype: 'float64', requiresGrad: true });
  const optimizer = makeOptimizer([theta]);
  const trajectory: Trajectory = { points: [], values: [] };
  for (let step = 0; step <= steps; step++) {
    optimizer.zeroGrad();
    const value = fn(theta);
    trajectory.points.push(Array.from(theta.data));
    trajectory.values.push(value.item());
    if (step === steps) break;
    value.backward();
    optimizer.step();
  }
  return trajectory;
}
