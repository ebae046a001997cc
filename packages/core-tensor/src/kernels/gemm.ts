import { gemmF32 } from './gemm-wasm.js';
import { gemvCol, gemvRow } from './gemv.js';
import type { FloatArray } from './types.js';

/*
 * Cache-blocked GEMM in the style of Goto / BLIS:
 *
 *   for jc in steps of NC over N            (packed B block, kc×nc, stays in L2/L3)
 *     for pc in steps of KC over K
 *       pack op(B)[pc:pc+kc, jc:jc+nc] into NR-wide k-major micro-panels
 *       for ic in steps of MC over M        (packed A block, mc×kc, stays in L2)
 *         pack op(A)[ic:ic+mc, pc:pc+kc] into MR-tall k-major micro-panels
 *         for each NR-panel of B, for each MR-panel of A:
 *           register-tiled micro-kernel: C[i:i+MR, j:j+NR] += α·Ã·B̃
 *
 * Panels are zero-padded at the edges (and k is padded to even) so the micro-kernel
 * always computes a full MR×NR tile over an even depth; only the valid part of the tile
 * is written back.
 *
 * Why a 4×2 tile unrolled twice over k, and why the packed buffers are fixed-size
 * module constants indexed through masks: V8 hoists loads of a `const` typed array's
 * base pointer out of the loop, and masked indices (`a & MASK`) have a known small range,
 * so index arithmetic needs no overflow checks. A 4×2 tile keeps its 8 accumulators in
 * registers (4×4 spills in V8's allocator). Measured on the development machine this
 * micro-kernel runs ~50% faster than a textbook 4×4 kernel over growable buffers.
 */

/** Rows of C per micro-tile. */
const MR = 4;
/** Columns of C per micro-tile. */
const NR = 2;
/** Depth of one packed block (even). */
const KC = 256;
/** Rows of A per packed block. */
const MC = 128;
/** Columns of B per packed block. */
const NC = 512;

const PACK_A_SIZE = MC * KC; // 2^15
const PACK_B_SIZE = KC * NC; // 2^17
const PACK_A_MASK = PACK_A_SIZE - 1;
const PACK_B_MASK = PACK_B_SIZE - 1;

/** Packed A block: ⌈mc/MR⌉ panels of kc×MR values, k-major. Reused by every call. */
const packA = new Float64Array(PACK_A_SIZE);
/** Packed B block: ⌈nc/NR⌉ panels of kc×NR values, k-major. Reused by every call. */
const packB = new Float64Array(PACK_B_SIZE);

/**
 * Work (M·N·K) from which float32 products go to the WebAssembly kernel; below it, copying
 * the operands in and out costs more than the faster arithmetic saves. Measured with
 * bench/wasm-crossover.ts (the WASM kernel wins from ~1–2.5 thousand multiply–adds).
 */
export const WASM_MIN_WORK = 2048;

/**
 * General matrix multiply, C ← α·op(A)·op(B) + β·C, with C[M×N] row-major (ldc = N):
 * C[i,j] = α·Σₖ op(A)[i,k]·op(B)[k,j] + β·C[i,j].
 *
 * op(A) is A[M×K] (lda = K) or, when `transA`, A is stored [K×M] (lda = M) and transposed.
 * op(B) is B[K×N] (ldb = N) or, when `transB`, B is stored [N×K] (ldb = K) and transposed.
 * Offsets let batched matmul address sub-matrices of larger buffers without copies.
 * As in BLAS, β = 0 overwrites C without reading it (NaN garbage in C is ignored), and C
 * must not overlap A or B.
 *
 * All-float32 products of at least {@link WASM_MIN_WORK} multiply–adds (M·N·K, with M and
 * N > 1) run on the WebAssembly SIMD kernel (`gemmF32`), which sums in float32; the rest,
 * and every product when the engine lacks WebAssembly SIMD, run on {@link gemmJs}.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: FloatArray,
  aOffset: number,
  B: FloatArray,
  bOffset: number,
  beta: number,
  C: FloatArray,
  cOffset: number,
): void {
  if (
    M > 1 &&
    N > 1 &&
    K > 0 &&
    alpha !== 0 &&
    M * N * K >= WASM_MIN_WORK &&
    A instanceof Float32Array &&
    B instanceof Float32Array &&
    C instanceof Float32Array &&
    gemmF32(transA, transB, M, N, K, alpha, A, aOffset, B, bOffset, beta, C, cOffset)
  )
    return;
  gemmJs(transA, transB, M, N, K, alpha, A, aOffset, B, bOffset, beta, C, cOffset);
}

/**
 * The pure-JS GEMM, same contract as {@link gemm}, for any mix of float32 and float64
 * operands. Products are accumulated in float64 and added into C once per depth block of
 * 256 (so float32 C is rounded ⌈K/256⌉ times, not K times).
 */
