import { matmulT, Tensor } from '@shinkei/core-tensor';

/** A row-major float64 matrix: the working format of this package's kernels. */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** Below this many multiply–adds a plain loop beats the packing of the blocked GEMM. */
const SMALL_PRODUCT = 1 << 16;

/**
 * C = op(A)·op(B) with op(X) = X or Xᵀ, Cᵢⱼ = Σₖ op(A)ᵢₖ op(B)ₖⱼ. Large products go through
 * core-tensor's blocked GEMM (float64 accumulation); small ones, like the 14×9·9×16 products
 * of an RBM on bars-and-stripes, through a direct loop. Transposition is a flag, not a copy.
 */
export function matmulMatrix(a: Matrix, b: Matrix, transA = false, transB = false): Matrix {
  const m = transA ? a.cols : a.rows;
  const depth = transA ? a.rows : a.cols;
  const n = transB ? b.rows : b.cols;
  if (m * n * depth >= SMALL_PRODUCT) {
    const product = matmulT(new Tensor(a.data, [a.rows, a.cols]), new Tensor(b.data, [b.rows, b.cols]), transA, transB);
    return { data: product.data as Float64Array, rows: m, cols: n };
  }
  const out = new Float64Array(m * n);
  const aRow = transA ? 1 : a.cols;
  const aDepth = transA ? a.cols : 1;
  const bDepth = transB ? 1 : b.cols;
  const bCol = transB ? b.cols : 1;
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < depth; k++) {
      const aik = a.data[i * aRow + k * aDepth]!;
      if (aik === 0) continue;
      const bBase = k * bDepth;
      const cBase = i * n;
      for (let j = 0; j < n; j++) out[cBase + j]! += aik * b.data[bBase + j * bCol]!;
    }
  }
  return { data: out, rows: m, cols: n };
}

/** Set the diagonal of a square row-major matrix to zero, in place (wᵢᵢ = 0). */
export function zeroDiagonal(m: Matrix): Matrix {
  for (let i = 0; i < Math.min(m.rows, m.cols); i++) m.data[i * m.cols + i] = 0;
  return m;
}
