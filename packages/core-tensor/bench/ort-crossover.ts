/**
 * Where the `ort` backend starts to pay: each accelerated op timed on `js` and on `ort`
 * (every size sent to ONNX Runtime) over a ladder of sizes, with the work measure its
 * threshold uses (multiply–adds, pooling taps, summed elements). The thresholds in
 * src/ort/accelerate/thresholds.ts sit at the printed crossovers, rounded down to a power of 2.
 *
 *   npx tsx --conditions=source packages/core-tensor/bench/ort-crossover.ts [--threads n]
 */
import { parseArgs } from 'node:util';
import type { Tensor } from '@shinkei/core-tensor';
import { manualSeed, matmulT, noGrad, randn, relu, sum } from '@shinkei/core-tensor';
import { withBackend } from '../src/backend/index.js';
import { avgPool2d, conv2d, maxPool2d } from '../src/functional/index.js';
import { timeCalls } from './timing.js';

const { values: args } = parseArgs({ options: { threads: { type: 'string' } } });
const ortOptions = {
  thresholds: { matmul: 0, conv: 0, pool: 0, elementwise: 0, reduce: 0, scatteredReduce: 0 },
  ...(args.threads === undefined ? {} : { threads: Number(args.threads) }),
};

interface Case {
  label: string;
  work: number;
  run: () => Tensor;
}

/** Microseconds per call, best repetition (other processes only ever slow one down). */
function microseconds(backend: 'js' | 'ort', run: () => Tensor): number {
  return (
    withBackend(backend, () => timeCalls(() => noGrad(run), { warmupMs: 100, reps: 7, repMs: 15 }).best, ortOptions) *
    1e3
  );
}

function ladder(family: string, cases: readonly Case[]): void {
  console.log(`\n${family}`);
  console.log(`${'case'.padEnd(34)}${'work'.padStart(12)}${'js µs'.padStart(12)}${'ort µs'.padStart(12)}  js/ort`);
  let crossover: number | undefined;
  for (const { label, work, run } of cases) {
    const js = microseconds('js', run);
    const ort = microseconds('ort', run);
    if (ort >= js) crossover = undefined;
    else crossover ??= work;
    console.log(
      `${label.padEnd(34)}${String(work).padStart(12)}${js.toFixed(1).padStart(12)}${ort.toFixed(1).padStart(12)}  ${(js / ort).toFixed(2)}`,
    );
  }
  console.log(`ort faster from work ${crossover ?? '— (never at every larger size)'}`);
}

manualSeed(0);
const matmulCase = (m: number, k: number, n: number, transB = false): Case => {
  const a = randn([m, k]);
  const b = randn(transB ? [n, k] : [k, n]);
  return {
    label: `${m}×${k} · ${k}×${n}${transB ? ' (Bᵀ)' : ''}`,
    work: m * k * n,
    run: () => matmulT(a, b, false, transB),
  };
};
ladder('matmul (work = M·N·K)', [
  matmulCase(4, 4, 4),
  matmulCase(8, 8, 8),
  matmulCase(16, 16, 16),
  matmulCase(24, 24, 24),
  matmulCase(32, 32, 32),
  matmulCase(48, 48, 48),
  matmulCase(64, 64, 64),
  matmulCase(128, 128, 128),
]);
ladder('matmul, skinny (a linear layer)', [
  matmulCase(8, 32, 10, true),
  matmulCase(16, 64, 10, true),
  matmulCase(32, 64, 16, true),
  matmulCase(64, 64, 32, true),
  matmulCase(128, 256, 10, true),
  matmulCase(128, 784, 256, true),
]);

const convCase = (n: number, c: number, size: number, o: number, k: number): Case => {
  const x = randn([n, c, size, size]);
  const w = randn([o, c, k, k]);
  const out = size - k + 1;
  return {
    label: `[${n},${c},${size},${size}] ⋆ ${o}×${c}×${k}×${k}`,
    work: n * o * out * out * c * k * k,
    run: () => conv2d(x, w),
  };
};
ladder('conv2d (work = N·O·outH·outW·C·kH·kW)', [
  convCase(1, 1, 6, 2, 3),
  convCase(1, 2, 8, 4, 3),
  convCase(2, 4, 8, 4, 3),
  convCase(2, 4, 12, 8, 3),
  convCase(4, 8, 12, 8, 3),
  convCase(8, 8, 16, 16, 3),
  convCase(16, 16, 16, 16, 3),
]);

// 2×2 stride-2 max pooling always stays in JS (its tournament kernel is faster), so max
// pooling is measured on 3×3 stride-2 windows with padding 1 (ResNet's stem)
const poolCase = (n: number, c: number, size: number, kind: 'max' | 'avg'): Case => {
  const x = randn([n, c, size, size]);
  const [k, out] = kind === 'max' ? [3, Math.floor((size - 1) / 2) + 1] : [2, Math.floor(size / 2)];
  return {
    label: `${kind} ${k}×${k} over [${n},${c},${size},${size}]`,
    work: n * c * out * out * k * k,
    run: () =>
      kind === 'max' ? maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }) : avgPool2d(x, { kernelSize: 2 }),
  };
};
for (const kind of ['max', 'avg'] as const) {
  ladder(`${kind}Pool2d (work = output elements × taps)`, [
    poolCase(1, 2, 8, kind),
    poolCase(2, 4, 12, kind),
    poolCase(4, 8, 16, kind),
    poolCase(8, 16, 16, kind),
    poolCase(16, 32, 24, kind),
    poolCase(64, 32, 24, kind),
  ]);
}

const reluCase = (shape: number[]): Case => {
  const x = randn(shape);
  return { label: `relu of ${JSON.stringify(shape)}`, work: x.size, run: () => relu(x) };
};
ladder('relu (work = elements)', [
  reluCase([16, 64]),
  reluCase([64, 128]),
  reluCase([128, 256]),
  reluCase([64, 32, 12, 12]),
  reluCase([64, 32, 24, 24]),
]);

const sumCase = (shape: number[], dims: number[]): Case => {
  const x = randn(shape);
  return {
    label: `sum over ${JSON.stringify(dims)} of ${JSON.stringify(shape)}`,
    work: x.size,
    run: () => sum(x, dims),
  };
};
ladder('sum over scattered dims (work = elements)', [
  sumCase([2, 4, 4, 4], [0, 2, 3]),
  sumCase([4, 8, 8, 8], [0, 2, 3]),
  sumCase([8, 16, 12, 12], [0, 2, 3]),
  sumCase([16, 16, 16, 16], [0, 2, 3]),
  sumCase([64, 32, 24, 24], [0, 2, 3]),
]);
ladder('sum over the batch dim (work = elements)', [
  sumCase([16, 64], [0]),
  sumCase([64, 256], [0]),
  sumCase([128, 256], [0]),
  sumCase([128, 1024], [0]),
  sumCase([512, 1024], [0]),
]);
