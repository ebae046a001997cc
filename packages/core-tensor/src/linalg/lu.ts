import { batchSuffix } from './batch.js';
import { LinalgError } from './errors.js';

/** P·A = L·U packed in one n × n array: L below the diagonal (unit diagonal implied), U on and above. */
export interface LuFactors {
  readonly lu: Float64Array;
  readonly n: number;
  /** Row k was swapped with row pivots[k] at step k (LAPACK's ipiv, 0-based). */
  readonly pivots: Int32Array;
  /** det(P) = ±1: the sign of the row permutation. */
  readonly parity: number;
}

/**
 * LU factorization with partial pivoting (Doolittle, row by row): at step k the row with
 * the largest |a_ik|, i ≥ k, becomes the pivot row. Overwrites `a`. A zero pivot column
 * is skipped, so singular matrices factor too (their U has a zero on the diagonal).
 */
export function luFactor(a: Float64Array, n: number): LuFactors {
  const pivots = new Int32Array(n);
  let parity = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let largest = Math.abs(a[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]!);
      if (v > largest) {
        largest = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j]!;
        a[k * n + j] = a[p * n + j]!;
        a[p * n + j] = t;
      }
      parity = -parity;
    }
    const pivot = a[k * n + k]!;
    if (pivot === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const l = a[i * n + k]! / pivot;
      a[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j]! -= l * a[k * n + j]!;
    }
  }
  return { lu: a, n, pivots, parity };
}

/**
 * Factor and refuse a matrix that is singular to working precision: a pivot with
 * |u_kk| ≤ n·ε·max|a_ij| (ε = 2⁻⁵²) means a condition number past 1/(nε), where no
 * digit of a solution would be right.
 */
export function luFactorNonsingular(op: string, a: Float64Array, n: number, index: number, count: number): LuFactors {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]!));
  const factors = luFactor(a, n);
  const threshold = n * Number.EPSILON * largest;
  for (let k = 0; k < n; k++) {
    const pivot = factors.lu[k * n + k]!;
    if (Math.abs(pivot) <= threshold) {
      throw new LinalgError(
        `${op}: the matrix${batchSuffix(index, count)} is singular: pivot ${k} of its LU factorization is ${pivot} (|pivot| ≤ n·ε·max|A| = ${threshold.toExponential(3)})`,
      );
    }
  }
  return factors;
}

/** Overwrite the n × k right-hand sides `b` with A⁻¹b, given PA = LU: permute, then L y = Pb, then U x = y. */
export function luSolveInPlace({ lu, n, pivots }: LuFactors, b: Float64Array, k: number): void {
  for (let i = 0; i < n; i++) {
    const p = pivots[i]!;
    if (p === i) continue;
    for (let j = 0; j < k; j++) {
      const t = b[i * k + j]!;
      b[i * k + j] = b[p * k + j]!;
      b[p * k + j] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    for (let p = 0; p < i; p++) {
      const l = lu[i * n + p]!;
      if (l === 0) continue;
      for (let j = 0; j < k; j++) b[i * k + j]! -= l * b[p * k + j]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let p = i + 1; p < n; p++) {
      const u = lu[i * n + p]!;
      if (u === 0) continue;
      for (let j = 0; j < k; j++) b[i * k + j]! -= u * b[p * k + j]!;
    }
    const d = lu[i * n + i]!;
    for (let j = 0; j < k; j++) b[i * k + j]! /= d;
  }
}

/** sign(det A) ∈ {−1, 0, 1} and log|det A| = Σ log|u_kk| (−∞ when singular), from the LU factors. */
export function luSignLogAbsDet({ lu, n, parity }: LuFactors): { sign: number; logAbsDet: number } {
  let sign = parity;
  let logAbsDet = 0;
  for (let k = 0; k < n; k++) {
    const u = lu[k * n + k]!;
    if (u === 0) return { sign: 0, logAbsDet: Number.NEGATIVE_INFINITY };
    if (u < 0) sign = -sign;
    logAbsDet += Math.log(Math.abs(u));
  }
  return { sign, logAbsDet };
}

/** det A = det(P)·Π u_kk. */
export function luDet({ lu, n, parity }: LuFactors): number {
  let det = parity;
  for (let k = 0; k < n; k++) det *= lu[k * n + k]!;
  return det;
}
