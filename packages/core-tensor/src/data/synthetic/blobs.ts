import { Tensor } from '../../tensor/tensor.js';
import type { LabelledSet, SeedOptions } from './common.js';
import { checkCount, evenCounts, packLabelled, resolveGenerator } from './common.js';

export interface BlobsOptions extends SeedOptions {
  /** Total number of points, dealt evenly to the centres (default 100). */
  n?: number;
  /** The centres (a list of points), or how many to draw uniformly in centerBox (default 3). */
  centers?: number | readonly (readonly number[])[];
  /** Dimension of the points when the centres are drawn (default 2). */
  dim?: number;
  /** Standard deviation σ of each isotropic blob (default 1). */
  clusterStd?: number;
  /** Range [low, high) each coordinate of a drawn centre comes from (default [−10, 10)). */
  centerBox?: readonly [number, number];
  /** Shuffle the points (default true); otherwise blob 0 comes first. */
  shuffle?: boolean;
}

/**
 * Isotropic Gaussian blobs, like sklearn's make_blobs: point x = μ_c + σ·ε, ε ~ N(0, I), for
 * blob c. x: float32 [n, dim], y: int32 [n] (the blob index), centers: float32 [k, dim].
 */
export function makeBlobs(options: BlobsOptions = {}): LabelledSet & { centers: Tensor } {
  const { n = 100, clusterStd = 1, centerBox = [-10, 10], shuffle = true } = options;
  checkCount('makeBlobs', 'n', n);
  const generator = resolveGenerator(options);
  const centers = resolveCenters(options.centers ?? 3, options.dim ?? 2, centerBox, () => generator.random());
  const dim = centers[0]!.length;
  const points = new Float64Array(n * dim);
  const labels = new Int32Array(n);
  let row = 0;
  for (const [c, count] of evenCounts(n, centers.length).entries()) {
    for (let i = 0; i < count; i++, row++) {
      for (let d = 0; d < dim; d++) points[row * dim + d] = centers[c]![d]! + clusterStd * generator.normal();
      labels[row] = c;
    }
  }
  const centerTensor = new Tensor(Float32Array.from(centers.flat()), [centers.length, dim]);
  return { ...packLabelled(points, labels, dim, generator, shuffle), centers: centerTensor };
}

function resolveCenters(
  centers: number | readonly (readonly number[])[],
  dim: number,
  [low, high]: readonly [number, number],
  random: () => number,
): (readonly number[])[] {
  if (typeof centers === 'number') {
    if (!(Number.isInteger(centers) && centers >= 1))
      throw new RangeError(`makeBlobs: centers must be a positive integer or a list of points, got ${centers}`);
    if (!(Number.isInteger(dim) && dim >= 1))
      throw new RangeError(`makeBlobs: dim must be a positive integer, got ${dim}`);
    return Array.from({ length: centers }, () => Array.from({ length: dim }, () => low + (high - low) * random()));
  }
  const first = centers[0];
  if (first === undefined || first.length === 0)
    throw new RangeError('makeBlobs: centers must hold at least one non-empty point');
  for (const [i, c] of centers.entries()) {
    if (c.length !== first.length)
      throw new RangeError(`makeBlobs: center ${i} has ${c.length} coordinates, center 0 has ${first.length}`);
  }
  return [...centers];
}
