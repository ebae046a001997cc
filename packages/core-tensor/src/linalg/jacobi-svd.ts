import { LinalgError } from './errors.js';
import { householderQr } from './householder.js';

/** A = U·diag(s)·Vh with s descending. */
export interface SvdFactors {
  /** m × uCols */
  readonly u: Float64Array;
  readonly s: Float64Array;
  /** vhRows × n */
  readonly vh: Float64Array;
  readonly uCols: number;
  readonly vhRows: number;
}

/** Below this (relative to max |a_ij| = 1), a column norm is treated as exactly zero. */
const negligible = 1e-150;
const maxSweeps = 60;

function dotRows(w: Float64Array, p: number, q: number, length: number): number {
  let sum = 0;
  for (let i = 0, a = p * length, b = q * length; i < length; i++) sum += w[a + i]! * w[b + i]!;
  return sum;
}

/** [row p; row q] ← [c·p − s·q; s·p + c·q] */
function rotateRows(w: Float64Array, p: number, q: number, length: number, c: number, s: number): void {
  for (let i = 0, a = p * length, b = q * length; i < length; i++) {
    const x = w[a + i]!;
    const y = w[b + i]!;
    w[a + i] = c * x - s * y;
    w[b + i] = s * x + c * y;
  }
}

/**
 * One-sided Jacobi (Hestenes): rotate pairs of rows of W (k rows of length L) until all
 * are mutually orthogonal, |w_p·w_q| ≤ 2Lε·‖w_p‖‖w_q‖, accumulating the rotations in Z
 * (k × k, starting at I). Then W = diag(‖w_i‖)·X with orthonormal rows X and W₀ = Zᵀ·W.
 * Each rotation zeroes w_p·w_q exactly: with ζ = (‖w_q‖² − ‖w_p‖²)/(2 w_p·w_q),
 * t = sign(ζ)/(|ζ| + √(1 + ζ²)), c = 1/√(1 + t²), s = c·t.
 */
function orthogonalizeRows(w: Float64Array, k: number, length: number, z: Float64Array, op: string): void {
  const tolerance = 2 * Math.max(length, 1) * Number.EPSILON;
  const squaredNorms = new Float64Array(k);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    for (let i = 0; i < k; i++) squaredNorms[i] = dotRows(w, i, i, length);
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const alpha = squaredNorms[p]!;
        const beta = squaredNorms[q]!;
        if (alpha <= negligible * negligible || beta <= negligible * negligible) continue;
        const gamma = dotRows(w, p, q, length);
        if (Math.abs(gamma) <= tolerance * Math.sqrt(alpha * beta)) continue;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateRows(w, p, q, length, c, s);
        rotateRows(z, p, q, k, c, s);
        squaredNorms[p] = alpha - t * gamma;
        squaredNorms[q] = beta + t * gamma;
        rotated = true;
      }
    }
    if (!rotated) return;
  }
  throw new LinalgError(`${op}: one-sided Jacobi did not converge within ${maxSweeps} sweeps`);
}

/**
 * Orthonormal rows spanning the complement of the `known` orthonormal rows (c of length
 * L), `needed` of them: the last columns of the complete Householder QR of [known]ᵀ.
 */
function complementRows(known: Float64Array, c: number, length: number, needed: number): Float64Array {
  const columns = new Float64Array(length * c);
  for (let i = 0; i < c; i++) for (let r = 0; r < length; r++) columns[r * c + i] = known[i * length + r]!;
  const { q } = householderQr(columns, length, c, true);
  const out = new Float64Array(needed * length);
  for (let i = 0; i < needed; i++) for (let r = 0; r < length; r++) out[i * length + r] = q[r * length + c + i]!;
  return out;
}

/**
 * Singular value decomposition of an m × n matrix (read-only) by one-sided Jacobi, which
 * is accurate to a few ulps of ‖A‖ and gives small singular values to high relative
 * accuracy. Tall A (m ≥ n) orthogonalizes the columns of A (W = Aᵀ): U's columns are the
 * normalized columns, Vh = Z. Wide A works on the rows (W = A): Vh's rows are the
 * normalized rows, U = Zᵀ. Singular vectors of exactly zero singular values, and the extra
 * ones of `full` matrices, complete the basis.
 */
export function jacobiSvd(a: Float64Array, m: number, n: number, full: boolean, op: string): SvdFactors {
  const k = Math.min(m, n);
  const tall = m >= n;
  const length = tall ? m : n;
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]!));
  const scale = largest === 0 ? 1 : largest;
  const w = new Float64Array(k * length);
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < n; c++) w[tall ? c * length + r : r * length + c] = a[r * n + c]! / scale;
  }
  const z = new Float64Array(k * k);
  for (let i = 0; i < k; i++) z[i * k + i] = 1;
  orthogonalizeRows(w, k, length, z, op);

  const norms = Array.from({ length: k }, (_, i) => Math.sqrt(dotRows(w, i, i, length)));
  const order = norms.map((_, i) => i).sort((x, y) => norms[y]! - norms[x]!);
  const s = new Float64Array(k);
  const zSorted = new Float64Array(k * k);
  const xRows = full ? length : k;
  const x = new Float64Array(xRows * length);
  let rank = 0;
  order.forEach((from, to) => {
    const norm = norms[from]!;
    zSorted.set(z.subarray(from * k, (from + 1) * k), to * k);
    if (norm <= negligible) return;
    s[to] = norm * scale;
    for (let i = 0; i < length; i++) x[to * length + i] = w[from * length + i]! / norm;
    rank = to + 1;
  });
  if (rank < xRows) x.set(complementRows(x, rank, length, xRows - rank), rank * length);

  if (tall) return { u: transposeRows(x, xRows, m), s, vh: zSorted, uCols: xRows, vhRows: k };
  return { u: transposeRows(zSorted, k, k), s, vh: x, uCols: k, vhRows: xRows };
}

/** The transpose of a rows × cols row-major array. */
function transposeRows(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c]!;
  return out;
}
