import { apply } from '../../autograd/dispatch.js';
import { allocate, promoteTypes } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { formatShape, normalizeDim, sameShape, sizeOf } from '../../shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { cast } from '../cast.js';
import { defineOp } from '../define.js';
import { unsqueeze } from '../shape.js';
import { layoutAround, requireSameExcept } from './checks.js';
import { copyRun } from './copy-run.js';
import { boxAlong, sliceBox } from './slice.js';

/** y = [x₁ | x₂ | … ] joined along `dim`. Gradient: each input gets its own slab of dy. */
export const catOp = defineOp<{ dim: number }>({
  name: 'cat',
  forward: (inputs, { dim }) => {
    const first = inputs[0]!;
    const total = inputs.reduce((n, t) => n + t.shape[dim]!, 0);
    const shape = first.shape.map((n, d) => (d === dim ? total : n));
    const out = allocate(first.dtype, sizeOf(shape));
    const { outer, inner } = layoutAround(shape, dim);
    const rowLength = total * inner;
    let offset = 0;
    for (const t of inputs) {
      const block = t.shape[dim]! * inner;
      const src = t.data;
      for (let o = 0; o < outer; o++) copyRun(src, o * block, out, o * rowLength + offset, block);
      offset += block;
    }
    return new Tensor(out, shape);
  },
  backward: ({ inputs, attrs: { dim } }, dy) => {
    let start = 0;
    return inputs.map((t) => {
      const size = t.shape[dim]!;
      const grad = t.requiresGrad ? sliceBox(dy, boxAlong(dy, dim, start, size)) : null;
      start += size;
      return grad;
    });
  },
  onnx: (g, inputs, { dim }) => g.node('Concat', inputs, { axis: dim })[0]!,
});

/**
 * Concatenate along an existing dim (torch.cat): shapes agree except in `dim`; dtypes
 * promote (bool < int32 < float32 < float64).
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new ShapeError('cat: expected a non-empty list of tensors');
  if (first.ndim === 0) throw new ShapeError('cat: zero-dimensional tensors cannot be concatenated (use stack)');
  const d = normalizeDim('cat', dim, first.ndim);
  tensors.forEach((t, i) => {
    requireSameExcept('cat', first.shape, t.shape, d, ['tensor 0', `tensor ${i}`]);
  });
  const dtype = tensors.reduce((acc, t) => promoteTypes(acc, t.dtype), first.dtype);
  return apply(
    catOp,
    tensors.map((t) => cast(t, dtype)),
    { dim: d },
  );
}

/** Join equal-shaped tensors along a new dim (torch.stack): stack(ts, d)[…, i, …] = ts[i]. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new ShapeError('stack: expected a non-empty list of tensors');
  tensors.forEach((t, i) => {
    if (!sameShape(t.shape, first.shape)) {
      throw new ShapeError(
        `stack: every tensor needs the same shape: tensor 0 is ${formatShape(first.shape)}, tensor ${i} is ${formatShape(t.shape)}`,
      );
    }
  });
  const d = normalizeDim('stack', dim, first.ndim + 1);
  return cat(
    tensors.map((t) => unsqueeze(t, d)),
    d,
  );
}

/**
 * Cut `dim` into pieces (torch.split): a number gives pieces of that size (the last may
 * be smaller), a list gives pieces of those sizes, which must add up to the dim.
 */
export function split(x: Tensor, sizeOrSizes: number | readonly number[], dim = 0): Tensor[] {
  if (x.ndim === 0) throw new ShapeError('split: expected a tensor with at least 1 dim, got a 0-d tensor');
  const d = normalizeDim('split', dim, x.ndim);
  const n = x.shape[d]!;
  const sizes = typeof sizeOrSizes === 'number' ? equalPieces(n, sizeOrSizes) : [...sizeOrSizes];
  if (sizes.some((s) => !Number.isInteger(s) || s < 0))
    throw new RangeError(`split: piece sizes must be non-negative integers, got ${formatShape(sizes)}`);
  const covered = sizes.reduce((a, b) => a + b, 0);
  if (covered !== n)
    throw new ShapeError(`split: sizes ${formatShape(sizes)} add up to ${covered}, but dim ${dim} has size ${n}`);
  let start = 0;
  return sizes.map((size) => {
    const piece = sliceBox(x, boxAlong(x, d, start, size));
    start += size;
    return piece;
  });
}

function equalPieces(n: number, size: number): number[] {
  if (!Number.isInteger(size) || size <= 0)
    throw new RangeError(`split: piece size must be a positive integer, got ${size}`);
  if (n === 0) return [0];
  return Array.from({ length: Math.ceil(n / size) }, (_, i) => Math.min(size, n - i * size));
}

/**
 * Split into `chunks` nearly equal pieces (torch.chunk): pieces of ⌈n / chunks⌉, so
 * fewer than `chunks` may come back when n does not divide.
 */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0)
    throw new RangeError(`chunk: chunks must be a positive integer, got ${chunks}`);
  if (x.ndim === 0) throw new ShapeError('chunk: expected a tensor with at least 1 dim, got a 0-d tensor');
  const n = x.shape[normalizeDim('chunk', dim, x.ndim)]!;
  return split(x, Math.max(1, Math.ceil(n / chunks)), dim);
}
