import type { Tensor } from '@shinkei/core-tensor';
import { augmented, checkSignLabels, designRows } from './design.js';

export interface MaxMarginOptions {
  /** Include a bias: separate the points (xᵢ, 1) instead of xᵢ (default false). */
  bias?: boolean;
  /** Stop once the margin found is within this relative distance of the proven upper bound (default 1e-6). */
  tol?: number;
  /** Most passes over the data (default 10 000). */
  maxEpochs?: number;
}

/** A separating direction with its margin and a certificate of how far from the best it can be. */
export interface MaxMarginResult {
  /** The unit normal (w, b), ‖(w, b)‖ = 1 (b = 0 without a bias). */
  w: Float64Array;
  b: number;
  /** γ = minᵢ yᵢ(wᵀxᵢ + b): the margin of this direction, a lower bound on the best γ*. */
  margin: number;
  /** An upper bound on γ*, from weak duality: γ* ≤ 1/√(2 D(α)). */
  marginUpperBound: number;
  epochs: number;
}

/**
 * The maximum-margin separator through the origin (hard-margin SVM without a bias term):
 * minimize ½‖v‖² subject to yᵢ vᵀxᵢ ≥ 1, then γ* = 1/‖v*‖. Solved by dual coordinate
 * ascent (Hildreth; Hsieh et al. 2008): maximize D(α) = Σαᵢ − ½‖Σαᵢyᵢxᵢ‖² over α ≥ 0 one
 * coordinate at a time, αᵢ ← max(0, αᵢ − (yᵢvᵀxᵢ − 1)/‖xᵢ‖²) with v = Σαᵢyᵢxᵢ. Every
 * iterate certifies minᵢ yᵢvᵀxᵢ/‖v‖ ≤ γ* ≤ 1/√(2D(α)); it stops when the two meet.
 * Throws when the data are not linearly separable (D grows without bound).
 */
export function maxMarginSeparator(x: Tensor, y: Tensor, options: MaxMarginOptions = {}): MaxMarginResult {
  const { bias = false, tol = 1e-6, maxEpochs = 10_000 } = options;
  const rows = designRows('maxMarginSeparator', x, y);
  checkSignLabels('maxMarginSeparator', rows.y);
  const points = augmented(rows.x, rows.n, rows.d, bias);
  const dim = rows.d + (bias ? 1 : 0);
  const alpha = new Float64Array(rows.n);
  const v = new Float64Array(dim);
  const squaredNorms = Float64Array.from({ length: rows.n }, (_, i) => dot(points, i, points, i, dim));
  let best = { margin: Number.NEGATIVE_INFINITY, v: new Float64Array(dim) };
  let upper = Number.POSITIVE_INFINITY;
  let epochs = 0;
  while (epochs < maxEpochs) {
    epochs++;
    for (let i = 0; i < rows.n; i++) {
      if (squaredNorms[i] === 0) continue;
      const slack = rows.y[i]! * dotWith(v, points, i, dim) - 1;
      const next = Math.max(0, alpha[i]! - slack / squaredNorms[i]!);
      const step = (next - alpha[i]!) * rows.y[i]!;
      if (step !== 0) for (let j = 0; j < dim; j++) v[j]! += step * points[i * dim + j]!;
      alpha[i] = next;
    }
    const dual = alpha.reduce((s, a) => s + a, 0) - 0.5 * dotWith(v, v, 0, dim);
    if (dual > 0) upper = Math.min(upper, 1 / Math.sqrt(2 * dual));
    const margin = marginOf(v, points, rows.y, dim);
    if (margin > best.margin) best = { margin, v: v.slice() };
    if (best.margin > 0 && best.margin >= (1 - tol) * upper) break;
  }
  if (!(best.margin > 0))
    throw new RangeError(
      `maxMarginSeparator: no separating direction found in ${epochs} epochs (not linearly separable?)`,
    );
  const norm = Math.sqrt(dotWith(best.v, best.v, 0, dim));
  const unit = best.v.map((c) => c / norm);
  return {
    w: unit.slice(0, rows.d),
    b: bias ? unit[rows.d]! : 0,
    margin: best.margin,
    marginUpperBound: upper,
    epochs,
  };
}

/** minᵢ yᵢ vᵀxᵢ / ‖v‖: the margin of direction v (−∞ for v = 0). */
export function marginOf(v: Float64Array, points: Float64Array, y: Float64Array, dim: number): number {
  const norm = Math.sqrt(dotWith(v, v, 0, dim));
  if (norm === 0) return Number.NEGATIVE_INFINITY;
  let margin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < y.length; i++) margin = Math.min(margin, (y[i]! * dotWith(v, points, i, dim)) / norm);
  return margin;
}

function dot(a: Float64Array, i: number, b: Float64Array, k: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += a[i * dim + j]! * b[k * dim + j]!;
  return s;
}

/** vᵀ(row i of points). */
function dotWith(v: Float64Array, points: Float64Array, i: number, dim: number): number {
  return dot(v, 0, points, i, dim);
}
