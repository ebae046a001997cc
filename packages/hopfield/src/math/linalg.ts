/**
 * Eigendecomposition A = V diag(λ) Vᵀ of a symmetric n×n matrix (row-major) by cyclic Jacobi
 * rotations: each rotation J(p, q, θ) zeroes a_pq, with tan θ = t solving
 * t² + 2t·(a_qq − a_pp)/(2a_pq) − 1 = 0 (the smaller root). Converges quadratically; the
 * columns of V are the eigenvectors. Meant for the small Gram matrices of this package
 * (a few hundred rows at most).
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i]! * a[i]!;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! * a[p * n + q]!;
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotateColumns(a, n, p, q, c, s);
        rotateRows(a, n, p, q, c, s);
        rotateColumns(v, n, p, q, c, s);
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return { values, vectors: v };
}

function rotateColumns(m: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const mkp = m[k * n + p]!;
    const mkq = m[k * n + q]!;
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
}

function rotateRows(m: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const mpk = m[p * n + k]!;
    const mqk = m[q * n + k]!;
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
}

/**
 * Moore–Penrose pseudo-inverse of a symmetric matrix, A⁺ = V diag(1/λ for |λ| > tol) Vᵀ with
 * tol = n·ε·max|λ| (NumPy's default rule). Equals A⁻¹ when A is invertible.
 */
export function symmetricPseudoInverse(matrix: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(values[i]!));
  const tolerance = n * Number.EPSILON * largest;
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const lambda = values[k]!;
    if (Math.abs(lambda) <= tolerance) continue;
    const inv = 1 / lambda;
    for (let i = 0; i < n; i++) {
      const vik = vectors[i * n + k]! * inv;
      if (vik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j]! += vik * vectors[j * n + k]!;
    }
  }
  return out;
}

/**
 * Solve A x = b for a symmetric matrix by Cholesky factorisation A = LLᵀ (forward then back
 * substitution), falling back to x = A⁺b when A is not positive definite (singular, say).
 */
export function solveSymmetric(matrix: Float64Array, n: number, rhs: Float64Array): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = matrix[j * n + j]!;
    for (let k = 0; k < j; k++) diagonal -= l[j * n + k]! * l[j * n + k]!;
    if (!(diagonal > 1e-12 * Math.abs(matrix[j * n + j]!) && diagonal > 0)) return pseudoInverseSolve(matrix, n, rhs);
    const root = Math.sqrt(diagonal);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let value = matrix[i * n + j]!;
      for (let k = 0; k < j; k++) value -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = value / root;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let value = rhs[i]!;
    for (let k = 0; k < i; k++) value -= l[i * n + k]! * y[k]!;
    y[i] = value / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let value = y[i]!;
    for (let k = i + 1; k < n; k++) value -= l[k * n + i]! * x[k]!;
    x[i] = value / l[i * n + i]!;
  }
  return x;
}

function pseudoInverseSolve(matrix: Float64Array, n: number, rhs: Float64Array): Float64Array {
  const inverse = symmetricPseudoInverse(matrix, n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let value = 0;
    for (let j = 0; j < n; j++) value += inverse[i * n + j]! * rhs[j]!;
    x[i] = value;
  }
  return x;
}
