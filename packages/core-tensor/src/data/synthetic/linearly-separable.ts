import { Tensor } from '../../tensor/tensor.js';
import type { LabelledSet, SeedOptions } from './common.js';
import { checkCount, resolveGenerator } from './common.js';

export interface LinearlySeparableOptions extends SeedOptions {
  /** Number of points (default 100). */
  n?: number;
  /** Dimension of the points (default 2). */
  dim?: number;
  /** The margin γ in [0, 1) every point keeps from the separating hyperplane (default 0.1). */
  margin?: number;
}

/** A linearly separable set with its separator: the data of the perceptron convergence theorem. */
export interface LinearlySeparableSet extends LabelledSet {
  /** The unit normal w* of the separating hyperplane through the origin, float32 [dim]. */
  w: Tensor;
  /** The achieved margin min_i y_i w*·x_i over the stored float32 values (≥ the requested γ). */
  margin: number;
  /** The radius R = max_i ‖x_i‖. */
  radius: number;
}

/**
 * Points separable through the origin with margin γ: draw a unit w* and points x uniformly in
 * the unit ball, then push each point's component along w* from s = w*·x to
 * sign(s)·(γ + (1−γ)|s|), so y·w*·x ≥ γ for every point with y = sign(w*·x) ∈ {−1, +1}.
 * The perceptron makes at most (R/γ)² mistakes on it. x: float32 [n, dim], y: float32 [n].
 */
export function makeLinearlySeparable(options: LinearlySeparableOptions = {}): LinearlySeparableSet {
  const { n = 100, dim = 2, margin = 0.1 } = options;
  checkCount('makeLinearlySeparable', 'n', n);
  if (!(Number.isInteger(dim) && dim >= 1))
    throw new RangeError(`makeLinearlySeparable: dim must be a positive integer, got ${dim}`);
  if (!(margin >= 0 && margin < 1))
    throw new RangeError(`makeLinearlySeparable: margin must be in [0, 1), got ${margin}`);
  const generator = resolveGenerator(options);
  const normal = unitVector(dim, () => generator.normal());
  const storedNormal = Float32Array.from(normal);
  // Aim 1e-6 past γ: float32 storage moves w*·x by at most ~2·2⁻²⁴·‖w*‖‖x‖ < 2e-7.
  const target = margin + 1e-6;
  const x = new Float32Array(n * dim);
  const y = new Float32Array(n);
  let achieved = Number.POSITIVE_INFINITY;
  let radius = 0;
  const point = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    const direction = unitVector(dim, () => generator.normal());
    const length = generator.random() ** (1 / dim);
    let s = 0;
    for (let d = 0; d < dim; d++) s += normal[d]! * (point[d] = length * direction[d]!);
    const label = s >= 0 ? 1 : -1;
    const pushed = label * (target + (1 - target) * Math.abs(s));
    let norm2 = 0;
    let projection = 0;
    for (let d = 0; d < dim; d++) {
      x[i * dim + d] = point[d]! + (pushed - s) * normal[d]!;
      const stored = x[i * dim + d]!;
      norm2 += stored * stored;
      projection += stored * storedNormal[d]!;
    }
    y[i] = label;
    achieved = Math.min(achieved, label * projection);
    radius = Math.max(radius, Math.sqrt(norm2));
  }
  return {
    x: new Tensor(x, [n, dim]),
    y: new Tensor(y, [n]),
    w: new Tensor(storedNormal, [dim]),
    margin: achieved,
    radius,
  };
}

function unitVector(dim: number, draw: () => number): Float64Array {
  const v = new Float64Array(dim);
  let norm = 0;
  while (norm === 0) {
    norm = 0;
    for (let d = 0; d < dim; d++) norm += (v[d] = draw()) ** 2;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let d = 0; d < dim; d++) v[d]! *= scale;
  return v;
}
