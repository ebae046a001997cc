import type { FloatArray } from './types.js';

/*
 * Matrix–vector special cases of GEMM (M = 1 or N = 1). They are memory-bound, so the
 * packed micro-kernel (which pads to 4×2 tiles) would waste most of its work on them.
 * Sums are accumulated in float64, like the blocked path.
 */

/** Float64 accumulator row, grown on demand and reused across calls. */
let accScratch = new Float64Array(256);

function accumulator(n: number): Float64Array {
  if (accScratch.length < n) accScratch = new Float64Array(Math.max(n, 2 * accScratch.length));
  accScratch.fill(0, 0, n);
  return accScratch;
}

/**
 * Row-vector case M = 1: C[0,j] += α·Σₖ a[k]·op(B)[k,j] for j < N, where a[k] = A[aOff + k]
 * (a 1×K row, or a K×1 column when transposed: both are contiguous).
 */
export function gemvRow(
  transB: boolean,
  N: number,
  K: number,
  alpha: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  C: FloatArray,
  cOff: number,
): void {
  if (transB) {
    // B stored [N×K]: C[j] += α·⟨a, B[j,:]⟩
    for (let j = 0; j < N; j++) {
      let s = 0;
      let bi = bOff + j * K;
      for (let k = 0; k < K; k++) s += (A[aOff + k] as number) * (B[bi++] as number);
      C[cOff + j] = (C[cOff + j] as number) + alpha * s;
    }
    return;
  }
  // B[K×N]: acc ← Σₖ a[k]·B[k,:], one axpy per row of B
  const acc = accumulator(N);
  for (let k = 0; k < K; k++) {
    const ak = A[aOff + k] as number;
    let bi = bOff + k * N;
    for (let j = 0; j < N; j++) acc[j] = (acc[j] as number) + ak * (B[bi++] as number);
  }
  for (let j = 0; j < N; j++) C[cOff + j] = (C[cOff + j] as number) + alpha * (acc[j] as number);
}

/**
 * Column-vector case N = 1: C[i,0] += α·Σₖ op(A)[i,k]·b[k] for i < M, where b[k] = B[bOff + k]
 * (a K×1 column, or a 1×K row when transposed: both are contiguous).
 */
export function gemvCol(
  transA: boolean,
  M: number,
  K: number,
  alpha: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  C: FloatArray,
  cOff: number,
): void {
  if (!transA) {
    // A[M×K]: C[i] += α·⟨A[i,:], b⟩
    for (let i = 0; i < M; i++) {
      let s = 0;
      let ai = aOff + i * K;
      for (let k = 0; k < K; k++) s += (A[ai++] as number) * (B[bOff + k] as number);
      C[cOff + i] = (C[cOff + i] as number) + alpha * s;
    }
    return;
  }
  // A stored [K×M]: acc ← Σₖ b[k]·A[k,:]
  const acc = accumulator(M);
  for (let k = 0; k < K; k++) {
    const bk = B[bOff + k] as number;
    let ai = aOff + k * M;
    for (let i = 0; i < M; i++) acc[i] = (acc[i] as number) + bk * (A[ai++] as number);
  }
  for (let i = 0; i < M; i++) C[cOff + i] = (C[cOff + i] as number) + alpha * (acc[i] as number);
}
