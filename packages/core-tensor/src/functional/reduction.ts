import { mean, sum } from '../ops/reduce.js';
import type { Tensor } from '../tensor/tensor.js';

/** How a loss turns per-element values into its result: keep them, average them, or add them. */
export type Reduction = 'none' | 'mean' | 'sum';

/** Apply a loss reduction to per-element losses. */
export function reduceLoss(op: string, losses: Tensor, reduction: Reduction): Tensor {
  switch (reduction) {
    case 'none':
      return losses;
    case 'mean':
      return mean(losses);
    case 'sum':
      return sum(losses);
    default:
      throw new RangeError(`${op}: reduction must be 'none', 'mean' or 'sum', got '${String(reduction)}'`);
  }
}
