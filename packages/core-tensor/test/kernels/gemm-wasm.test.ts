/**
 * The WebAssembly SIMD float32 GEMM against the definition (float64 triple loop) and
 * against the JS kernel.
 *
 * Error bound. The WASM kernel sums the K products of each C element in float32, in depth
 * order; the JS kernel sums them in float64. With u = 2⁻²⁴ and the scale
 * s_ij = |α|·Σₖ |op(A)_ik|·|op(B)_kj| + |β·C_ij| (the size of the terms, free of
 * cancellation), the classical bound for recursive summation gives
 *   |C_wasm − C_exact| ≤ (K + 2)·u·s_ij            (checked against the triple loop),
 * and, for the shapes here (K ≤ 300, random data, where rounding errors grow like √K·u),
 *   |C_wasm − C_js| ≤ 1e-5·s_ij                    (rtol 1e-5 relative to the scale).
 * Element-wise relative error is not bounded (C_ij can cancel to ~0), so both tolerances
 * are taken relative to s_ij, not to |C_ij|.
 */
import type {} from '@shinkei/vitest-config/matchers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gemm, gemmJs } from '../../src/kernels/gemm.js';
import { gemmF32, wasmGemmAvailable } from '../../src/kernels/gemm-wasm.js';
import { compileWasm } from '../../src/kernels/wasm/instance.js';
import { naiveGemm, seededF32 } from './reference.js';

const U = 2 ** -24;
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];
/** [M, N, K]: unit, odd (not multiples of the 4×8 tile), K = 1, skinny, several cache blocks. */
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 9, 4],
  [9, 1, 4],
  [4, 8, 1],
  [13, 17, 1],
  [5, 7, 3],
  [3, 300, 5],
  [31, 33, 65],
  [64, 10, 256],
  [257, 129, 65],
  [133, 517, 263],
];

/** s_ij = |α|·Σₖ |op(A)_ik|·|op(B)_kj| + |β·C_ij| (see the header). */
function termScale(
  tA: boolean,
  tB: boolean,
  [M, N, K]: [number, number, number],
  alpha: number,
  A: Float32Array,
  aOff: number,
  B: Float32Array,
  bOff: number,
  beta: number,
  C: Float32Array,
  cOff: number,
): Float64Array {
  const absA = A.map(Math.abs);
  const absB = B.map(Math.abs);
  const scale = new Float64Array(M * N);
  naiveGemm(tA, tB, M, N, K, Math.abs(alpha), absA, aOff, absB, bOff, 0, scale, 0);
  for (let i = 0; i < M * N; i++) scale[i] = (scale[i] as number) + Math.abs(beta * (C[cOff + i] as number));
  return scale;
}

/** Expects |actual − expected| ≤ tol·scale element-wise (values divided by the scale, then compared). */
function expectWithinScale(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  scale: Float64Array,
  tol: number,
  what: string,
): void {
  const n = scale.length;
  const s = (i: number): number => Math.max(scale[i] as number, Number.MIN_VALUE);
  const got = Float64Array.from({ length: n }, (_, i) => (actual[i] as number) / s(i));
  const want = Float64Array.from({ length: n }, (_, i) => (expected[i] as number) / s(i));
  expect(got, what).toBeAllClose(want, { rtol: 0, atol: tol });
}

/** Runs the WASM kernel, expecting it to be available. */
function runWasm(
  tA: boolean,
  tB: boolean,
  [M, N, K]: [number, number, number],
  alpha: number,
  A: Float32Array,
  aOff: number,
  B: Float32Array,
  bOff: number,
  beta: number,
  C: Float32Array,
  cOff: number,
): void {
  expect(gemmF32(tA, tB, M, N, K, alpha, A, aOff, B, bOff, beta, C, cOff)).toBe(true);
}

