import { describe, expect, it } from 'vitest';
import { gatherAxes, scatterAxes } from '../../src/ops/indexing/axis-maps.js';
import { gatherBox, scatterBox } from '../../src/ops/indexing/box-runs.js';
import { Generator } from '../../src/random/generator.js';

const generator = new Generator(11);
const int = (n: number): number => Math.floor(generator.random() * n);
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The same box as per-dim index maps (the general path). */
const mapsOf = (starts: readonly number[], sizes: readonly number[]): Int32Array[] =>
  sizes.map((n, d) => Int32Array.from({ length: n }, (_, o) => starts[d]! + o));

describe('unit-step boxes copy as runs, as the index-map kernels do', () => {
  it('gather and scatter agree with gatherAxes/scatterAxes on random boxes of rank 1–4 (empty and whole dims too)', () => {
    for (let trial = 0; trial < 300; trial++) {
      const rank = 1 + int(4);
      const shape = Array.from({ length: rank }, () => int(5));
      const starts = shape.map((n) => int(n + 1));
      // whole, empty or partial extents, so runs merge over trailing whole dims
      const sizes = shape.map((n, d) => (trial % 3 === 0 && starts[d] === 0 ? n : int(n - starts[d]! + 1)));
      const src = Float64Array.from({ length: size(shape) }, (_, i) => i + 1);
      const expected = new Float64Array(size(sizes));
      gatherAxes(src, shape, mapsOf(starts, sizes), 0, expected);
      const got = new Float64Array(size(sizes));
      gatherBox(src, shape, starts, sizes, got);
      expect(Array.from(got), JSON.stringify({ shape, starts, sizes })).toEqual(Array.from(expected));

      const placed = new Float64Array(size(shape));
      scatterAxes(expected, mapsOf(starts, sizes), shape, placed);
      const scattered = new Float64Array(size(shape));
      scatterBox(expected, shape, starts, sizes, scattered);
      expect(Array.from(scattered)).toEqual(Array.from(placed));
    }
  });
});
