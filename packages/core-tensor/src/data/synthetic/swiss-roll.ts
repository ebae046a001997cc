import type { LabelledSet, SeedOptions } from './common.js';
import { checkCount, packLabelled, resolveGenerator } from './common.js';

export interface SwissRollOptions extends SeedOptions {
  /** Number of points (default 1000). */
  n?: number;
  /** Standard deviation of the Gaussian noise added to every coordinate (default 0). */
  noise?: number;
}

/**
 * The swiss roll, like sklearn's make_swiss_roll: t = 1.5π(1 + 2u), h = 21v with u, v ~ U[0, 1),
 * point (t cos t, h, t sin t) + N(0, noise² I). x: float32 [n, 3]; y: float32 [n], the
 * position t along the roll (the manifold coordinate an embedding should recover).
 */
export function makeSwissRoll(options: SwissRollOptions = {}): LabelledSet {
  const { n = 1000, noise = 0 } = options;
  checkCount('makeSwissRoll', 'n', n);
  const generator = resolveGenerator(options);
  const points = new Float64Array(3 * n);
  const positions = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * generator.random());
    const height = 21 * generator.random();
    points[3 * i] = t * Math.cos(t) + noise * generator.normal();
    points[3 * i + 1] = height + noise * generator.normal();
    points[3 * i + 2] = t * Math.sin(t) + noise * generator.normal();
    positions[i] = t;
  }
  return packLabelled(points, positions, 3, generator, false);
}
