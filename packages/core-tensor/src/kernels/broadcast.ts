import type { Storage } from '../dtype.js';
import type { Shape } from '../shape.js';

/** Row-major strides of `shape` aligned to `ndim` output dims, 0 where the dim is broadcast. */
export function broadcastStrides(shape: Shape, ndim: number, outShape: Shape): number[] {
  const strides = new Array<number>(ndim).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = ndim - shape.length + i;
    strides[d] = shape[i] === 1 && outShape[d] !== 1 ? 0 : s;
    s *= shape[i]!;
  }
  return strides;
}

/** One row of a binary op: out[o + i] = a[ia + i·sa] ⊕ b[ib + i·sb] for i < n. */
export type RowLoop = (
  out: Storage,
  o: number,
  a: Storage,
  ia: number,
  sa: number,
  b: Storage,
  ib: number,
  sb: number,
  n: number,
) => void;

/**
 * out = a ⊕ b under NumPy broadcasting. The output is walked row by row along its last
 * dim (where each operand steps by 1 or 0), so the per-element work is the row loop
 * alone: ops pass a dedicated `RowLoop` whose body the JIT compiles monomorphically.
 */
export function binaryKernel(
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  outShape: Shape,
  out: Storage,
  row: RowLoop,
): void {
  const n = out.length;
  if (n === 0) return;
  if (a.length === n && b.length === n) row(out, 0, a, 0, 1, b, 0, 1, n);
  else if (b.length === 1) row(out, 0, a, 0, 1, b, 0, 0, n);
  else if (a.length === 1) row(out, 0, a, 0, 0, b, 0, 1, n);
  else broadcastRows(a, aShape, b, bShape, outShape, out, row);
}

function broadcastRows(
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  outShape: Shape,
  out: Storage,
  row: RowLoop,
): void {
  const n = out.length;
  const nd = outShape.length;
  const aStrides = broadcastStrides(aShape, nd, outShape);
  const bStrides = broadcastStrides(bShape, nd, outShape);
  const inner = outShape[nd - 1]!;
  const sa = aStrides[nd - 1]!;
  const sb = bStrides[nd - 1]!;
  const counter = new Array<number>(nd).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o += inner) {
    row(out, o, a, ia, sa, b, ib, sb, inner);
    for (let d = nd - 2; d >= 0; d--) {
      counter[d]!++;
      ia += aStrides[d]!;
      ib += bStrides[d]!;
      if (counter[d]! < outShape[d]!) break;
      ia -= aStrides[d]! * outShape[d]!;
      ib -= bStrides[d]! * outShape[d]!;
      counter[d] = 0;
    }
  }
}

/** A row loop for any f (one call per element: for the less common ops). */
export function rowOf(f: (x: number, y: number) => number): RowLoop {
  return (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = f(a[ia]!, b[ib]!);
  };
}

export const addRow: RowLoop = (out, o, a, ia, sa, b, ib, sb, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia]! + b[ib]!;
};
export const subRow: RowLoop = (out, o, a, ia, sa, b, ib, sb, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia]! - b[ib]!;
};
export const mulRow: RowLoop = (out, o, a, ia, sa, b, ib, sb, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia]! * b[ib]!;
};
export const divRow: RowLoop = (out, o, a, ia, sa, b, ib, sb, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia]! / b[ib]!;
};

/** out = src broadcast to outShape (copying; src's dims must be 1 or equal). */
export function expandKernel(src: Storage, srcShape: Shape, outShape: Shape, out: Storage): void {
  if (src.length === out.length) {
    out.set(src as never);
    return;
  }
  if (src.length === 1) {
    out.fill(src[0]!);
    return;
  }
  const n = outShape.length;
  const strides = broadcastStrides(srcShape, n, outShape);
  // copy the innermost contiguous run at a time when the last dim is not broadcast
  const inner = strides[n - 1] === 0 ? 1 : outShape[n - 1]!;
  const counter = new Array<number>(n).fill(0);
  let s = 0;
  for (let o = 0; o < out.length; o += inner) {
    if (inner > 1) for (let i = 0; i < inner; i++) out[o + i] = src[s + i]!;
    else out[o] = src[s]!;
    for (let d = n - (inner > 1 ? 2 : 1); d >= 0; d--) {
      counter[d]!++;
      s += strides[d]!;
      if (counter[d]! < outShape[d]!) break;
      s -= strides[d]! * outShape[d]!;
      counter[d] = 0;
    }
  }
}
