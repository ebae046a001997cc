import type { Tensor } from '@shinkei/core-tensor';
import { DTypeError, ShapeError } from '@shinkei/core-tensor';

/** A data set as plain float64 rows: x[i·d + j] is feature j of sample i. */
export interface DesignRows {
  n: number;
  d: number;
  x: Float64Array;
  y: Float64Array;
}

/** Throw unless x is a float [n, d] matrix of samples (and y, when given, has n entries). */
export function checkSamples(op: string, x: Tensor, y?: Tensor, features?: number): void {
  if (x.ndim !== 2) throw new ShapeError(`${op}: x ${shapeOf(x)} needs 2 dims [samples, features]`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64')
    throw new DTypeError(`${op}: x must be float32 or float64, got ${x.dtype}`);
  if (features !== undefined && x.shape[1] !== features)
    throw new ShapeError(`${op}: x ${shapeOf(x)} needs ${features} features (last dim)`);
  if (y !== undefined && (y.ndim !== 1 || y.shape[0] !== x.shape[0]))
    throw new ShapeError(`${op}: y ${shapeOf(y)} needs shape [${x.shape[0]}] (one target per row of x)`);
}

/** Copy x [n, d] and y [n] into float64 arrays for the classical solvers' loops. */
export function designRows(op: string, x: Tensor, y: Tensor, features?: number): DesignRows {
  checkSamples(op, x, y, features);
  return { n: x.shape[0]!, d: x.shape[1]!, x: Float64Array.from(x.data), y: Float64Array.from(y.data) };
}

/** Throw unless every label is −1 or +1 (the perceptron's convention). */
export function checkSignLabels(op: string, y: Float64Array): void {
  const bad = y.findIndex((v) => v !== 1 && v !== -1);
  if (bad >= 0) throw new RangeError(`${op}: labels must be −1 or +1, got ${y[bad]} at index ${bad}`);
}

/** Throw unless every label is 0 or 1 (logistic regression's Bernoulli targets). */
export function checkBinaryLabels(op: string, y: Float64Array): void {
  const bad = y.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) throw new RangeError(`${op}: labels must be 0 or 1, got ${y[bad]} at index ${bad}`);
}

function shapeOf(t: Tensor): string {
  return `[${t.shape.join(', ')}]`;
}

/** The rows xᵢ, or (xᵢ, 1) with a bias, as one flat array. */
export function augmented(x: Float64Array, n: number, d: number, bias: boolean): Float64Array {
  if (!bias) return x;
  const out = new Float64Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    out.set(x.subarray(i * d, (i + 1) * d), i * (d + 1));
    out[i * (d + 1) + d] = 1;
  }
  return out;
}
