import type { Storage } from '../../dtype.js';
import type { Shape } from '../../shape.js';
import { stridesOf } from '../../shape.js';

/**
 * Per-dim index maps describe every "rearrange along axes" op at once: output coordinate
 * o along dim d reads source coordinate map[d][o] (−1: no source, use the fill value).
 * Slice is start + o·step, flip is n − 1 − o, repeat is o mod n, pad shifts and clamps
 * or reflects. Maps are small (one entry per coordinate), so the kernels below stay
 * free of per-element closures.
 */
export type AxisMaps = readonly Int32Array[];

/** Flat source offsets per dim: map[d][o] · stride[d], or −1 where the map has no source. */
function offsetsOf(maps: AxisMaps, sourceShape: Shape): Int32Array[] {
  const strides = stridesOf(sourceShape);
  return maps.map((map, d) => map.map((s) => (s < 0 ? -1 : s * strides[d]!)));
}

/** out[o₀, …, oₙ] = src[map₀[o₀], …, mapₙ[oₙ]] (fill where any map is −1); out is row-major over the maps' lengths. */
export function gatherAxes(src: Storage, sourceShape: Shape, maps: AxisMaps, fill: number, out: Storage): void {
  walkRows(offsetsOf(maps, sourceShape), out.length, (rowBase, inner, o) => {
    if (rowBase < 0) {
      out.fill(fill, o, o + inner.length);
      return;
    }
    for (let i = 0; i < inner.length; i++) {
      const off = inner[i]!;
      out[o + i] = off < 0 ? fill : src[rowBase + off]!;
    }
  });
}

/** The adjoint placement: out[map₀[o₀], …] = src[o₀, …] for maps that are one-to-one (slices). */
export function scatterAxes(src: Storage, maps: AxisMaps, targetShape: Shape, out: Storage): void {
  walkRows(offsetsOf(maps, targetShape), src.length, (rowBase, inner, o) => {
    for (let i = 0; i < inner.length; i++) out[rowBase + inner[i]!] = src[o + i]!;
  });
}

/**
 * Visit the output row by row (a row runs along the last dim): `rowBase` is the summed
 * offset of the outer coordinates (−1 when one of them has no source), `inner` the last
 * dim's offsets, `o` the row's first flat output index.
 */
function walkRows(
  offsets: Int32Array[],
  total: number,
  visit: (rowBase: number, inner: Int32Array, o: number) => void,
): void {
  const n = offsets.length;
  if (n === 0) {
    visit(0, Int32Array.of(0), 0);
    return;
  }
  const inner = offsets[n - 1]!;
  if (total === 0 || inner.length === 0) return;
  const counter = new Int32Array(n - 1);
  for (let o = 0; o < total; o += inner.length) {
    let rowBase = 0;
    for (let d = 0; d < n - 1; d++) {
      const off = offsets[d]![counter[d]!]!;
      if (off < 0) {
        rowBase = -1;
        break;
      }
      rowBase += off;
    }
    visit(rowBase, inner, o);
    for (let d = n - 2; d >= 0; d--) {
      if (++counter[d]! < offsets[d]!.length) break;
      counter[d] = 0;
    }
  }
}
