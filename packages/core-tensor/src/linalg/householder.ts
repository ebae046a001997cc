/** Q·R of an m × n matrix by Householder reflections, LAPACK's conventions (dgeqr2 + dorg2r). */
export interface HouseholderQr {
  /** m × qCols, orthonormal columns. */
  readonly q: Float64Array;
  /** qCols × n, upper triangular. */
  readonly r: Float64Array;
  readonly qCols: number;
}

/** √(Σ x_i²) over x[from…to), scaled against overflow and underflow. */
function scaledNorm(x: Float64Array, from: number, to: number): number {
  let scale = 0;
  for (let i = from; i < to; i++) scale = Math.max(scale, Math.abs(x[i]!));
  if (scale === 0) return 0;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const v = x[i]! / scale;
    sum += v * v;
  }
  return scale * Math.sqrt(sum);
}

/**
 * Apply H = I − τ·v·vᵀ to one column y: y[j…m) −= τ·(v·y)·v, with v = (1, v[j+1…m)) read
 * from `v` at `vAt` and y from `y` at `yAt` (rows before j are untouched).
 */
function reflect(v: Float64Array, vAt: number, y: Float64Array, yAt: number, j: number, m: number, tau: number): void {
  let w = y[yAt + j]!;
  for (let i = j + 1; i < m; i++) w += v[vAt + i]! * y[yAt + i]!;
  w *= tau;
  y[yAt + j]! -= w;
  for (let i = j + 1; i < m; i++) y[yAt + i]! -= w * v[vAt + i]!;
}

/**
 * Factor A (m × n, row-major, read-only) as A = Q·R. Step j reflects column j below the
 * diagonal onto e_j with H_j = I − τ_j·v_j·v_jᵀ (v_j[j] = 1), choosing, as LAPACK's dlarfg
 * does, β = −sign(α)·‖x‖ so that R's diagonal is β and no cancellation occurs.
 * Q = H_0⋯H_{k−1} applied to the first qCols columns of I: k = min(m, n) columns (reduced)
 * or m (complete). Columns are stored contiguously (the transpose) so every loop is unit-stride.
 */
export function householderQr(a: Float64Array, m: number, n: number, complete: boolean): HouseholderQr {
  const k = Math.min(m, n);
  const cols = new Float64Array(n * m);
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) cols[c * m + r] = a[r * n + c]!;
  const tau = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const base = j * m;
    const alpha = cols[base + j]!;
    const tailNorm = scaledNorm(cols, base + j + 1, base + m);
    if (tailNorm === 0) continue;
    const beta = (alpha >= 0 ? -1 : 1) * Math.hypot(alpha, tailNorm);
    tau[j] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) cols[base + i]! *= scale;
    cols[base + j] = beta;
    for (let c = j + 1; c < n; c++) reflect(cols, base, cols, c * m, j, m, tau[j]!);
  }
  const qCols = complete ? m : k;
  const r = new Float64Array(qCols * n);
  for (let i = 0; i < Math.min(qCols, m); i++) for (let c = i; c < n; c++) r[i * n + c] = cols[c * m + i]!;
  const qColumns = new Float64Array(qCols * m);
  for (let i = 0; i < qCols; i++) qColumns[i * m + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    if (tau[j] === 0) continue;
    for (let c = j; c < qCols; c++) reflect(cols, j * m, qColumns, c * m, j, m, tau[j]!);
  }
  const q = new Float64Array(m * qCols);
  for (let c = 0; c < qCols; c++) for (let i = 0; i < m; i++) q[i * qCols + c] = qColumns[c * m + i]!;
  return { q, r, qCols };
}
