import type { LabelledSet, SeedOptions } from './common.js';
import { checkCount, evenCounts, packLabelled, resolveGenerator } from './common.js';

export interface XorOptions extends SeedOptions {
  /** Total number of points, dealt evenly to the four corners (default 200; 4 with noise 0 is the truth table). */
  n?: number;
  /** Standard deviation of the Gaussian noise around each corner (default 0.2). */
  noise?: number;
  /** Shuffle the points (default true); otherwise the corners come in the order (−,−), (−,+), (+,−), (+,+). */
  shuffle?: boolean;
}

/**
 * The XOR problem: Gaussian clusters around the corners (±1, ±1), labelled 1 when exactly
 * one coordinate of the corner is positive, y = [s₁ > 0] ⊕ [s₂ > 0]; no line separates the
 * classes. x: float32 [n, 2], y: int32 [n] in {0, 1}.
 */
export function makeXor(options: XorOptions = {}): LabelledSet {
  const { n = 200, noise = 0.2, shuffle = true } = options;
  checkCount('makeXor', 'n', n);
  const generator = resolveGenerator(options);
  const corners = [
    [-1, -1],
    [-1, 1],
    [1, -1],
    [1, 1],
  ] as const;
  const points = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  let row = 0;
  for (const [c, count] of evenCounts(n, 4).entries()) {
    const [s1, s2] = corners[c]!;
    for (let i = 0; i < count; i++, row++) {
      points[2 * row] = s1 + noise * generator.normal();
      points[2 * row + 1] = s2 + noise * generator.normal();
      labels[row] = s1 > 0 !== s2 > 0 ? 1 : 0;
    }
  }
  return packLabelled(points, labels, 2, generator, shuffle);
}