export function gemmJs(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: FloatArray,
  aOffset: number,
  B: FloatArray,
  bOffset: number,
  beta: number,
  C: FloatArray,
  cOffset: number,
): void {
  if (M <= 0 || N <= 0) return;
  scaleC(M * N, beta, C, cOffset);
  if (K <= 0 || alpha === 0) return;
  if (M === 1) {
    gemvRow(transB, N, K, alpha, A, aOffset, B, bOffset, C, cOffset);
    return;
  }
  if (N === 1) {
    gemvCol(transA, M, K, alpha, A, aOffset, B, bOffset, C, cOffset);
    return;
  }

  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = Math.min(KC, K - pc);
      const kcEven = kc + (kc & 1);
      packPanelsB(transB, B, bOffset, N, K, pc, kc, jc, nc);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packPanelsA(transA, A, aOffset, M, K, ic, mc, pc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          const bPanel = jr * kcEven;
          let cRow = cOffset + ic * N + jc + jr;
          for (let ir = 0; ir < mc; ir += MR) {
            microKernel4x2(kcEven >> 1, ir * kcEven, bPanel, alpha, C, cRow, N, Math.min(MR, mc - ir), nr);
            cRow += MR * N;
          }
        }
      }
    }
  }
}

/** C ← β·C over `len` elements; β = 0 writes exact zeros (BLAS convention). */
function scaleC(len: number, beta: number, C: FloatArray, off: number): void {
  if (beta === 1) return;
  const end = off + len;
  if (beta === 0) C.fill(0, off, end);
  else for (let i = off; i < end; i++) C[i] = (C[i] as number) * beta;
}

/**
 * Packs op(A)[ic:ic+mc, pc:pc+kc] into `packA` as ⌈mc/MR⌉ micro-panels; panel r holds,
 * for each k, the MR values op(A)[ic+r·MR+0..3, pc+k] contiguously. Rows past M and
 * the padding step k = kc (when kc is odd) are zero.
 */
function packPanelsA(
  transA: boolean,
  A: FloatArray,
  aOff: number,
  M: number,
  K: number,
  ic: number,
  mc: number,
  pc: number,
  kc: number,
): void {
  const Ap = packA;
  const padK = kc & 1;
  let dst = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = Math.min(MR, mc - ir);
    const i0 = ic + ir;
    if (mr === MR && !transA) {
      // A[i, p] at aOff + i·K + p
      let r0 = aOff + i0 * K + pc;
      let r1 = r0 + K;
      let r2 = r1 + K;
      let r3 = r2 + K;
      for (let p = 0; p < kc; p++) {
        Ap[dst] = A[r0++] as number;
        Ap[dst + 1] = A[r1++] as number;
        Ap[dst + 2] = A[r2++] as number;
        Ap[dst + 3] = A[r3++] as number;
        dst += MR;
      }
    } else if (mr === MR) {
      // A stored [K×M]: op(A)[i, p] at aOff + p·M + i
      let src = aOff + pc * M + i0;
      for (let p = 0; p < kc; p++) {
        Ap[dst] = A[src] as number;
        Ap[dst + 1] = A[src + 1] as number;
        Ap[dst + 2] = A[src + 2] as number;
        Ap[dst + 3] = A[src + 3] as number;
        dst += MR;
        src += M;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          const i = i0 + r;
          Ap[dst + r] = r < mr ? (A[transA ? aOff + (pc + p) * M + i : aOff + i * K + pc + p] as number) : 0;
        }
        dst += MR;
      }
    }
    if (padK) {
      Ap.fill(0, dst, dst + MR);
      dst += MR;
    }
  }
}

/**
 * Packs op(B)[pc:pc+kc, jc:jc+nc] into `packB` as ⌈nc/NR⌉ micro-panels; panel c holds,
 * for each k, the NR values op(B)[pc+k, jc+c·NR+0..1] contiguously. Columns past N and
 * the padding step k = kc (when kc is odd) are zero.
 */
