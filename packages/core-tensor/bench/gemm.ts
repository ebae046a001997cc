/**
 * GEMM and LeNet-convolution micro-benchmarks for the `js` backend's kernels (float32
 * products from 2048 multiply–adds run on the WebAssembly SIMD GEMM; the "JS kernel" rows
 * time the pure-JS GEMM alone).
 * Run from the repo root: `npx tsx packages/core-tensor/bench/gemm.ts`.
 *
 * Each case is warmed up (≥ 0.3 s, so V8 reaches its optimizing tier), then timed over
 * several repetitions; a repetition loops enough calls to last ≥ 50 ms. The median wall time
 * is the headline; the best repetition and the median CPU time of this process are printed
 * too, since on a shared machine other processes only ever make wall time longer (CPU time
 * stays close to the uncontended wall time: the kernels are single-threaded).
 */
import { conv2dBackwardInput, conv2dBackwardWeight, conv2dForward, conv2dGeometry } from '../src/kernels/conv.js';
import { gemm, gemmJs } from '../src/kernels/gemm.js';
import { maxPool2dBackward, maxPool2dForward, pool2dGeometry } from '../src/kernels/pool.js';

function randomArray(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 4294967296 - 0.5;
  }
  return out;
}

interface Timing {
  /** Median wall-clock seconds per call. */
  median: number;
  /** Fastest repetition, wall-clock seconds per call. */
  best: number;
  /** Median CPU seconds per call consumed by this process. */
  cpu: number;
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] as number;

/** Seconds per call of `fn` (wall median, wall best, CPU median), after warm-up. */
function timeIt(fn: () => void, reps = 7): Timing {
  const warmEnd = performance.now() + 300;
  let calls = 0;
  while (performance.now() < warmEnd || calls < 3) {
    fn();
    calls++;
  }
  const t0 = performance.now();
  fn();
  const once = Math.max(performance.now() - t0, 1e-3);
  const inner = Math.max(1, Math.ceil(50 / once));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    const cpuStart = cpuSeconds();
    for (let i = 0; i < inner; i++) fn();
    cpu.push((cpuSeconds() - cpuStart) / inner);
    wall.push((performance.now() - start) / 1000 / inner);
  }
  return { median: median(wall), best: Math.min(...wall), cpu: median(cpu) };
}

function benchGemm(
  M: number,
  N: number,
  K: number,
  label: string,
  opts: { float64?: boolean; transA?: boolean; transB?: boolean; jsKernel?: boolean } = {},
): void {
  const make = (n: number, seed: number): Float32Array | Float64Array =>
    opts.float64 ? Float64Array.from(randomArray(n, seed)) : randomArray(n, seed);
  const A = make(M * K, 1);
  const B = make(K * N, 2);
  const C = make(M * N, 3);
  const entry = opts.jsKernel ? gemmJs : gemm;
  const t = timeIt(() => entry(opts.transA ?? false, opts.transB ?? false, M, N, K, 1, A, 0, B, 0, 0, C, 0));
  const gflops = (seconds: number): string => ((2 * M * N * K) / seconds / 1e9).toFixed(2).padStart(6);
  console.log(
    `gemm ${label.padEnd(22)} ${gflops(t.median)} GFLOP/s (best ${gflops(t.best)}, by CPU time ${gflops(t.cpu)})  ${(t.median * 1e3).toFixed(3)} ms`,
  );
}

