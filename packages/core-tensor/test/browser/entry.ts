/*
 * Runs in a browser page (bundled by bundle.ts, loaded by browser.test.ts): trains an MLP
 * on two moons with the public entry points, multiplies two 256×256 float32 matrices, and
 * leaves what it measured on `globalThis.__result`. The kernel imports are internal, for
 * telling which GEMM ran.
 */
import { argmax, crossEntropy, Generator, manualSeed, randn, tensor } from '@shinkei/core-tensor';
import { Linear, ReLU, Sequential } from '@shinkei/core-tensor/nn';
import { Adam } from '@shinkei/core-tensor/optim';
import { gemmJs } from '../../src/kernels/gemm.js';
import { gemmF32, wasmGemmAvailable } from '../../src/kernels/gemm-wasm.js';

/** What the page reports. */
export interface BrowserResult {
  userAgent: string;
  lossBefore: number;
  lossAfter: number;
  accuracy: number;
  /** `a.matmul(b)` for the 256×256 operands, and the same product by a float64 triple loop. */
  matmul: number[];
  naive: number[];
  /** wasmGemmAvailable() after the run. */
  wasmAvailable: boolean;
  /** gemmF32 ran (returned true) on the 256×256 operands. */
  wasmRan: boolean;
  /** matmul's result equals gemmF32's bit for bit. */
  matmulIsWasm: boolean;
  /** Elements where the JS kernel (float64 sums) differs from gemmF32 (float32 sums): > 0 makes matmulIsWasm telling. */
  jsWasmDifferences: number;
  /** Milliseconds for one 256³ product on each kernel, after a warm-up call (informational). */
  wasmMs: number;
  jsMs: number;
}

const N = 256;

/** Two interleaving half circles (like makeMoons), labels 0 (upper) and 1 (lower), noise σ = 0.1. */
function moons(n: number, seed: number) {
  const generator = new Generator(seed);
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const lower = i % 2 === 1;
    const t = Math.PI * generator.random();
    const x = lower ? 1 - Math.cos(t) : Math.cos(t);
    const y = lower ? 0.5 - Math.sin(t) : Math.sin(t);
    points.push([x + 0.1 * generator.normal(), y + 0.1 * generator.normal()]);
    labels.push(lower ? 1 : 0);
  }
  return { x: tensor(points), y: tensor(labels, { dtype: 'int32' }) };
}

function train(): Pick<BrowserResult, 'lossBefore' | 'lossAfter' | 'accuracy'> {
  manualSeed(0);
  const { x, y } = moons(200, 1);
  const model = new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 2));
  const optimizer = new Adam(model.parameters(), { lr: 0.05 });
  let lossBefore = Number.NaN;
  let lossAfter = Number.NaN;
  for (let step = 0; step < 200; step++) {
    const loss = crossEntropy(model.forward(x), y);
    if (step === 0) lossBefore = loss.item();
    lossAfter = loss.item();
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
  }
  const accuracy = argmax(model.forward(x), 1).eq(y).float().mean().item();
  return { lossBefore, lossAfter, accuracy };
}

/** Milliseconds of a second call of `run` (the first one warms it up). */
function warmMs(run: () => unknown): number {
  run();
  const start = performance.now();
  run();
  return performance.now() - start;
}

function multiply(): Omit<BrowserResult, 'userAgent' | 'lossBefore' | 'lossAfter' | 'accuracy'> {
  manualSeed(2);
  const a = randn([N, N]);
  const b = randn([N, N]);
  const A = a.data as Float32Array;
  const B = b.data as Float32Array;
  const matmul = a.matmul(b).data as Float32Array;

  const naive = new Float64Array(N * N);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      let sum = 0;
      for (let k = 0; k < N; k++) sum += A[i * N + k]! * B[k * N + j]!;
      naive[i * N + j] = sum;
    }

  const wasm = new Float32Array(N * N);
  const wasmRan = gemmF32(false, false, N, N, N, 1, A, 0, B, 0, 0, wasm, 0);
  const wasmMs = warmMs(() => gemmF32(false, false, N, N, N, 1, A, 0, B, 0, 0, wasm, 0));
  const js = new Float32Array(N * N);
  const jsMs = warmMs(() => gemmJs(false, false, N, N, N, 1, A, 0, B, 0, 0, js, 0));

  let jsWasmDifferences = 0;
  for (let i = 0; i < N * N; i++) if (js[i] !== wasm[i]) jsWasmDifferences++;
  return {
    matmul: Array.from(matmul),
    naive: Array.from(naive),
    wasmAvailable: wasmGemmAvailable(),
    wasmRan,
    matmulIsWasm: matmul.every((v, i) => Object.is(v, wasm[i])),
    jsWasmDifferences,
    wasmMs,
    jsMs,
  };
}

const page = globalThis as { __result?: BrowserResult | { error: string }; navigator?: { userAgent: string } };
try {
  page.__result = { userAgent: page.navigator?.userAgent ?? '', ...train(), ...multiply() };
} catch (error) {
  page.__result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
