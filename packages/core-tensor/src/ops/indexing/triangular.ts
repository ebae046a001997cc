import { apply } from '../../autograd/dispatch.js';
import { ShapeError } from '../../errors.js';
import { formatShape } from '../../shape.js';
import { Tensor } from '../../tensor/tensor.js';
import type { OpDef } from '../define.js';
import { defineOp } from '../define.js';

interface TriangleAttrs {
  /** Diagonal offset: 0 the main diagonal, k > 0 above it, k < 0 below. */
  k: number;
  upper: boolean;
}

/**
 * Keep one triangle of the last two dims and zero the rest: lower keeps j − i ≤ k,
 * upper keeps j − i ≥ k. Linear and self-adjoint, so the gradient is the same mask on dy.
 */
export const triangleOp: OpDef<TriangleAttrs> = defineOp<TriangleAttrs>({
  name: 'trilu',
  forward: ([x], { k, upper }) => {
    const rows = x!.shape[x!.ndim - 2]!;
    const cols = x!.shape[x!.ndim - 1]!;
    const out = x!.data.slice();
    for (let m = 0; m < out.length; m += rows * cols) {
      for (let i = 0; i < rows; i++) {
        const row = m + i * cols;
        if (upper) out.fill(0, row, row + Math.max(0, Math.min(cols, i + k)));
        else out.fill(0, row + Math.max(0, Math.min(cols, i + k + 1)), row + cols);
      }
    }
    return new Tensor(out, x!.shape);
  },
  backward: ({ attrs }, dy) => [apply(triangleOp, [dy], attrs)],
  onnx: (g, [x], { k, upper }) => g.node('Trilu', [x!, g.constant([k], 'int64', [])], { upper: upper ? 1 : 0 })[0]!,
});

function triangle(op: string, x: Tensor, k: number, upper: boolean): Tensor {
  if (x.ndim < 2)
    throw new ShapeError(
      `${op}: expected a tensor with at least 2 dims (a matrix or a batch of them), got ${formatShape(x.shape)}`,
    );
  if (!Number.isInteger(k)) throw new RangeError(`${op}: diagonal offset k must be an integer, got ${k}`);
  return apply(triangleOp, [x], { k, upper });
}

/** Lower triangle (torch.tril): y[i][j] = x[i][j] if j − i ≤ k else 0, over the last two dims. */
export function tril(x: Tensor, k = 0): Tensor {
  return triangle('tril', x, k, false);
}

/** Upper triangle (torch.triu): y[i][j] = x[i][j] if j − i ≥ k else 0, over the last two dims. */
export function triu(x: Tensor, k = 0): Tensor {
  return triangle('triu', x, k, true);
}
