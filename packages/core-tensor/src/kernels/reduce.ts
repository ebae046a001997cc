import type { Storage } from '../dtype.js';
import type { Shape } from '../shape.js';
import { stridesOf } from '../shape.js';

/**
 * Plan for reducing `dims` of a row-major tensor: the input is seen as
 * [outer, reduced, inner] after moving the reduced dims together. When the reduced
 * dims are already adjacent no copy is needed; otherwise `gatherOrder` gives, for each
 * element in [kept…, reduced…] order, its flat source index.
 */
export interface ReducePlan {
  outer: number;
  reduced: number;
  inner: number;
  gatherOrder: Int32Array | null;
}

export function planReduce(shape: Shape, dims: readonly number[]): ReducePlan {
  const size = shape.reduce((p, d) => p * d, 1);
  const reduced = dims.reduce((p, d) => p * shape[d]!, 1);
  if (dims.length === 0) return { outer: size, reduced: 1, inner: 1, gatherOrder: null };
  const first = dims[0]!;
  const last = dims[dims.length - 1]!;
  if (last - first + 1 === dims.length) {
    const outer = shape.slice(0, first).reduce((p, d) => p * d, 1);
    const inner = shape.slice(last + 1).reduce((p, d) => p * d, 1);
    return { outer, reduced, inner, gatherOrder: null };
  }
  const kept = shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const order = [...kept, ...dims];
  const strides = stridesOf(shape);
  const permShape = order.map((d) => shape[d]!);
  const permStrides = order.map((d) => strides[d]!);
  const gatherOrder = new Int32Array(size);
  const counter = new Array<number>(order.length).fill(0);
  let src = 0;
  for (let i = 0; i < size; i++) {
    gatherOrder[i] = src;
    for (let d = order.length - 1; d >= 0; d--) {
      counter[d]!++;
      src += permStrides[d]!;
      if (counter[d]! < permShape[d]!) break;
      src -= permStrides[d]! * permShape[d]!;
      counter[d] = 0;
    }
  }
  return { outer: size / reduced, reduced, inner: 1, gatherOrder };
}

export type Reducer = 'sum' | 'max' | 'min' | 'prod';

/** out[o, i] = ⊕_r x[o, r, i] for ⊕ in {+, max, min, ×}. */
export function reduceKernel(x: Storage, plan: ReducePlan, reducer: Reducer, out: Storage): void {
  const { outer, reduced, inner, gatherOrder } = plan;
  const src = gatherOrder === null ? x : gathered(x, gatherOrder);
  const init =
    reducer === 'sum'
      ? 0
      : reducer === 'prod'
        ? 1
        : reducer === 'max'
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY;
  for (let o = 0; o < outer; o++) {
    const base = o * reduced * inner;
    for (let i = 0; i < inner; i++) {
      let acc = init;
      let p = base + i;
      if (reducer === 'sum') for (let r = 0; r < reduced; r++, p += inner) acc += src[p]!;
      else if (reducer === 'prod') for (let r = 0; r < reduced; r++, p += inner) acc *= src[p]!;
      else if (reducer === 'max')
        for (let r = 0; r < reduced; r++, p += inner) {
          const v = src[p]!;
          if (v > acc || Number.isNaN(v)) acc = v;
          if (Number.isNaN(acc)) break;
        }
      else
        for (let r = 0; r < reduced; r++, p += inner) {
          const v = src[p]!;
          if (v < acc || Number.isNaN(v)) acc = v;
          if (Number.isNaN(acc)) break;
        }
      out[o * inner + i] = acc;
    }
  }
}

/** Index (0 … reduced−1) of the first max (or min) along the reduced axis. */
export function argReduceKernel(x: Storage, plan: ReducePlan, wantMax: boolean, out: Int32Array): void {
  const { outer, reduced, inner, gatherOrder } = plan;
  const src = gatherOrder === null ? x : gathered(x, gatherOrder);
  for (let o = 0; o < outer; o++) {
    const base = o * reduced * inner;
    for (let i = 0; i < inner; i++) {
      let best = src[base + i]!;
      let bestIndex = 0;
      for (let r = 1; r < reduced && !Number.isNaN(best); r++) {
        const v = src[base + r * inner + i]!;
        if (wantMax ? v > best || Number.isNaN(v) : v < best || Number.isNaN(v)) {
          best = v;
          bestIndex = r;
        }
      }
      out[o * inner + i] = bestIndex;
    }
  }
}

function gathered(x: Storage, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = x[order[i]!]!;
  return out;
}
