import { Tensor } from '../../tensor/tensor.js';
import type { LabelledSet, SeedOptions } from './common.js';
import { checkCount, packLabelled, resolveGenerator } from './common.js';

export interface GaussianMixtureOptions extends SeedOptions {
  /** Number of points (default 1000). */
  n?: number;
  /** The component means μ_k, one point each (all of the same dimension). */
  means: readonly (readonly number[])[];
  /** Isotropic standard deviation σ_k: one for all components or one per component (default 1). */
  std?: number | readonly number[];
  /** Mixing weights π_k (normalised; default uniform). */
  weights?: readonly number[];
}

/**
 * Samples of the isotropic Gaussian mixture p(x) = Σ_k π_k N(x; μ_k, σ_k² I): each point draws
 * its component k ~ Categorical(π), then x = μ_k + σ_k ε. x: float32 [n, dim], y: int32 [n]
 * (the component), means: float32 [K, dim].
 */
export function makeGaussianMixture(options: GaussianMixtureOptions): LabelledSet & { means: Tensor } {
  const { n = 1000, means, std = 1 } = options;
  checkCount('makeGaussianMixture', 'n', n);
  const k = means.length;
  const dim = means[0]?.length ?? 0;
  if (k === 0 || dim === 0) throw new RangeError('makeGaussianMixture: means must hold at least one non-empty point');
  for (const [i, m] of means.entries()) {
    if (m.length !== dim)
      throw new RangeError(`makeGaussianMixture: mean ${i} has ${m.length} coordinates, mean 0 has ${dim}`);
  }
  const stds = typeof std === 'number' ? Array.from({ length: k }, () => std) : [...std];
  if (stds.length !== k || stds.some((s) => !(s >= 0))) {
    throw new RangeError(
      `makeGaussianMixture: std must be one non-negative number or ${k} of them, got [${stds.join(', ')}]`,
    );
  }
  const cumulative = cumulativeWeights(options.weights ?? means.map(() => 1), k);
  const generator = resolveGenerator(options);
  const points = new Float64Array(n * dim);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = generator.random();
    let c = 0;
    while (c < k - 1 && u >= cumulative[c]!) c++;
    for (let d = 0; d < dim; d++) points[i * dim + d] = means[c]![d]! + stds[c]! * generator.normal();
    labels[i] = c;
  }
  return {
    ...packLabelled(points, labels, dim, generator, false),
    means: new Tensor(Float32Array.from(means.flat()), [k, dim]),
  };
}

function cumulativeWeights(weights: readonly number[], k: number): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (weights.length !== k || weights.some((w) => !(w >= 0)) || !(total > 0)) {
    throw new RangeError(
      `makeGaussianMixture: weights must be ${k} non-negative numbers with a positive sum, got [${weights.join(', ')}]`,
    );
  }
  let running = 0;
  return weights.map((w) => (running += w / total));
}

export interface GaussianRingOptions extends SeedOptions {
  /** Number of points (default 1000). */
  n?: number;
  /** Number of modes K on the ring (default 8). */
  modes?: number;
  /** Ring radius (default 2). */
  radius?: number;
  /** Standard deviation of each mode (default 0.02). */
  std?: number;
}

/**
 * The K-Gaussian ring used to show GAN mode collapse (K = 8 by default): equal-weight modes
 * at μ_k = radius·(cos 2πk/K, sin 2πk/K), each N(μ_k, std² I). Shapes as makeGaussianMixture.
 */
export function makeGaussianRing(options: GaussianRingOptions = {}): LabelledSet & { means: Tensor } {
  const { n = 1000, modes = 8, radius = 2, std = 0.02 } = options;
  if (!(Number.isInteger(modes) && modes >= 1))
    throw new RangeError(`makeGaussianRing: modes must be a positive integer, got ${modes}`);
  const means = Array.from({ length: modes }, (_, k) => [
    radius * Math.cos((2 * Math.PI * k) / modes),
    radius * Math.sin((2 * Math.PI * k) / modes),
  ]);
  return makeGaussianMixture({ ...options, n, means, std });
}
