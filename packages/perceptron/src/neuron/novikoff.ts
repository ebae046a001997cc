import type { Tensor } from '@shinkei/core-tensor';
import { tensor } from '@shinkei/core-tensor';
import { augmented, checkSignLabels, designRows } from './design.js';
import { marginOf, maxMarginSeparator } from './max-margin.js';
import { Perceptron } from './perceptron.js';

export interface NovikoffOptions {
  /** A separating direction w [d] to measure the margin of (normalized here); found when omitted. */
  w?: Tensor;
  /** Its bias b (default 0; used with `bias`). */
  b?: number;
  /**
   * Account for a perceptron that learns a bias: the theorem then applies to the points
   * (xᵢ, 1) and the direction (w, b), so R² = maxᵢ‖xᵢ‖² + 1 (default false).
   */
  bias?: boolean;
  /** Epochs the perceptron may take to find a separator when w is omitted (default 1000). */
  maxEpochs?: number;
}

/** Novikoff's bound and the quantities it is made of. */
export interface NovikoffBound {
  /** R = maxᵢ‖xᵢ‖ (of the (xᵢ, 1) with a bias). */
  radius: number;
  /** γ = minᵢ yᵢ(wᵀxᵢ + b) of the unit separator used. */
  margin: number;
  /** (R/γ)²: no perceptron run from w = 0 makes more updates than this. */
  bound: number;
  /** The unit separator (w, b) whose margin was used. */
  w: Tensor;
  b: number;
  /** Where the separator came from. */
  separator: 'given' | 'perceptron' | 'max-margin';
  /** An upper bound on the best possible margin γ* (∞ for a given separator: not searched). */
  marginUpperBound: number;
}

/**
 * Novikoff's perceptron convergence theorem (chapter 6.1.1, Theorem 1): if a unit vector
 * w* separates the data with margin γ = minᵢ yᵢ w*ᵀxᵢ > 0 and R = maxᵢ‖xᵢ‖, the perceptron
 * started at w = 0 makes at most (R/γ)² updates, whatever the order of the samples. The
 * proof: each update raises w*ᵀw by ≥ ηγ and ‖w‖² by ≤ η²R², and w*ᵀw ≤ ‖w‖.
 *
 * Without `w`, the separator is found by the perceptron itself and then improved by
 * `maxMarginSeparator` (the larger γ, the tighter the bound); throws if the data are not
 * linearly separable or `w` does not separate them.
 */
export function novikoffBound(x: Tensor, y: Tensor, options: NovikoffOptions = {}): NovikoffBound {
  const { bias = false, maxEpochs = 1000 } = options;
  const rows = designRows('novikoffBound', x, y);
  checkSignLabels('novikoffBound', rows.y);
  const dim = rows.d + (bias ? 1 : 0);
  const points = augmented(rows.x, rows.n, rows.d, bias);
  let radius = 0;
  for (let i = 0; i < rows.n; i++) {
    let squared = 0;
    for (let j = 0; j < dim; j++) squared += points[i * dim + j]! ** 2;
    radius = Math.max(radius, Math.sqrt(squared));
  }
  const candidates =
    options.w !== undefined ? [given(options.w, options.b ?? 0, rows.d, bias)] : found(x, y, bias, maxEpochs);
  const scored = candidates.map((c) => ({ ...c, margin: marginOf(c.direction, points, rows.y, dim) }));
  const best = scored.reduce((a, c) => (c.margin > a.margin ? c : a));
  if (!(best.margin > 0)) {
    throw new RangeError(`novikoffBound: the given w does not separate the data (margin ${best.margin} ≤ 0)`);
  }
  const norm = Math.hypot(...best.direction);
  const unit = best.direction.map((c) => c / norm);
  return {
    radius,
    margin: best.margin,
    bound: (radius / best.margin) ** 2,
    w: tensor(unit.slice(0, rows.d), { dtype: 'float64' }),
    b: bias ? unit[rows.d]! : 0,
    separator: best.separator,
    marginUpperBound: best.marginUpperBound,
  };
}

interface Candidate {
  direction: Float64Array;
  separator: NovikoffBound['separator'];
  marginUpperBound: number;
}

function given(w: Tensor, b: number, d: number, bias: boolean): Candidate {
  if (w.ndim !== 1 || w.shape[0] !== d)
    throw new RangeError(`novikoffBound: w must have shape [${d}], got [${w.shape}]`);
  const direction = new Float64Array(d + (bias ? 1 : 0));
  direction.set(w.data);
  if (bias) direction[d] = b;
  return { direction, separator: 'given', marginUpperBound: Number.POSITIVE_INFINITY };
}

/** The perceptron's separator and the max-margin solver's. */
function found(x: Tensor, y: Tensor, bias: boolean, maxEpochs: number): Candidate[] {
  const d = x.shape[1]!;
  const perceptron = new Perceptron(d, { bias, dtype: 'float64' });
  const history = perceptron.fit(x, y, { maxEpochs });
  if (!history.converged) {
    throw new RangeError(
      `novikoffBound: the perceptron still made ${history.updatesPerEpoch.at(-1)} updates in epoch ${maxEpochs}: the data look not linearly separable`,
    );
  }
  const { w, b } = perceptron.parameterValues();
  const solved = maxMarginSeparator(x, y, { bias });
  const withBias = (v: Float64Array, c: number): Float64Array => (bias ? Float64Array.from([...v, c]) : v);
  return [
    { direction: withBias(w, b), separator: 'perceptron', marginUpperBound: solved.marginUpperBound },
    { direction: withBias(solved.w, solved.b), separator: 'max-margin', marginUpperBound: solved.marginUpperBound },
  ];
}
