import type { LabelledSet, SeedOptions } from './common.js';
import { checkCount, packLabelled, resolveGenerator } from './common.js';

export interface CirclesOptions extends SeedOptions {
  /** Number of points (default 100): ⌊n/2⌋ on the outer circle, the rest on the inner. */
  n?: number;
  /** Standard deviation of the Gaussian noise added to every coordinate (default 0). */
  noise?: number;
  /** Inner radius relative to the outer one, in (0, 1) (default 0.8). */
  factor?: number;
  /** Shuffle the points (default true); otherwise the outer circle comes first. */
  shuffle?: boolean;
}

/**
 * Two concentric circles, like sklearn's make_circles. Outer (label 0): (cos t, sin t);
 * inner (label 1): factor·(cos t, sin t), t = 2πk/count for k = 0 … count−1; plus
 * N(0, noise²) on each coordinate. x: float32 [n, 2], y: int32 [n] in {0, 1}.
 */
export function makeCircles(options: CirclesOptions = {}): LabelledSet {
  const { n = 100, noise = 0, factor = 0.8, shuffle = true } = options;
  checkCount('makeCircles', 'n', n);
  if (!(factor > 0 && factor < 1)) throw new RangeError(`makeCircles: factor must be in (0, 1), got ${factor}`);
  const generator = resolveGenerator(options);
  const nOuter = Math.floor(n / 2);
  const points = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const inner = i >= nOuter;
    const count = inner ? n - nOuter : nOuter;
    const t = (2 * Math.PI * (inner ? i - nOuter : i)) / count;
    const radius = inner ? factor : 1;
    points[2 * i] = radius * Math.cos(t) + noise * generator.normal();
    points[2 * i + 1] = radius * Math.sin(t) + noise * generator.normal();
    labels[i] = inner ? 1 : 0;
  }
  return packLabelled(points, labels, 2, generator, shuffle);
}
