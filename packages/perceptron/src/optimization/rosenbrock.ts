import type { Tensor } from '@shinkei/core-tensor';
import { ShapeError, tensor } from '@shinkei/core-tensor';

/**
 * The Rosenbrock function f(x, y) = (a − x)² + b(y − x²)² of a point p = [x, y]
 * (default a = 1, b = 100): a curved, narrow valley with its minimum f = 0 at (a, a²),
 * the classic test of how an optimizer copes with ill-conditioning.
 */
export function rosenbrock(p: Tensor, a = 1, b = 100): Tensor {
  if (p.ndim !== 1 || p.shape[0] !== 2) throw new ShapeError(`rosenbrock: p [${p.shape.join(', ')}] needs shape [2]`);
  const x = p.dot(tensor([1, 0], { dtype: p.dtype }));
  const y = p.dot(tensor([0, 1], { dtype: p.dtype }));
  return x.neg().add(a).square().add(y.sub(x.square()).square().mul(b));
}
