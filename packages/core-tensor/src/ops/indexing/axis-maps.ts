import type { Storage } from '../../dtype.js';
import type { Shape } from '../../shape.js';
import { stridesOf } from '../../shape.js';
import { copyRun } from './copy-run.js';

/**
 * Per-dim index maps describe every "rearrange along axes" op at once: output coordinate
 * o along dim d reads source coordinate map[d][o] (−1: no source, use the fill value).
 * Slice is start + o·step, flip is n − 1 − o, repeat is o mod n, pad shifts and clamps
 * or reflects. Maps are small (one entry per coordinate); the kernels below turn them
 * into one base offset per output row and runs of consecutive entries along the last
 * dim, so long runs copy as blocks and nothing allocates per element.
 */
export type AxisMaps = readonly Int32Array[];

/** Flat source offsets per dim: map[d][o] · stride[d], or −1 where the map has no source. */
function offsetsOf(maps: AxisMaps, sourceShape: Shape): Int32Array[] {
  const strides = stridesOf(sourceShape);
  return maps.map((map, d) => map.map((s) => (s < 0 ? -1 : s * strides[d]!)));
}

/** The last dim's offsets as runs: run k covers output positions start[k] … start[k]+length[k], reading from offset[k] on (−1: fill). */
interface Runs {
  start: number[];
  offset: number[];
  length: number[];
}

function runsOf(inner: Int32Array): Runs {
  const runs: Runs = { start: [], offset: [], length: [] };
  for (let i = 0; i < inner.length; i++) {
    const off = inner[i]!;
    const k = runs.start.length - 1;
    const previous = k >= 0 ? runs.offset[k]! : Number.NaN;
    const continues = k >= 0 && (off < 0 ? previous < 0 : previous >= 0 && off === previous + runs.length[k]!);
    if (continues) runs.length[k]!++;
    else {
      runs.start.push(i);
      runs.offset.push(off);
      runs.length.push(1);
    }
  }
  return runs;
}

/** The summed offset of each output row's outer coordinates (−1 where one of them has no source). */
function rowBases(offsets: readonly Int32Array[]): Int32Array {
  const outer = offsets.slice(0, -1);
  const rows = outer.reduce((n, m) => n * m.length, 1);
  const bases = new Int32Array(rows);
  const counter = new Int32Array(outer.length);
  for (let r = 0; r < rows; r++) {
    let base = 0;
    for (let d = 0; d < outer.length; d++) {
      const off = outer[d]![counter[d]!]!;
      if (off < 0) {
        base = -1;
        break;
      }
      base += off;
    }
    bases[r] = base;
    for (let d = outer.length - 1; d >= 0; d--) {
      if (++counter[d]! < outer[d]!.length) break;
      counter[d] = 0;
    }
  }
  return bases;
}

/** out[o₀, …, oₙ] = src[map₀[o₀], …, mapₙ[oₙ]] (fill where any map is −1); out is row-major over the maps' lengths. */
export function gatherAxes(src: Storage, sourceShape: Shape, maps: AxisMaps, fill: number, out: Storage): void {
  if (maps.length === 0) {
    out[0] = src[0]!;
    return;
  }
  const offsets = offsetsOf(maps, sourceShape);
  const inner = offsets[offsets.length - 1]!;
  const runs = runsOf(inner);
  // when no two neighbours are contiguous (strided slices, flips) runs only add overhead
  if (runs.start.length === inner.length) gatherElements(src, rowBases(offsets), inner, fill, out);
  else gatherRuns(src, rowBases(offsets), inner.length, runs, fill, out);
}

function gatherElements(src: Storage, bases: Int32Array, inner: Int32Array, fill: number, out: Storage): void {
  const width = inner.length;
  for (let r = 0, o = 0; r < bases.length; r++, o += width) {
    const base = bases[r]!;
    if (base < 0) out.fill(fill, o, o + width);
    else {
      for (let i = 0; i < width; i++) {
        const off = inner[i]!;
        out[o + i] = off < 0 ? fill : src[base + off]!;
      }
    }
  }
}

function gatherRuns(src: Storage, bases: Int32Array, width: number, runs: Runs, fill: number, out: Storage): void {
  for (let r = 0, o = 0; r < bases.length; r++, o += width) {
    const base = bases[r]!;
    if (base < 0) {
      out.fill(fill, o, o + width);
      continue;
    }
    for (let k = 0; k < runs.start.length; k++) {
      const at = o + runs.start[k]!;
      const off = runs.offset[k]!;
      if (off < 0) out.fill(fill, at, at + runs.length[k]!);
      else copyRun(src, base + off, out, at, runs.length[k]!);
    }
  }
}

/** The adjoint placement: out[map₀[o₀], …] = src[o₀, …] for maps that are one-to-one (slices). */
export function scatterAxes(src: Storage, maps: AxisMaps, targetShape: Shape, out: Storage): void {
  if (maps.length === 0) {
    out[0] = src[0]!;
    return;
  }
  const offsets = offsetsOf(maps, targetShape);
  const width = offsets[offsets.length - 1]!.length;
  const runs = runsOf(offsets[offsets.length - 1]!);
  const bases = rowBases(offsets);
  for (let r = 0, o = 0; r < bases.length; r++, o += width) {
    for (let k = 0; k < runs.start.length; k++) {
      copyRun(src, o + runs.start[k]!, out, bases[r]! + runs.offset[k]!, runs.length[k]!);
    }
  }
}