function packPanelsB(
  transB: boolean,
  B: FloatArray,
  bOff: number,
  N: number,
  K: number,
  pc: number,
  kc: number,
  jc: number,
  nc: number,
): void {
  const Bp = packB;
  const padK = kc & 1;
  let dst = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const j0 = jc + jr;
    if (jr + NR <= nc) {
      if (!transB) {
        // B[p, j] at bOff + p·N + j
        let src = bOff + pc * N + j0;
        for (let p = 0; p < kc; p++) {
          Bp[dst] = B[src] as number;
          Bp[dst + 1] = B[src + 1] as number;
          dst += NR;
          src += N;
        }
      } else {
        // B stored [N×K]: op(B)[p, j] at bOff + j·K + p
        let c0 = bOff + j0 * K + pc;
        let c1 = c0 + K;
        for (let p = 0; p < kc; p++) {
          Bp[dst] = B[c0++] as number;
          Bp[dst + 1] = B[c1++] as number;
          dst += NR;
        }
      }
    } else {
      // a single trailing column (NR = 2)
      let src = transB ? bOff + j0 * K + pc : bOff + pc * N + j0;
      const step = transB ? 1 : N;
      for (let p = 0; p < kc; p++) {
        Bp[dst] = B[src] as number;
        Bp[dst + 1] = 0;
        dst += NR;
        src += step;
      }
    }
    if (padK) {
      Bp[dst] = 0;
      Bp[dst + 1] = 0;
      dst += NR;
    }
  }
}

/**
 * C[0:mr, 0:nr] += α·Ã·B̃ for one packed MR×(2·halfK) panel Ã (at `a` in packA) and one
 * (2·halfK)×NR panel B̃ (at `b` in packB). The 4×2 tile lives in 8 local accumulators;
 * the depth loop is unrolled twice. C is touched once, at the end.
 */
function microKernel4x2(
  halfK: number,
  a: number,
  b: number,
  alpha: number,
  C: FloatArray,
  c: number,
  ldc: number,
  mr: number,
  nr: number,
): void {
  const Ap = packA;
  const Bp = packB;
  let c00 = 0;
  let c01 = 0;
  let c10 = 0;
  let c11 = 0;
  let c20 = 0;
  let c21 = 0;
  let c30 = 0;
  let c31 = 0;
  // Masks bound the index ranges so V8 can drop overflow checks (values are unchanged).
  const n = halfK & 255;
  a &= PACK_A_MASK;
  b &= PACK_B_MASK;
  for (let p = 0; p < n; p++) {
    const ia = a + p * 8;
    const ib = b + p * 4;
    let b0 = Bp[ib] as number;
    let b1 = Bp[ib + 1] as number;
    let a0 = Ap[ia] as number;
    let a1 = Ap[ia + 1] as number;
    let a2 = Ap[ia + 2] as number;
    let a3 = Ap[ia + 3] as number;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c30 += a3 * b0;
    c31 += a3 * b1;
    b0 = Bp[ib + 2] as number;
    b1 = Bp[ib + 3] as number;
    a0 = Ap[ia + 4] as number;
    a1 = Ap[ia + 5] as number;
    a2 = Ap[ia + 6] as number;
    a3 = Ap[ia + 7] as number;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c30 += a3 * b0;
    c31 += a3 * b1;
  }
  if (nr === NR) {
    C[c] = (C[c] as number) + alpha * c00;
    C[c + 1] = (C[c + 1] as number) + alpha * c01;
    if (mr === 1) return;
    c += ldc;
    C[c] = (C[c] as number) + alpha * c10;
    C[c + 1] = (C[c + 1] as number) + alpha * c11;
    if (mr === 2) return;
    c += ldc;
    C[c] = (C[c] as number) + alpha * c20;
    C[c + 1] = (C[c + 1] as number) + alpha * c21;
    if (mr === 3) return;
    c += ldc;
    C[c] = (C[c] as number) + alpha * c30;
    C[c + 1] = (C[c + 1] as number) + alpha * c31;
  } else {
    C[c] = (C[c] as number) + alpha * c00;
    if (mr === 1) return;
    c += ldc;
    C[c] = (C[c] as number) + alpha * c10;
    if (mr === 2) return;
    c += ldc;
    C[c] = (C[c] as number) + alpha * c20;
    if (mr === 3) return;
    c += ldc;
    C[c] = (C[c] as number) + alpha * c30;
  }
}
