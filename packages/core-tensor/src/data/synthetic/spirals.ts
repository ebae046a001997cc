import type { LabelledSet, SeedOptions } from './common.js';
import { checkCount, evenCounts, packLabelled, resolveGenerator } from './common.js';

export interface SpiralsOptions extends SeedOptions {
  /** Total number of points, dealt evenly to the arms (default 300). */
  n?: number;
  /** Number of arms k, one class each (default 2). */
  arms?: number;
  /** How many full turns each arm makes from the centre to radius 1 (default 1). */
  turns?: number;
  /** Standard deviation of the Gaussian noise on the angle, in radians (default 0.2). */
  noise?: number;
  /** Shuffle the points (default true); otherwise arm 0 comes first. */
  shuffle?: boolean;
}

/**
 * k interleaved spiral arms (the CS231n spiral set). Point i of arm j (m points) sits at
 * radius r = i/(m−1) and angle θ = 2πj/k + 2π·turns·r + noise·ε, ε ~ N(0, 1):
 * x = r·(cos θ, sin θ). x: float32 [n, 2], y: int32 [n], the arm index in 0 … k−1.
 */
export function makeSpirals(options: SpiralsOptions = {}): LabelledSet {
  const { n = 300, arms = 2, turns = 1, noise = 0.2, shuffle = true } = options;
  checkCount('makeSpirals', 'n', n);
  if (!(Number.isInteger(arms) && arms >= 1))
    throw new RangeError(`makeSpirals: arms must be a positive integer, got ${arms}`);
  const generator = resolveGenerator(options);
  const points = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  let row = 0;
  for (const [arm, count] of evenCounts(n, arms).entries()) {
    for (let i = 0; i < count; i++, row++) {
      const radius = count > 1 ? i / (count - 1) : 0;
      const angle = (2 * Math.PI * arm) / arms + 2 * Math.PI * turns * radius + noise * generator.normal();
      points[2 * row] = radius * Math.cos(angle);
      points[2 * row + 1] = radius * Math.sin(angle);
      labels[row] = arm;
    }
  }
  return packLabelled(points, labels, 2, generator, shuffle);
}
