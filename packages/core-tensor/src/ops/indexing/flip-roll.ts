import { apply } from '../../autograd/dispatch.js';
import { allocate } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { int64Constant } from '../../onnx/lowering.js';
import { formatShape, normalizeDim, normalizeDims } from '../../shape.js';
import { Tensor } from '../../tensor/tensor.js';
import type { OpDef } from '../define.js';
import { defineOp } from '../define.js';
import { reshape } from '../shape.js';
import { gatherAxes } from './axis-maps.js';
import { cat } from './join-split.js';
import { narrow } from './slice.js';

/** Reverse the order along each of `dims`: y[…, i, …] = x[…, n − 1 − i, …]. Its own inverse, and its own gradient rule. */
export const flipOp: OpDef<{ dims: readonly number[] }> = defineOp<{ dims: readonly number[] }>({
  name: 'flip',
  forward: ([x], { dims }) => {
    const maps = x!.shape.map((n, d) => Int32Array.from({ length: n }, (_, o) => (dims.includes(d) ? n - 1 - o : o)));
    const out = allocate(x!.dtype, x!.size);
    gatherAxes(x!.data, x!.shape, maps, 0, out);
    return new Tensor(out, x!.shape);
  },
  backward: ({ attrs }, dy) => [apply(flipOp, [dy], attrs)],
  onnx: (g, [x], { dims }) => {
    // ONNX has no Flip: a Slice with step −1 from the last entry to before the first (an
    // end far below −size clamps there whatever the runtime size, so dynamic dims work)
    const starts = int64Constant(
      g,
      dims.map(() => -1),
    );
    const ends = int64Constant(
      g,
      dims.map(() => Number.MIN_SAFE_INTEGER),
    );
    return g.node('Slice', [x!, starts, ends, int64Constant(g, dims), starts])[0]!;
  },
});

/** torch.flip: reverse the order of entries along each of `dims`. */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  const resolved = normalizeDims('flip', dims, x.ndim);
  if (resolved.length === 0 || x.ndim === 0) return x;
  return apply(flipOp, [x], { dims: resolved });
}

/**
 * torch.roll: shift entries circularly, y[…, i, …] = x[…, (i − shift) mod n, …], along
 * each of `dims`; without dims the flattened tensor is rolled and reshaped back.
 * Built from two slices and a cat per dim, so it differentiates for free.
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  const shiftList = typeof shifts === 'number' ? [shifts] : [...shifts];
  if (dims === undefined) {
    if (shiftList.length !== 1)
      throw new ShapeError(`roll: without dims, give one shift (got ${formatShape(shiftList)})`);
    return reshape(roll(reshape(x, [x.size]), shiftList, 0), x.shape);
  }
  const dimList = typeof dims === 'number' ? [dims] : [...dims];
  if (dimList.length !== shiftList.length) {
    throw new ShapeError(
      `roll: shifts ${formatShape(shiftList)} and dims ${formatShape(dimList)} must have the same length`,
    );
  }
  return dimList.reduce((y, dim, i) => {
    const d = normalizeDim('roll', dim, y.ndim);
    const n = y.shape[d]!;
    const shift = shiftList[i]!;
    if (!Number.isInteger(shift)) throw new RangeError(`roll: shifts must be integers, got ${shift}`);
    const r = n === 0 ? 0 : ((shift % n) + n) % n;
    return r === 0 ? y : cat([narrow(y, d, n - r, r), narrow(y, d, 0, n - r)], d);
  }, x);
}
