import type { Storage } from '../../dtype.js';
import type { Shape } from '../../shape.js';
import { stridesOf } from '../../shape.js';
import { copyRun } from './copy-run.js';

/**
 * A unit-step box of a row-major tensor as equal runs of consecutive elements: row r of
 * the box is `length` elements from flat offset `offsets[r]`. The dims after the last
 * partial one are whole, so they merge into each run.
 */
interface BoxRuns {
  offsets: Int32Array;
  length: number;
}

function boxRuns(shape: Shape, starts: readonly number[], sizes: readonly number[]): BoxRuns {
  const strides = stridesOf(shape);
  let last = shape.length - 1;
  while (last > 0 && starts[last] === 0 && sizes[last] === shape[last]) last--;
  const length = sizes[last]! * (strides[last] ?? 1);
  let rows = 1;
  for (let d = 0; d < last; d++) rows *= sizes[d]!;
  const offsets = new Int32Array(rows);
  const counter = new Int32Array(last);
  let offset = 0;
  for (let d = 0; d <= last; d++) offset += starts[d]! * strides[d]!;
  for (let r = 0; r < rows; r++) {
    offsets[r] = offset;
    for (let d = last - 1; d >= 0; d--) {
      offset += strides[d]!;
      if (++counter[d]! < sizes[d]!) break;
      offset -= counter[d]! * strides[d]!;
      counter[d] = 0;
    }
  }
  return { offsets, length };
}

/** out (row-major over `sizes`) = the box of src at `starts` with unit steps. */
export function gatherBox(
  src: Storage,
  shape: Shape,
  starts: readonly number[],
  sizes: readonly number[],
  out: Storage,
): void {
  const { offsets, length } = boxRuns(shape, starts, sizes);
  for (let r = 0; r < offsets.length; r++) copyRun(src, offsets[r]!, out, r * length, length);
}

/** The adjoint: src (row-major over `sizes`) written into the box of out (shape `shape`) at `starts`. */
export function scatterBox(
  src: Storage,
  shape: Shape,
  starts: readonly number[],
  sizes: readonly number[],
  out: Storage,
): void {
  const { offsets, length } = boxRuns(shape, starts, sizes);
  for (let r = 0; r < offsets.length; r++) copyRun(src, r * length, out, offsets[r]!, length);
}
