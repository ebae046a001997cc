import { LinalgError } from './errors.js';

/** Eigenvalues (ascending) and eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  readonly values: Float64Array;
  /** n × n, row i is the unit eigenvector of values[i] (so this is Vᵀ). */
  readonly vectorRows: Float64Array;
}

/**
 * Householder reduction of a symmetric matrix to tridiagonal form, Q·T·Qᵀ = A (EISPACK's
 * tred2, as ported in the public-domain JAMA). On entry `v` (n × n) holds A, lower triangle
 * read; on exit it holds Q, `d` T's diagonal and `e` its sub-diagonal (e[0] = 0, e[i]
 * pairs rows i − 1 and i).
 */
function tridiagonalize(v: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j]!;
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = f > 0 ? -Math.sqrt(h) : Math.sqrt(h);
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        v[j * n + i] = f;
        g = e[j]! + v[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[k * n + j]! * d[k]!;
          e[k]! += v[k * n + j]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) v[k * n + j]! -= f * e[k]! + g * d[k]!;
        d[j] = v[(i - 1) * n + j]!;
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i]!;
    v[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1]! * v[k * n + j]!;
        for (let k = 0; k <= i; k++) v[k * n + j]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j]!;
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + (n - 1)] = 1;
  e[0] = 0;
}

/**
 * Implicit QL with Wilkinson-type shifts on the tridiagonal T (EISPACK's tql2): Givens
 * rotations drive the sub-diagonal to zero; the same rotations applied to the rows of
 * `z` (= Qᵀ on entry) turn them into eigenvectors. A sub-diagonal entry counts as zero
 * once |e_m| ≤ ε·max(|d_l| + |e_l|).
 */
function tridiagonalQl(z: Float64Array, n: number, d: Float64Array, e: Float64Array, op: string): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let shiftSum = 0;
  let norm = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    norm = Math.max(norm, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n && Math.abs(e[m]!) > eps * norm) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 60)
          throw new LinalgError(`${op}: the QL iteration did not converge for eigenvalue ${l} within 60 steps`);
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        shiftSum += h;
        p = d[m]!;
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          const rowI = i * n;
          const rowNext = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const next = z[rowNext + k]!;
            const current = z[rowI + k]!;
            z[rowNext + k] = s * current + c * next;
            z[rowI + k] = c * current - s * next;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * norm);
    }
    d[l] = d[l]! + shiftSum;
    e[l] = 0;
  }
}

/**
 * A = V·diag(λ)·Vᵀ for a symmetric n × n matrix (lower triangle read; overwritten):
 * tridiagonalize, then implicit QL; eigenvalues sorted ascending, like LAPACK's syevd.
 */
export function symmetricEigen(a: Float64Array, n: number, op: string): SymmetricEigen {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectorRows: a };
  tridiagonalize(a, n, d, e);
  const z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) z[j * n + i] = a[i * n + j]!;
  tridiagonalQl(z, n, d, e, op);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[x]! - d[y]!);
  const values = new Float64Array(n);
  const vectorRows = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = d[from]!;
    vectorRows.set(z.subarray(from * n, (from + 1) * n), to * n);
  });
  return { values, vectorRows };
}
