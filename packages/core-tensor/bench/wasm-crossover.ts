/**
 * Where the WebAssembly SIMD float32 GEMM starts to pay over the pure-JS kernel: both
 * timed (CPU time of this process, median repetition) over ladders of square, skinny and
 * convolution-shaped products, with the work measure of the dispatch threshold
 * (WASM_MIN_WORK in src/kernels/gemm.ts, multiply–adds M·N·K).
 *
 *   npx tsx --conditions=source packages/core-tensor/bench/wasm-crossover.ts
 */
import { gemmJs, WASM_MIN_WORK } from '../src/kernels/gemm.js';
import { gemmF32 } from '../src/kernels/gemm-wasm.js';
import { timeCalls } from './timing.js';

type Shape = [M: number, N: number, K: number, transA?: boolean, transB?: boolean];

function randomArray(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 4294967296 - 0.5;
  }
  return out;
}

/** Microseconds per call, by CPU time (other processes on a shared machine barely move it). */
function microseconds(fn: () => void): number {
  return timeCalls(fn, { warmupMs: 150, reps: 7, repMs: 15 }).cpu * 1e3;
}

function ladder(family: string, shapes: readonly Shape[]): void {
  console.log(`\n${family}`);
  console.log(`${'M×N×K'.padEnd(22)}${'work'.padStart(10)}${'js µs'.padStart(11)}${'wasm µs'.padStart(11)}  js/wasm`);
  let crossover: number | undefined;
  for (const [M, N, K, tA = false, tB = false] of shapes) {
    const A = randomArray(M * K, 1);
    const B = randomArray(K * N, 2);
    const C = new Float32Array(M * N);
    const js = microseconds(() => gemmJs(tA, tB, M, N, K, 1, A, 0, B, 0, 0, C, 0));
    const wasm = microseconds(() => gemmF32(tA, tB, M, N, K, 1, A, 0, B, 0, 0, C, 0));
    if (wasm >= js) crossover = undefined;
    else crossover ??= M * N * K;
    const label = `${M}×${N}×${K}${tA ? ' Aᵀ' : ''}${tB ? ' Bᵀ' : ''}`;
    console.log(
      `${label.padEnd(22)}${String(M * N * K).padStart(10)}${js.toFixed(1).padStart(11)}${wasm.toFixed(1).padStart(11)}  ${(js / wasm).toFixed(2)}`,
    );
  }
  console.log(`wasm faster from work ${crossover ?? '— (never at every larger size)'}`);
}

console.log(`threshold in use: WASM_MIN_WORK = ${WASM_MIN_WORK}`);
ladder(
  'square',
  [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 128].map((n): Shape => [n, n, n]),
);
ladder('skinny output (a linear layer x·Wᵀ, N = 10)', [
  [2, 10, 8, false, true],
  [4, 10, 16, false, true],
  [8, 10, 32, false, true],
  [16, 10, 64, false, true],
  [32, 10, 64, false, true],
  [128, 10, 256, false, true],
]);
ladder('shallow depth (im2col of a 5×5 kernel on 1 channel, K = 25)', [
  [2, 16, 25],
  [4, 36, 25],
  [8, 64, 25],
  [32, 144, 25],
  [32, 576, 25],
]);
ladder('tall and thin (backward of a linear layer, Aᵀ·B)', [
  [8, 8, 16, true, false],
  [16, 16, 32, true, false],
  [32, 32, 64, true, false],
  [256, 10, 128, true, false],
]);
