import type { Storage } from '../dtype.js';
import type { Shape } from '../shape.js';

/**
 * For each output element of a broadcast, the flat offsets into a and b: strides of 0
 * along broadcast dims. Calls `visit(outIndex, aIndex, bIndex)` in row-major order.
 */
export function forEachBroadcast(
  aShape: Shape,
  bShape: Shape,
  outShape: Shape,
  visit: (o: number, ia: number, ib: number) => void,
): void {
  const n = outShape.length;
  const aStrides = broadcastStrides(aShape, n, outShape);
  const bStrides = broadcastStrides(bShape, n, outShape);
  const counter = new Array<number>(n).fill(0);
  let total = 1;
  for (const d of outShape) total *= d;
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < total; o++) {
    visit(o, ia, ib);
    for (let d = n - 1; d >= 0; d--) {
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

/**
 * out[i] = f(a[i'], b[i'']) under broadcasting, with flat loops when the shapes agree or
 * one side is a single element (the common cases: same-shape ops, tensor ∘ scalar).
 */
export function binaryKernel(
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  outShape: Shape,
  out: Storage,
  f: (x: number, y: number) => number,
): void {
  const n = out.length;
  if (a.length === n && b.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!);
  } else if (b.length === 1) {
    const y = b[0]!;
    for (let i = 0; i < n; i++) out[i] = f(a[i]!, y);
  } else if (a.length === 1) {
    const x = a[0]!;
    for (let i = 0; i < n; i++) out[i] = f(x, b[i]!);
  } else {
    forEachBroadcast(aShape, bShape, outShape, (o, ia, ib) => {
      out[o] = f(a[ia]!, b[ib]!);
    });
  }
}

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
