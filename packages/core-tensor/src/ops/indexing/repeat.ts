import { apply } from '../../autograd/dispatch.js';
import { allocate } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { int64Constant } from '../../onnx/lowering.js';
import { formatShape, sizeOf } from '../../shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { defineOp } from '../define.js';
import { sum } from '../reduce.js';
import { reshape } from '../shape.js';
import { gatherAxes } from './axis-maps.js';

/**
 * Tile x reps[d] times along each dim: y[…, i, …] = x[…, i mod n, …]. Gradient: view dy
 * as [r₀, n₀, r₁, n₁, …] and sum over the copies (the r axes).
 */
export const repeatOp = defineOp<{ reps: readonly number[] }>({
  name: 'repeat',
  forward: ([x], { reps }) => {
    const shape = x!.shape.map((n, d) => n * reps[d]!);
    const maps = shape.map((m, d) => Int32Array.from({ length: m }, (_, o) => o % x!.shape[d]!));
    const out = allocate(x!.dtype, sizeOf(shape));
    gatherAxes(x!.data, x!.shape, maps, 0, out);
    return new Tensor(out, shape);
  },
  backward: ({ inputs: [x], attrs: { reps } }, dy) => {
    const copies = reps.flatMap((r, d) => [r, x!.shape[d]!]);
    return [
      sum(
        reshape(dy, copies),
        reps.map((_, d) => 2 * d),
      ),
    ];
  },
  onnx: (g, [x], { reps }) => g.node('Tile', [x!, int64Constant(g, reps)])[0]!,
});

/**
 * torch.Tensor.repeat: tile x reps[d] times along each dim, y[…, i, …] = x[…, i mod n, …];
 * extra leading reps add new leading dims. reps may be spread or one array.
 */
export function repeat(x: Tensor, ...reps: number[] | [readonly number[]]): Tensor {
  const counts: readonly number[] = reps.length === 1 && Array.isArray(reps[0]) ? reps[0] : (reps as number[]);
  if (counts.length < x.ndim) {
    throw new ShapeError(
      `repeat: ${counts.length} repeat counts ${formatShape(counts)} for a tensor of ${x.ndim} dims ${formatShape(x.shape)} (need at least ${x.ndim})`,
    );
  }
  if (counts.some((r) => !Number.isInteger(r) || r < 0))
    throw new RangeError(`repeat: repeat counts must be non-negative integers, got ${formatShape(counts)}`);
  const lifted = reshape(x, [...ones(counts.length - x.ndim), ...x.shape]);
  if (counts.every((r) => r === 1)) return lifted;
  return apply(repeatOp, [lifted], { reps: [...counts] });
}

/** torch.tile: like repeat, but fewer reps than dims are padded with leading 1s. */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  const padded = reps.length < x.ndim ? [...ones(x.ndim - reps.length), ...reps] : reps;
  return repeat(x, padded);
}

function ones(count: number): number[] {
  return new Array<number>(count).fill(1);
}
