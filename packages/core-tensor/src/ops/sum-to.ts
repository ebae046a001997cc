import type { Shape } from '../shape.js';
import { sameShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { sum } from './reduce.js';
import { reshape } from './shape.js';

/**
 * Sum a broadcast result back to `shape` (the reverse of broadcasting): add over the
 * leading dims broadcasting created and over dims that were 1.
 */
export function sumTo(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  return reshape(sum(g, dims, true), shape);
}
