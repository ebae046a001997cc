import type { Generator, Tensor } from '@shinkei/core-tensor';
import { defaultGenerator, ShapeError } from '@shinkei/core-tensor';
import { float64Tensor, readVector, type VectorLike } from '../tensors.js';

/** Options of every random function: the seeded core-tensor generator to draw from. */
export interface GeneratorOption {
  generator?: Generator;
}

/** Fill `out` with independent unbiased spins, P(ξᵢ = +1) = P(ξᵢ = −1) = ½. */
export function fillRandomSpins(out: Float64Array, generator: Generator): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = generator.nextUint32() & 1 ? 1 : -1;
  return out;
}

/** P random patterns ξ^μ ∈ {−1, +1}^N with independent unbiased bits: a Tensor [P, N]. */
export function randomPatterns(count: number, size: number, options: GeneratorOption = {}): Tensor {
  const data = fillRandomSpins(new Float64Array(count * size), options.generator ?? defaultGenerator());
  return float64Tensor(data, [count, size]);
}

/** Overlap m = (1/N) Σᵢ aᵢbᵢ of two spin states: 1 for equal, −1 for opposite, ≈ 0 for unrelated. */
export function overlap(a: VectorLike, b: VectorLike): number {
  const x = readVector('overlap', a);
  const y = readVector('overlap', b, x.length);
  return overlapOf(x, y);
}

/** m = (1/N) Σᵢ aᵢbᵢ on raw arrays (N = a.length). */
export function overlapOf(a: ArrayLike<number>, b: ArrayLike<number>, offsetB = 0): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[offsetB + i]!;
  return sum / a.length;
}

/** A copy of a spin pattern with exactly `count` distinct bits flipped, chosen uniformly: overlap 1 − 2k/N. */
export function flipBits(pattern: VectorLike, count: number, options: GeneratorOption = {}): Tensor {
  const state = readVector('flipBits', pattern);
  if (!Number.isInteger(count) || count < 0 || count > state.length) {
    throw new RangeError(`flipBits: count must be an integer in [0, ${state.length}], got ${count}`);
  }
  flipRandomBits(state, count, options.generator ?? defaultGenerator());
  return float64Tensor(state, [state.length]);
}

/** Flip `count` distinct uniformly chosen entries of `state` in place (partial Fisher–Yates). */
export function flipRandomBits(state: Float64Array, count: number, generator: Generator): void {
  const indices = new Int32Array(state.length);
  for (let i = 0; i < indices.length; i++) indices[i] = i;
  for (let k = 0; k < count; k++) {
    const j = k + generator.randint(0, indices.length - k);
    const chosen = indices[j]!;
    indices[j] = indices[k]!;
    indices[k] = chosen;
    state[chosen] = -state[chosen]!;
  }
}

/** A rectangle of an image pattern: columns [x, x + width), rows [y, y + height). */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A copy of an image pattern (row-major, `imageWidth` columns) with a rectangular region
 * overwritten by `fill` (−1 by default: "erase" that part of the memory cue).
 */
export function maskRegion(pattern: VectorLike, imageWidth: number, region: Region, fill = -1): Tensor {
  const state = readVector('maskRegion', pattern);
  const imageHeight = state.length / imageWidth;
  if (!Number.isInteger(imageHeight)) {
    throw new ShapeError(`maskRegion: ${state.length} values do not form rows of width ${imageWidth}`);
  }
  const { x, y, width, height } = region;
  if (x < 0 || y < 0 || x + width > imageWidth || y + height > imageHeight) {
    throw new RangeError(
      `maskRegion: region ${width}×${height} at (${x}, ${y}) leaves the ${imageWidth}×${imageHeight} image`,
    );
  }
  for (let row = y; row < y + height; row++) state.fill(fill, row * imageWidth + x, row * imageWidth + x + width);
  return float64Tensor(state, [state.length]);
}
