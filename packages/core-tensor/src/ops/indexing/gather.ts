import { apply } from '../../autograd/dispatch.js';
import { allocate, promoteTypes } from '../../dtype.js';
import { DTypeError, ShapeError } from '../../errors.js';
import type { Shape } from '../../shape.js';
import { formatShape, sameShape, sizeOf, stridesOf } from '../../shape.js';
import { zeros } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { cast } from '../cast.js';
import type { OpDef } from '../define.js';
import { defineOp } from '../define.js';
import { dimOf, requireIndexTensor, wrapIndex } from './checks.js';
import { sliceBox } from './slice.js';

/**
 * For each position p of an index tensor, the flat offset in `target` of p's coordinates
 * with the `dim` coordinate left out (the index value supplies it).
 */
function baseOffsets(indexShape: Shape, target: Shape, dim: number): Int32Array {
  const n = indexShape.length;
  const strides = stridesOf(target).map((s, d) => (d === dim ? 0 : s));
  const bases = new Int32Array(sizeOf(indexShape));
  const counter = new Int32Array(n);
  let base = 0;
  for (let p = 0; p < bases.length; p++) {
    bases[p] = base;
    for (let d = n - 1; d >= 0; d--) {
      base += strides[d]!;
      if (++counter[d]! < indexShape[d]!) break;
      base -= strides[d]! * indexShape[d]!;
      counter[d] = 0;
    }
  }
  return bases;
}

/**
 * torch.gather: y[i][j][k] = x[index[i][j][k]][j][k] for dim 0 (the index replaces the
 * `dim` coordinate). Gradient: dy scatter-added back into zeros.
 */
export const gatherOp: OpDef<{ dim: number }> = defineOp<{ dim: number }>({
  name: 'gather',
  forward: ([x, index], { dim }) => {
    const bases = baseOffsets(index!.shape, x!.shape, dim);
    const stride = stridesOf(x!.shape)[dim] ?? 1;
    const size = x!.shape[dim] ?? 1;
    const picks = index!.data;
    const src = x!.data;
    const out = allocate(x!.dtype, bases.length);
    for (let p = 0; p < bases.length; p++)
      out[p] = src[bases[p]! + wrapIndex('gather', picks[p]!, size, dim) * stride]!;
    return new Tensor(out, index!.shape);
  },
  backward: ({ inputs: [x, index], attrs: { dim } }, dy) => [
    x!.requiresGrad ? apply(scatterAddOp, [zeros(x!.shape, { dtype: dy.dtype }), index!, dy], { dim }) : null,
    null,
  ],
  onnx: (g, [x, index], { dim }) => g.node('GatherElements', [x!, index!], { axis: dim })[0]!,
});

/**
 * torch.scatter_add with src shaped like index: out = x, then
 * out[index[i][j]][j] += src[i][j] for dim 0. Gradient: dy for x, gather(dy) for src.
 */
export const scatterAddOp: OpDef<{ dim: number }> = defineOp<{ dim: number }>({
  name: 'scatterAdd',
  forward: ([x, index, src], { dim }) => {
    const bases = baseOffsets(index!.shape, x!.shape, dim);
    const stride = stridesOf(x!.shape)[dim] ?? 1;
    const size = x!.shape[dim] ?? 1;
    const picks = index!.data;
    const from = src!.data;
    const out = x!.data.slice();
    for (let p = 0; p < bases.length; p++)
      out[bases[p]! + wrapIndex('scatterAdd', picks[p]!, size, dim) * stride]! += from[p]!;
    return new Tensor(out, x!.shape);
  },
  backward: ({ inputs: [, index, src], attrs: { dim } }, dy) => [
    dy,
    null,
    src!.requiresGrad ? apply(gatherOp, [dy, index!], { dim }) : null,
  ],
  onnx: (g, [x, index, src], { dim }) =>
    g.node('ScatterElements', [x!, index!, src!], { axis: dim, reduction: 'add' })[0]!,
});

/** index has x's rank and, outside `dim` (and everywhere when `everywhere`), no larger a size. */
function requireIndexFits(
  op: string,
  index: Tensor,
  other: Tensor,
  otherName: string,
  dim: number,
  everywhere: boolean,
): void {
  const fits =
    index.ndim === other.ndim && index.shape.every((n, d) => (d === dim && !everywhere) || n <= other.shape[d]!);
  if (!fits) {
    throw new ShapeError(
      `${op}: index ${formatShape(index.shape)} must have the rank of ${otherName} ${formatShape(other.shape)} and no larger size in any dim${everywhere ? '' : ` but ${dim}`}`,
    );
  }
}

/**
 * Pick along `dim` by an index of x's rank: y[i][j][k] = x[i][index[i][j][k]][k] for
 * dim 1 (torch.gather). Negative indices count from the end.
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = dimOf('gather', x, dim);
  requireIndexTensor('gather', index);
  requireIndexFits('gather', index, x, 'x', d, false);
  return apply(gatherOp, [x, index], { dim: d });
}

/**
 * Accumulate src into a copy of x at the positions index names along `dim` (torch.scatter_add):
 * out[i][index[i][j][k]][k] += src[i][j][k] for dim 1. Only src's leading index-shaped box is used.
 */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const d = dimOf('scatterAdd', x, dim);
  requireIndexTensor('scatterAdd', index);
  if (x.dtype === 'bool') throw new DTypeError('scatterAdd: cannot accumulate into a bool tensor');
  requireIndexFits('scatterAdd', index, x, 'x', d, false);
  requireIndexFits('scatterAdd', index, src, 'src', d, true);
  const used = sameShape(src.shape, index.shape)
    ? src
    : sliceBox(src, { starts: src.shape.map(() => 0), steps: src.shape.map(() => 1), sizes: index.shape });
  const dtype = promoteTypes(x.dtype, src.dtype);
  return apply(scatterAddOp, [cast(x, dtype), index, cast(used, dtype)], { dim: d });
}