function benchLeNet(batch: number): void {
  const conv = {
    stride: [1, 1] as [number, number],
    padding: [0, 0, 0, 0] as [number, number, number, number],
    dilation: [1, 1] as [number, number],
    groups: 1,
  };
  const pool = {
    kernel: [2, 2] as [number, number],
    stride: [2, 2] as [number, number],
    padding: [0, 0] as [number, number],
    dilation: [1, 1] as [number, number],
    ceilMode: false,
  };
  const g1 = conv2dGeometry([batch, 1, 28, 28], [32, 1, 5, 5], conv);
  const p1 = pool2dGeometry([batch, 32, g1.outH, g1.outW], pool);
  const g2 = conv2dGeometry([batch, 32, p1.outH, p1.outW], [64, 32, 5, 5], conv);
  const p2 = pool2dGeometry([batch, 64, g2.outH, g2.outW], pool);

  const x = randomArray(batch * 28 * 28, 3);
  const w1 = randomArray(32 * 25, 4);
  const w2 = randomArray(64 * 32 * 25, 5);
  const y1 = new Float32Array(batch * 32 * g1.outH * g1.outW);
  const q1 = new Float32Array(batch * 32 * p1.outH * p1.outW);
  const i1 = new Int32Array(q1.length);
  const y2 = new Float32Array(batch * 64 * g2.outH * g2.outW);
  const q2 = new Float32Array(batch * 64 * p2.outH * p2.outW);
  const i2 = new Int32Array(q2.length);
  const dq2 = randomArray(q2.length, 6);
  const dy2 = new Float32Array(y2.length);
  const dw2 = new Float32Array(w2.length);
  const dq1 = new Float32Array(q1.length);
  const dy1 = new Float32Array(y1.length);
  const dw1 = new Float32Array(w1.length);
  const dx = new Float32Array(x.length);

  const forward = (): void => {
    conv2dForward(x, w1, g1, y1);
    maxPool2dForward(y1, p1, q1, i1);
    conv2dForward(q1, w2, g2, y2);
    maxPool2dForward(y2, p2, q2, i2);
  };
  const backward = (): void => {
    maxPool2dBackward(dq2, i2, p2, dy2);
    conv2dBackwardWeight(q1, dy2, g2, dw2);
    conv2dBackwardInput(dy2, w2, g2, dq1);
    maxPool2dBackward(dq1, i1, p1, dy1);
    conv2dBackwardWeight(x, dy1, g1, dw1);
    conv2dBackwardInput(dy1, w1, g1, dx);
  };
  const tf = timeIt(forward, 5);
  const tb = timeIt(backward, 5);
  const pieces: [string, () => void][] = [
    ['conv1 fwd', () => conv2dForward(x, w1, g1, y1)],
    ['conv2 fwd', () => conv2dForward(q1, w2, g2, y2)],
    ['conv2 bwd-weight', () => conv2dBackwardWeight(q1, dy2, g2, dw2)],
    ['conv2 bwd-input', () => conv2dBackwardInput(dy2, w2, g2, dq1)],
    ['conv1 bwd-weight', () => conv2dBackwardWeight(x, dy1, g1, dw1)],
    ['conv1 bwd-input', () => conv2dBackwardInput(dy1, w1, g1, dx)],
  ];
  console.log(`\nLeNet convs (5×5 1→32 on 28×28, pool 2, 5×5 32→64, pool 2), batch ${batch}, float32:`);
  const ms = (t: Timing): string =>
    `${(t.median * 1e3).toFixed(1).padStart(7)} ms (best ${(t.best * 1e3).toFixed(1)}, CPU ${(t.cpu * 1e3).toFixed(1)})`;
  console.log(`  forward          ${ms(tf)}`);
  console.log(`  backward         ${ms(tb)}`);
  console.log(
    `  total            ${ms({ median: tf.median + tb.median, best: tf.best + tb.best, cpu: tf.cpu + tb.cpu })}`,
  );
  for (const [name, fn] of pieces) console.log(`    ${name.padEnd(16)} ${ms(timeIt(fn, 3))}`);
}

for (const n of [64, 128, 256, 512, 1024]) benchGemm(n, n, n, `${n}×${n}×${n}`);
benchGemm(128, 256, 784, '(128×784)·(784×256)');
benchGemm(512, 512, 512, '512 Aᵀ·B', { transA: true });
benchGemm(512, 512, 512, '512 A·Bᵀ', { transB: true });
benchGemm(512, 512, 512, '512 float64', { float64: true });
benchGemm(128, 128, 128, '128 JS kernel', { jsKernel: true });
benchGemm(512, 512, 512, '512 JS kernel', { jsKernel: true });
benchLeNet(64);
