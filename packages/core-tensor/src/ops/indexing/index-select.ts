import { apply } from '../../autograd/dispatch.js';
import { allocate, promoteTypes } from '../../dtype.js';
import { DTypeError, ShapeError } from '../../errors.js';
import { int64Constant } from '../../onnx/lowering.js';
import { formatShape, sameShape } from '../../shape.js';
import { zeros } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { cast } from '../cast.js';
import type { OpDef } from '../define.js';
import { defineOp } from '../define.js';
import { reshape } from '../shape.js';
import { dimOf, layoutAround, requireIndexTensor, wrapIndex } from './checks.js';
import { copyRun } from './copy-run.js';

/** y[…, j, …] = x[…, index[j], …] along `dim`. Gradient: dy added back at the picked rows (indexAdd into zeros). */
export const indexSelectOp: OpDef<{ dim: number }> = defineOp<{ dim: number }>({
  name: 'indexSelect',
  forward: ([x, index], { dim }) => {
    const { outer, size, inner } = layoutAround(x!.shape, dim);
    const rows = resolveRows('indexSelect', index!, size, dim);
    const shape = x!.shape.map((n, d) => (d === dim ? rows.length : n));
    const out = allocate(x!.dtype, outer * rows.length * inner);
    const src = x!.data;
    for (let o = 0, to = 0; o < outer; o++) {
      for (let j = 0; j < rows.length; j++, to += inner) copyRun(src, (o * size + rows[j]!) * inner, out, to, inner);
    }
    return new Tensor(out, shape);
  },
  backward: ({ inputs: [x, index], attrs: { dim } }, dy) => [
    x!.requiresGrad ? apply(indexAddOp, [zeros(x!.shape, { dtype: dy.dtype }), index!, dy], { dim }) : null,
  ],
  onnx: (g, [x, index], { dim }) => g.node('Gather', [x!, index!], { axis: dim })[0]!,
});

/**
 * out = x, then out[…, index[j], …] += src[…, j, …] for every j (repeats accumulate).
 * Gradient: dy for x, indexSelect(dy) for src.
 */
export const indexAddOp: OpDef<{ dim: number }> = defineOp<{ dim: number }>({
  name: 'indexAdd',
  forward: ([x, index, src], { dim }) => {
    const { outer, size, inner } = layoutAround(x!.shape, dim);
    const rows = resolveRows('indexAdd', index!, size, dim);
    const out = x!.data.slice();
    const from = src!.data;
    for (let o = 0, at = 0; o < outer; o++) {
      for (let j = 0; j < rows.length; j++, at += inner) {
        const to = (o * size + rows[j]!) * inner;
        for (let i = 0; i < inner; i++) out[to + i]! += from[at + i]!;
      }
    }
    return new Tensor(out, x!.shape);
  },
  backward: ({ inputs: [, index, src], attrs: { dim } }, dy) => [
    dy,
    null,
    src!.requiresGrad ? indexSelect(dy, dim, index!) : null,
  ],
  onnx: (g, [x, index, src], { dim }, info) => {
    // ScatterElements wants an index per src entry: the index as a column along `dim`, expanded to src's runtime shape
    const column = info.inputShapes[2]!.map((n, d) => (d === dim ? n : 1));
    const shaped = g.node('Reshape', [index!, int64Constant(g, column)])[0]!;
    const expanded = g.node('Expand', [shaped, g.node('Shape', [src!])[0]!])[0]!;
    return g.node('ScatterElements', [x!, expanded, src!], { axis: dim, reduction: 'add' })[0]!;
  },
});

/** The index entries as rows of a dim of `size` (negatives wrapped), checked once up front. */
function resolveRows(op: string, index: Tensor, size: number, dim: number): Int32Array {
  return Int32Array.from(index.data, (i) => wrapIndex(op, i, size, dim));
}

function requireIndexVector(op: string, index: Tensor): void {
  requireIndexTensor(op, index);
  if (index.ndim > 1) throw new ShapeError(`${op}: index must be 1-D (or 0-d), got shape ${formatShape(index.shape)}`);
}

/**
 * torch.index_select: y[…, j, …] = x[…, index[j], …] along `dim`, index a 1-D int32
 * tensor (negative entries count from the end).
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = dimOf('indexSelect', x, dim);
  requireIndexVector('indexSelect', index);
  return apply(indexSelectOp, [x, reshape(index, [index.size])], { dim: d });
}

/**
 * torch.index_add: out = x with out[…, index[j], …] += src[…, j, …] along `dim`;
 * src has x's shape except index.length entries along `dim`.
 */
export function indexAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const d = dimOf('indexAdd', x, dim);
  requireIndexVector('indexAdd', index);
  if (x.dtype === 'bool') throw new DTypeError('indexAdd: cannot accumulate into a bool tensor');
  const vector = reshape(index, [index.size]);
  const expected = x.shape.map((n, i) => (i === d ? vector.size : n));
  if (!sameShape(expected, src.shape)) {
    throw new ShapeError(
      `indexAdd: src must have shape ${formatShape(expected)} (x's with ${vector.size} entries along dim ${dim}), got ${formatShape(src.shape)}`,
    );
  }
  const dtype = promoteTypes(x.dtype, src.dtype);
  return apply(indexAddOp, [cast(x, dtype), vector, cast(src, dtype)], { dim: d });
}

/** torch.take: y = x.flatten()[index], shaped like index (negative entries count from the end). */
export function take(x: Tensor, index: Tensor): Tensor {
  requireIndexTensor('take', index);
  const picked = apply(indexSelectOp, [reshape(x, [x.size]), reshape(index, [index.size])], { dim: 0 });
  return reshape(picked, index.shape);
}
