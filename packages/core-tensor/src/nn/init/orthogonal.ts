import { ShapeError } from '../../errors.js';
import { defaultGenerator } from '../../random/generator.js';
import { formatShape } from '../../shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { InitOptions } from './fill.js';
import { overwrite } from './fill.js';

export interface OrthogonalOptions extends InitOptions {
  /** Scale of the orthogonal matrix (default 1). */
  gain?: number;
}

/**
 * Saxe et al. (2013): view t as a rows × cols matrix (rows = shape[0]) and fill it
 * with gain·Q, where A = QR is the QR factorisation of a standard Gaussian matrix
 * (of the taller orientation) and Q's columns are signed so that diag(R) > 0 — the
 * Haar-uniform orthogonal matrix. Rows (or columns, whichever are fewer) are orthonormal.
 */
export function orthogonal_(t: Tensor, options: OrthogonalOptions = {}): Tensor {
  if (t.ndim < 2) throw new ShapeError(`orthogonal_: needs a tensor of at least 2 dims, got ${formatShape(t.shape)}`);
  const rows = t.shape[0]!;
  const cols = t.size / rows;
  const g = options.generator ?? defaultGenerator();
  const tall = Math.max(rows, cols);
  const wide = Math.min(rows, cols);
  const a = new Float64Array(tall * wide);
  for (let i = 0; i < a.length; i++) a[i] = g.normal();
  orthonormalizeColumns(a, tall, wide);
  const gain = options.gain ?? 1;
  // a is tall × wide with orthonormal columns; it is t itself when rows ≥ cols, else tᵀ
  let k = 0;
  return overwrite(t, () => {
    const r = Math.floor(k / cols);
    const c = k % cols;
    k++;
    return gain * (rows >= cols ? a[r * wide + c]! : a[c * wide + r]!);
  });
}

/**
 * Modified Gram–Schmidt on the columns of a row-major m × n matrix (m ≥ n), in place:
 * qⱼ = (aⱼ − Σ_{i<j} (qᵢ·aⱼ) qᵢ) / rⱼⱼ, which is the Q of A = QR with diag(R) > 0.
 */
function orthonormalizeColumns(a: Float64Array, m: number, n: number): void {
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0;
      for (let r = 0; r < m; r++) dot += a[r * n + i]! * a[r * n + j]!;
      for (let r = 0; r < m; r++) a[r * n + j]! -= dot * a[r * n + i]!;
    }
    let norm = 0;
    for (let r = 0; r < m; r++) norm += a[r * n + j]! ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) throw new RangeError('orthogonal_: the Gaussian draw was rank-deficient; draw again');
    for (let r = 0; r < m; r++) a[r * n + j]! /= norm;
  }
}
