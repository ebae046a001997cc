import { apply } from '../../autograd/dispatch.js';
import { allocate } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { int64Constant } from '../../onnx/lowering.js';
import { formatShape, sizeOf } from '../../shape.js';
import { zeros } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import type { OpDef } from '../define.js';
import { defineOp } from '../define.js';
import { gatherAxes } from './axis-maps.js';
import { indexAddOp } from './index-select.js';

export type PadMode = 'constant' | 'reflect' | 'replicate';

interface PadAttrs {
  /** Entries added before / after each dim (negative crops, in constant mode). */
  before: readonly number[];
  after: readonly number[];
  mode: PadMode;
  value: number;
}

/**
 * Source coordinate of each output coordinate along one dim of size n padded by `before`:
 * i = o − before, then constant: i (−1 outside), reflect: mirror without repeating the
 * edge (−1 → 1), replicate: clamp to the edge.
 */
function padMap(n: number, before: number, after: number, mode: PadMode): Int32Array {
  return Int32Array.from({ length: n + before + after }, (_, o) => {
    const i = o - before;
    if (mode === 'replicate') return Math.min(n - 1, Math.max(0, i));
    if (mode === 'reflect') return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
    return i >= 0 && i < n ? i : -1;
  });
}

/**
 * Pad every dim by before/after entries: constant value, reflection or edge replication.
 * Gradient: constant mode crops dy (a pad by −before/−after); reflect and replicate add
 * each output's dy back to its source entry, one dim at a time (indexAdd by the pad map).
 */
export const padOp: OpDef<PadAttrs> = defineOp<PadAttrs>({
  name: 'pad',
  forward: ([x], { before, after, mode, value }) => {
    const maps = x!.shape.map((n, d) => padMap(n, before[d]!, after[d]!, mode));
    const shape = maps.map((m) => m.length);
    const out = allocate(x!.dtype, sizeOf(shape));
    gatherAxes(x!.data, x!.shape, maps, value, out);
    return new Tensor(out, shape);
  },
  backward: ({ inputs: [x], attrs: { before, after, mode } }, dy) => {
    if (mode === 'constant') {
      return [apply(padOp, [dy], { before: before.map((b) => -b), after: after.map((a) => -a), mode, value: 0 })];
    }
    let grad = dy;
    x!.shape.forEach((n, d) => {
      if (before[d] === 0 && after[d] === 0) return;
      const sources = new Tensor(padMap(n, before[d]!, after[d]!, mode), [grad.shape[d]!]);
      const target = zeros(
        grad.shape.map((m, i) => (i === d ? n : m)),
        { dtype: dy.dtype },
      );
      grad = apply(indexAddOp, [target, sources, grad], { dim: d });
    });
    return [grad];
  },
  onnx: (g, [x], { before, after, mode, value }, info) => {
    const pads = int64Constant(g, [...before, ...after]);
    if (mode !== 'constant') return g.node('Pad', [x!, pads], { mode: mode === 'reflect' ? 'reflect' : 'edge' })[0]!;
    return g.node('Pad', [x!, pads, g.constant([value], info.inputDTypes[0]!, [])], { mode: 'constant' })[0]!;
  },
});

/**
 * torch.nn.functional.pad: `pads` lists (before, after) pairs starting from the LAST dim,
 * so [l, r] pads the width and [l, r, t, b] width then height. Mode 'constant' fills
 * with `value` (negative pads crop); 'reflect' mirrors without repeating the edge
 * (pad < size); 'replicate' repeats the edge entry.
 */
export function pad(x: Tensor, pads: readonly number[], mode: PadMode = 'constant', value = 0): Tensor {
  if (pads.length % 2 !== 0 || pads.length > 2 * x.ndim) {
    throw new ShapeError(
      `pad: pads ${formatShape(pads)} must hold (before, after) pairs for at most ${x.ndim} dims of ${formatShape(x.shape)}`,
    );
  }
  if (pads.some((p) => !Number.isInteger(p)))
    throw new RangeError(`pad: pads must be integers, got ${formatShape(pads)}`);
  const before = x.shape.map(() => 0);
  const after = x.shape.map(() => 0);
  for (let k = 0; k < pads.length / 2; k++) {
    const d = x.ndim - 1 - k;
    before[d] = pads[2 * k]!;
    after[d] = pads[2 * k + 1]!;
  }
  x.shape.forEach((n, d) => {
    const size = n + before[d]! + after[d]!;
    if (size < 0) throw new ShapeError(`pad: pads ${formatShape(pads)} crop dim ${d} of size ${n} below zero`);
    if (mode === 'constant' || (before[d] === 0 && after[d] === 0)) return;
    if (before[d]! < 0 || after[d]! < 0)
      throw new RangeError(`pad: ${mode} mode needs non-negative pads, got ${formatShape(pads)}`);
    if (mode === 'replicate' && n === 0) throw new RangeError(`pad: replicate mode cannot pad dim ${d} of size 0`);
    if (mode === 'reflect' && (before[d]! >= n || after[d]! >= n)) {
      throw new RangeError(
        `pad: reflect mode needs pads smaller than the dim: dim ${d} has size ${n}, pads are ${before[d]} and ${after[d]}`,
      );
    }
  });
  if (before.every((b) => b === 0) && after.every((a) => a === 0)) return x;
  return apply(padOp, [x], { before, after, mode, value });
}