describe('gemmF32 (WebAssembly SIMD)', () => {
  it('is available in this engine', () => {
    expect(wasmGemmAvailable()).toBe(true);
  });

  for (const [tA, tB] of TRANSPOSES) {
    const label = `${tA ? 'Aᵀ' : 'A'}·${tB ? 'Bᵀ' : 'B'}`;
    it(`${label}: within the float32 summation bound of the definition and 1e-5 of the JS kernel`, () => {
      let seed = 1;
      for (const shape of SHAPES) {
        const [M, N, K] = shape;
        for (const beta of [0, 1, 0.5]) {
          const [aOff, bOff, cOff] = [3, 5, 7];
          const alpha = -1.25;
          const A = seededF32(aOff + M * K + 2, seed++);
          const B = seededF32(bOff + K * N + 2, seed++);
          const C0 = seededF32(cOff + M * N + 2, seed++);
          const wasm = C0.slice();
          const js = C0.slice();
          const exact = Float64Array.from(C0);
          runWasm(tA, tB, shape, alpha, A, aOff, B, bOff, beta, wasm, cOff);
          gemmJs(tA, tB, M, N, K, alpha, A, aOff, B, bOff, beta, js, cOff);
          naiveGemm(tA, tB, M, N, K, alpha, A, aOff, B, bOff, beta, exact, cOff);
          const scale = termScale(tA, tB, shape, alpha, A, aOff, B, bOff, beta, C0, cOff);
          const window = (x: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }) =>
            x.subarray(cOff, cOff + M * N);
          const what = `M=${M} N=${N} K=${K} β=${beta}`;
          expectWithinScale(window(wasm), window(exact), scale, (K + 2) * U, `${what} vs definition`);
          expectWithinScale(window(wasm), window(js), scale, 1e-5, `${what} vs JS kernel`);
          // elements outside the C window are untouched
          expect(wasm.subarray(0, cOff)).toEqual(C0.subarray(0, cOff));
          expect(wasm.subarray(cOff + M * N)).toEqual(C0.subarray(cOff + M * N));
        }
      }
    });
  }

  it('β = 0 ignores NaN garbage in C', () => {
    const [M, N, K] = [9, 10, 11];
    const A = seededF32(M * K, 1);
    const B = seededF32(K * N, 2);
    const C = new Float32Array(M * N).fill(Number.NaN);
    runWasm(false, false, [M, N, K], 1, A, 0, B, 0, 0, C, 0);
    const exact = new Float64Array(M * N);
    naiveGemm(false, false, M, N, K, 1, A, 0, B, 0, 0, exact, 0);
    expect(C).toBeAllClose(exact, { rtol: 1e-5, atol: 1e-6 });
  });

  it('propagates NaN and ±Inf to the same elements as the JS kernel', () => {
    const [M, N, K] = [37, 29, 70];
    for (const [tA, tB] of TRANSPOSES) {
      const A = seededF32(M * K, 3);
      const B = seededF32(K * N, 4);
      // zeros meet infinities (Inf·0 = NaN), and +Inf meets −Inf in some sums (NaN)
      for (let i = 0; i < A.length; i += 97) A[i] = 0;
      for (let i = 5; i < A.length; i += 211) A[i] = Number.NaN;
      for (let i = 11; i < B.length; i += 173) B[i] = Number.POSITIVE_INFINITY;
      for (let i = 40; i < B.length; i += 389) B[i] = Number.NEGATIVE_INFINITY;
      const wasm = new Float32Array(M * N);
      const js = new Float32Array(M * N);
      runWasm(tA, tB, [M, N, K], 1, A, 0, B, 0, 0, wasm, 0);
      gemmJs(tA, tB, M, N, K, 1, A, 0, B, 0, 0, js, 0);
      const kind = (x: number): string => (Number.isNaN(x) ? 'NaN' : Number.isFinite(x) ? 'finite' : String(x));
      const kinds = (c: Float32Array) => Array.from(c, kind);
      expect(new Set(kinds(js))).toEqual(new Set(['NaN', 'Infinity', '-Infinity', 'finite']));
      expect(kinds(wasm)).toEqual(kinds(js));
    }
  });

  it('gemm dispatches large float32 products to it, bit for bit', () => {
    const [M, N, K] = [96, 80, 72];
    const A = seededF32(M * K, 5);
    const B = seededF32(K * N, 6);
    const viaGemm = new Float32Array(M * N);
    const direct = new Float32Array(M * N);
    gemm(false, true, M, N, K, 1, A, 0, B, 0, 0, viaGemm, 0);
    runWasm(false, true, [M, N, K], 1, A, 0, B, 0, 0, direct, 0);
    expect(viaGemm).toEqual(direct);
  });

  it('moves to a larger memory for large operands', () => {
    const [M, N, K] = [700, 600, 40]; // A, B, C ≈ 1.9 MB
    const A = seededF32(M * K, 7);
    const B = seededF32(K * N, 8);
    const C = new Float32Array(M * N);
    runWasm(false, false, [M, N, K], 1, A, 0, B, 0, 0, C, 0);
    const exact = new Float64Array(M * N);
    naiveGemm(false, false, M, N, K, 1, A, 0, B, 0, 0, exact, 0);
    const scale = termScale(false, false, [M, N, K], 1, A, 0, B, 0, 0, C, 0);
    expectWithinScale(C, exact, scale, (K + 2) * U, 'after growing');
  });

  it('never grows a memory in place (a detached ArrayBuffer would slow every typed-array access in V8)', () => {
    const memory = (
      globalThis as unknown as { WebAssembly: { Memory: { prototype: { grow(pages: number): number } } } }
    ).WebAssembly.Memory.prototype;
    const grow = vi.spyOn(memory, 'grow');
    const [M, N, K] = [900, 800, 3]; // needs more than the first instance's 1 MiB
    const A = seededF32(M * K, 11);
    const B = seededF32(K * N, 12);
    const C = new Float32Array(M * N);
    runWasm(false, false, [M, N, K], 1, A, 0, B, 0, 0, C, 0);
    expect(grow).not.toHaveBeenCalled();
    grow.mockRestore();
    const exact = new Float64Array(M * N);
    naiveGemm(false, false, M, N, K, 1, A, 0, B, 0, 0, exact, 0);
    expect(C).toBeAllClose(exact, { rtol: 1e-6, atol: 1e-6 });
  });

  it('works on after a call too large for the memory it keeps (its instance is dropped)', () => {
    const [M, N, K] = [3000, 3000, 2]; // C alone is 36 MB
    const A = seededF32(M * K, 9);
    const B = seededF32(K * N, 10);
    const C = new Float32Array(M * N);
    runWasm(false, false, [M, N, K], 1, A, 0, B, 0, 0, C, 0);
    for (const i of [0, 1, N, M * N - 1, 4_321_234]) {
      const [r, c] = [Math.floor(i / N), i % N];
      const want = (A[2 * r] as number) * (B[c] as number) + (A[2 * r + 1] as number) * (B[N + c] as number);
      expect(C[i]).toBeCloseTo(want, 6);
    }
    const small = new Float32Array(5 * 9);
    runWasm(false, false, [5, 9, 2], 1, A, 0, B, 0, 0, small, 0);
    const exact = new Float64Array(5 * 9);
    naiveGemm(false, false, 5, 9, 2, 1, A, 0, B, 0, 0, exact, 0);
    expect(small).toBeAllClose(exact, { rtol: 1e-6, atol: 1e-7 });
  });
});

describe('WebAssembly loading', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('compileWasm returns null for bytes the engine rejects', () => {
    expect(compileWasm('AGFzbQ==')).toBeNull(); // magic without a version
  });

  it('compileWasm returns null without a WebAssembly global', () => {
    vi.stubGlobal('WebAssembly', undefined);
    expect(compileWasm('AGFzbQEAAAA=')).toBeNull();
  });

  it('gemm falls back to the JS kernel when WebAssembly is unavailable', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    const fresh = await import('../../src/kernels/gemm.js');
    const wasm = await import('../../src/kernels/gemm-wasm.js');
    const [M, N, K] = [96, 80, 72];
    const A = seededF32(M * K, 9);
    const B = seededF32(K * N, 10);
    const C = new Float32Array(M * N);
    fresh.gemm(false, false, M, N, K, 1, A, 0, B, 0, 0, C, 0);
    expect(wasm.wasmGemmAvailable()).toBe(false);
    const exact = new Float64Array(M * N);
    naiveGemm(false, false, M, N, K, 1, A, 0, B, 0, 0, exact, 0);
    expect(C).toBeAllClose(exact, { rtol: 1e-5, atol: 1e-6 });
  });
});
