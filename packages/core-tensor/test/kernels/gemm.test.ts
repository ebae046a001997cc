import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { gemm, gemmJs } from '../../src/kernels/gemm.js';
import { naiveGemm, seededF32, seededF64 } from './reference.js';

const SIZES = [1, 3, 17, 65, 130];
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

function label(tA: boolean, tB: boolean): string {
  return `${tA ? 'Aᵀ' : 'A'}·${tB ? 'Bᵀ' : 'B'}`;
}

describe('gemm', () => {
  for (const [tA, tB] of TRANSPOSES) {
    // gemm sends the larger float32 products to the WebAssembly kernel; gemmJs is the JS kernel alone
    for (const [name, entry] of [
      ['gemm', gemm],
      ['gemmJs', gemmJs],
    ] as const) {
      it(`${name}: ${label(tA, tB)} matches the definition for odd sizes (float32)`, () => {
        let seed = 1;
        for (const M of SIZES) {
          for (const N of SIZES) {
            for (const K of [1, 3, 17, 130, 300]) {
              if (M * N * K > 600_000) continue;
              const A = seededF32(M * K, seed++);
              const B = seededF32(K * N, seed++);
              const C = new Float32Array(M * N);
              const ref = new Float64Array(M * N);
              entry(tA, tB, M, N, K, 1, A, 0, B, 0, 0, C, 0);
              naiveGemm(tA, tB, M, N, K, 1, A, 0, B, 0, 0, ref, 0);
              expect(C, `M=${M} N=${N} K=${K}`).toBeAllClose(ref, { rtol: 1e-5, atol: 1e-5 });
            }
          }
        }
      });
    }

    it(`${label(tA, tB)} is exact to rounding in float64, with α, β and offsets`, () => {
      const cases: [number, number, number][] = [
        [5, 7, 3],
        [17, 65, 130],
        [130, 17, 65],
        [65, 130, 17],
        [4, 2, 257],
        [131, 513, 9],
      ];
      let seed = 100;
      for (const [M, N, K] of cases) {
        const aOff = 3;
        const bOff = 11;
        const cOff = 7;
        const A = seededF64(aOff + M * K + 5, seed++);
        const B = seededF64(bOff + K * N + 5, seed++);
        const C = seededF64(cOff + M * N + 5, seed++);
        const ref = Float64Array.from(C);
        gemm(tA, tB, M, N, K, -0.75, A, aOff, B, bOff, 0.5, C, cOff);
        naiveGemm(tA, tB, M, N, K, -0.75, A, aOff, B, bOff, 0.5, ref, cOff);
        expect(C, `M=${M} N=${N} K=${K}`).toBeAllClose(ref, { rtol: 1e-12, atol: 1e-12 });
        // elements outside the C window are untouched
        expect(C.subarray(0, cOff)).toEqual(ref.subarray(0, cOff));
        expect(C.subarray(cOff + M * N)).toEqual(ref.subarray(cOff + M * N));
      }
    });
  }

  it('β = 0 ignores NaN garbage in C (BLAS convention)', () => {
    for (const [M, N, K] of [
      [9, 10, 11],
      [1, 9, 4],
      [9, 1, 4],
    ] as [number, number, number][]) {
      const A = seededF32(M * K, 1);
      const B = seededF32(K * N, 2);
      const C = new Float32Array(M * N).fill(Number.NaN);
      gemm(false, false, M, N, K, 1, A, 0, B, 0, 0, C, 0);
      const ref = new Float64Array(M * N);
      naiveGemm(false, false, M, N, K, 1, A, 0, B, 0, 0, ref, 0);
      expect(C).toBeAllClose(ref, { rtol: 1e-5, atol: 1e-6 });
    }
  });

  it('K = 0 or α = 0 scales C by β only', () => {
    const C = Float64Array.from([1, 2, 3, 4, 5, 6]);
    gemm(false, false, 2, 3, 0, 1, new Float64Array(0), 0, new Float64Array(0), 0, 2, C, 0);
    expect(Array.from(C)).toEqual([2, 4, 6, 8, 10, 12]);
    gemm(false, false, 2, 3, 0, 1, new Float64Array(0), 0, new Float64Array(0), 0, 0, C, 0);
    expect(Array.from(C)).toEqual([0, 0, 0, 0, 0, 0]);
    const D = Float64Array.from([1, 2, 3, 4]);
    const nanA = new Float64Array(4).fill(Number.NaN);
    gemm(false, false, 2, 2, 2, 0, nanA, 0, nanA, 0, 1, D, 0);
    expect(Array.from(D)).toEqual([1, 2, 3, 4]);
  });

  it('M = 0 or N = 0 is a no-op', () => {
    const C = Float32Array.from([7]);
    gemm(false, false, 0, 1, 3, 1, new Float32Array(3), 0, new Float32Array(3), 0, 0, C, 0);
    gemm(false, false, 1, 0, 3, 1, new Float32Array(3), 0, new Float32Array(3), 0, 0, C, 0);
    expect(C[0]).toBe(7);
  });

  it('handles sizes spanning several cache blocks (K > 256, M > 128, N > 512)', () => {
    const [M, N, K] = [133, 517, 263];
    const A = seededF64(M * K, 5);
    const B = seededF64(K * N, 6);
    for (const [tA, tB] of TRANSPOSES) {
      const C = new Float64Array(M * N);
      const ref = new Float64Array(M * N);
      gemm(tA, tB, M, N, K, 1, A, 0, B, 0, 0, C, 0);
      naiveGemm(tA, tB, M, N, K, 1, A, 0, B, 0, 0, ref, 0);
      expect(C, label(tA, tB)).toBeAllClose(ref, { rtol: 1e-12, atol: 1e-12 });
    }
  });

  it('mixes float32 inputs with a float64 output and vice versa', () => {
    const [M, N, K] = [6, 5, 7];
    const A32 = seededF32(M * K, 8);
    const B64 = seededF64(K * N, 9);
    const C64 = new Float64Array(M * N);
    const ref = new Float64Array(M * N);
    gemm(false, false, M, N, K, 1, A32, 0, B64, 0, 0, C64, 0);
    naiveGemm(false, false, M, N, K, 1, A32, 0, B64, 0, 0, ref, 0);
    expect(C64).toBeAllClose(ref, { rtol: 1e-12, atol: 1e-12 });
  });

  it('batched use through offsets: C[b] = A[b]·B[b]', () => {
    const [batch, M, N, K] = [3, 5, 6, 4];
    const A = seededF32(batch * M * K, 10);
    const B = seededF32(batch * K * N, 11);
    const C = new Float32Array(batch * M * N);
    const ref = new Float64Array(batch * M * N);
    for (let b = 0; b < batch; b++) {
      gemm(false, false, M, N, K, 1, A, b * M * K, B, b * K * N, 0, C, b * M * N);
      naiveGemm(false, false, M, N, K, 1, A, b * M * K, B, b * K * N, 0, ref, b * M * N);
    }
    expect(C).toBeAllClose(ref, { rtol: 1e-5, atol: 1e-6 });
  });
});
