import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { expandKernel } from '../kernels/broadcast.js';
import { expandTarget, reshapeTarget } from '../onnx/lowering.js';
import type { Shape } from '../shape.js';
import { formatShape, normalizeDim, normalizeDims, sameShape, sizeOf, stridesOf } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import { defineOp } from './define.js';
import { sumTo } from './sum-to.js';

/** Same values, new shape (a view: shares the buffer). */
export const reshapeOp = defineOp<{ shape: Shape }>({
  name: 'reshape',
  forward: ([x], { shape }) => new Tensor(x!.data, shape, x!.versionCounter),
  backward: ({ inputs: [x] }, dy) => [reshape(dy, x!.shape)],
  onnx: (g, [x], { shape }, info) => g.node('Reshape', [x!, reshapeTarget(g, info.inputShapes[0]!, shape)])[0]!,
});

/** Reshape; one dim may be −1 and is inferred. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const resolved = resolveShape(x, shape);
  return sameShape(resolved, x.shape) ? x : apply(reshapeOp, [x], { shape: resolved });
}

function resolveShape(x: Tensor, shape: readonly number[]): number[] {
  const inferred = shape.indexOf(-1);
  if (inferred !== shape.lastIndexOf(-1))
    throw new ShapeError(`reshape: only one dim can be -1, got ${formatShape(shape)}`);
  const known = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const out = [...shape];
  if (inferred >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`,
      );
    }
    out[inferred] = x.size / known;
  }
  if (out.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(out) !== x.size) {
    throw new ShapeError(
      `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`,
    );
  }
  return out;
}

/** Merge dims startDim … endDim into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim('flatten', startDim, x.ndim);
  const e = normalizeDim('flatten', endDim, x.ndim);
  if (s > e) throw new RangeError(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
  const merged = x.shape.slice(s, e + 1).reduce((p, d) => p * d, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/** Drop size-1 dims (all of them, or those in `dim`). */
export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const dims = dim === undefined ? x.shape.map((_, i) => i) : normalizeDims('squeeze', dim, x.ndim);
  return reshape(
    x,
    x.shape.filter((d, i) => !(d === 1 && dims.includes(i))),
  );
}

/** Insert a size-1 dim at `dim` (−1 appends). */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  return reshape(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)]);
}

/** Broadcast to a larger shape (copying); −1 keeps a dim. Gradient: sum back. */
export const expandOp = defineOp<{ shape: Shape }>({
  name: 'expand',
  forward: ([x], { shape }) => {
    const out = allocate(x!.dtype, sizeOf(shape));
    expandKernel(x!.data, x!.shape, shape, out);
    return new Tensor(out, shape);
  },
  backward: ({ inputs: [x] }, dy) => [sumTo(dy, x!.shape)],
  onnx: (g, [x], { shape }, info) => g.node('Expand', [x!, expandTarget(g, info.inputShapes[0]!, shape)])[0]!,
});

export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.ndim)
    throw new ShapeError(`expand: cannot expand ${formatShape(x.shape)} to fewer dims ${formatShape(shape)}`);
  const lead = shape.length - x.ndim;
  const target = shape.map((d, i) => (d === -1 ? (i >= lead ? x.shape[i - lead]! : -1) : d));
  target.forEach((d, i) => {
    const src = i >= lead ? x.shape[i - lead]! : 1;
    if (d < 0 || (src !== 1 && src !== d))
      throw new ShapeError(
        `expand: cannot expand ${formatShape(x.shape)} to ${formatShape(shape)} (dim ${i}: ${src} → ${d})`,
      );
  });
  return sameShape(target, x.shape) ? x : apply(expandOp, [x], { shape: target });
}

/** Reorder dims: out.shape[i] = x.shape[dims[i]]. Gradient: the inverse permutation. */
export const permuteOp = defineOp<{ dims: readonly number[] }>({
  name: 'permute',
  forward: ([x], { dims }) => permuteKernel(x!, dims),
  backward: ({ attrs }, dy) => [permute(dy, inversePermutation(attrs.dims))],
  onnx: (g, [x], { dims }) => g.node('Transpose', [x!], { perm: dims })[0]!,
});

export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) throw new ShapeError(`permute: ${dims.length} dims given for a tensor of ${x.ndim} dims`);
  const norm = dims.map((d) => normalizeDim('permute', d, x.ndim));
  if (new Set(norm).size !== norm.length) throw new RangeError(`permute: dims ${formatShape(dims)} repeat a dim`);
  if (norm.every((d, i) => d === i)) return x;
  return apply(permuteOp, [x], { dims: norm });
}

/** Swap two dims. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const dims = x.shape.map((_, i) => i);
  const a = normalizeDim('transpose', dim0, x.ndim);
  const b = normalizeDim('transpose', dim1, x.ndim);
  [dims[a], dims[b]] = [dims[b]!, dims[a]!];
  return permute(x, dims);
}

/** Matrix transpose for 2-D (identity for 0-D and 1-D, like torch.t). */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2)
    throw new ShapeError(
      `t: expected a tensor of at most 2 dims, got ${formatShape(x.shape)}; use transpose or permute`,
    );
  return x.ndim < 2 ? x : transpose(x, 0, 1);
}

/** A copy with its own buffer. */
export const cloneOp = defineOp({
  name: 'clone',
  forward: ([x]) => new Tensor(x!.data.slice(), x!.shape),
  backward: (_, dy) => [dy],
  onnx: (g, [x]) => g.node('Identity', [x!])[0]!,
});
export const clone = (x: Tensor): Tensor => apply(cloneOp, [x], undefined);

function inversePermutation(dims: readonly number[]): number[] {
  const inv = new Array<number>(dims.length);
  dims.forEach((d, i) => {
    inv[d] = i;
  });
  return inv;
}

function permuteKernel(x: Tensor, dims: readonly number[]): Tensor {
  const shape = dims.map((d) => x.shape[d]!);
  const inStrides = stridesOf(x.shape);
  const strides = dims.map((d) => inStrides[d]!);
  const out = allocate(x.dtype, x.size);
  const src = x.data;
  const n = shape.length;
  const last = n - 1;
  const innerLen = shape[last] ?? 1;
  const innerStride = strides[last] ?? 1;
  const counter = new Array<number>(n).fill(0);
  let base = 0;
  for (let o = 0; o < out.length; o += innerLen) {
    for (let i = 0, s = base; i < innerLen; i++, s += innerStride) out[o + i] = src[s]!;
    for (let d = last - 1; d >= 0; d--) {
      counter[d]!++;
      base += strides[d]!;
      if (counter[d]! < shape[d]!) break;
      base -= strides[d]! * shape[d]!;
      counter[d] = 0;
    }
  }
  return new Tensor(out, shape);
}
