import type { LabelledSet, SeedOptions } from './common.js';
import { checkCount, packLabelled, resolveGenerator } from './common.js';

export interface MoonsOptions extends SeedOptions {
  /** Number of points (default 100): ⌊n/2⌋ on the upper moon, the rest on the lower. */
  n?: number;
  /** Standard deviation of the Gaussian noise added to every coordinate (default 0). */
  noise?: number;
  /** Shuffle the points (default true); otherwise the upper moon comes first. */
  shuffle?: boolean;
}

/**
 * Two interleaving half circles, like sklearn's make_moons. Upper moon (label 0):
 * (cos t, sin t); lower moon (label 1): (1 − cos t, ½ − sin t), t evenly spaced in [0, π];
 * plus N(0, noise²) on each coordinate. x: float32 [n, 2], y: int32 [n] in {0, 1}.
 */
export function makeMoons(options: MoonsOptions = {}): LabelledSet {
  const { n = 100, noise = 0, shuffle = true } = options;
  checkCount('makeMoons', 'n', n);
  const generator = resolveGenerator(options);
  const nUpper = Math.floor(n / 2);
  const points = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const lower = i >= nUpper;
    const count = lower ? n - nUpper : nUpper;
    const k = lower ? i - nUpper : i;
    const t = count > 1 ? (Math.PI * k) / (count - 1) : 0;
    points[2 * i] = (lower ? 1 - Math.cos(t) : Math.cos(t)) + noise * generator.normal();
    points[2 * i + 1] = (lower ? 0.5 - Math.sin(t) : Math.sin(t)) + noise * generator.normal();
    labels[i] = lower ? 1 : 0;
  }
  return packLabelled(points, labels, 2, generator, shuffle);
}
