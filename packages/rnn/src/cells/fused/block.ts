import type { Storage, Tensor } from '@shinkei/core-tensor';
import { zeros } from '@shinkei/core-tensor';
import type { CustomOp } from '@shinkei/core-tensor/custom';
import { defineOp } from '@shinkei/core-tensor/custom';

/** Columns [start, start + width) of a last dim of size `total`. */
interface BlockAttrs {
  readonly start: number;
  readonly width: number;
  readonly total: number;
}

/** Copy a [rows, width] block from (or into) [rows, total] row-major storage. */
function copyBlock(
  from: ArrayLike<number>,
  fromStride: number,
  fromStart: number,
  to: Storage,
  toStride: number,
  toStart: number,
  rows: number,
  width: number,
): void {
  for (let r = 0; r < rows; r++) {
    const [f, t] = [r * fromStride + fromStart, r * toStride + toStart];
    for (let j = 0; j < width; j++) to[t + j] = from[f + j]!;
  }
}

/**
 * x[..., start : start + width] — how the cells unpack hₜ and cₜ from their fused op's one
 * output. The same as `narrow(-1, start, width)`, as a tight copy: core-tensor's slice
 * builds index maps for every dim on each call, several times the cost of this copy at
 * these sizes. Its gradient is `blockScatter`, and blockScatter's is this op.
 */
export const blockOf: CustomOp<[Tensor], BlockAttrs> = defineOp({
  name: 'blockOf',
  forward: ([x]: [Tensor], { start, width, total }: BlockAttrs) => {
    const out = zeros([...x.shape.slice(0, -1), width], { dtype: x.dtype });
    copyBlock(x.data, total, start, out.data, width, 0, out.size / width, width);
    return out;
  },
  backward: ({ attrs }, dy) => [blockScatter.apply([dy], attrs)],
  onnx: (g, [x], { start, width }) => {
    const int64 = (v: number): string => g.constant([v], 'int64', [1]);
    return g.node('Slice', [x, int64(start), int64(start + width), int64(-1)])[0]!;
  },
});

/** The adjoint of blockOf: zeros [..., total] with dy [..., width] written into columns [start, start + width). */
export const blockScatter: CustomOp<[Tensor], BlockAttrs> = defineOp({
  name: 'blockScatter',
  forward: ([dy]: [Tensor], { start, width, total }: BlockAttrs) => {
    const out = zeros([...dy.shape.slice(0, -1), total], { dtype: dy.dtype });
    copyBlock(dy.data, width, 0, out.data, total, start, dy.size / width, width);
    return out;
  },
  backward: ({ attrs }, dx) => [blockOf.apply([dx], attrs)],
  onnx: (g, [dy], { start, width, total }, info) => {
    const rank = info.inputShapes[0]!.length;
    const pads = new Array<number>(2 * rank).fill(0);
    pads[rank - 1] = start;
    pads[2 * rank - 1] = total - start - width;
    return g.node('Pad', [dy, g.constant(pads, 'int64', [2 * rank])])[0]!;
  },
});
