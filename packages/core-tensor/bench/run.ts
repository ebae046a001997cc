/**
 * Runs core-tensor's benchmarks one after another, each in its own Node process (so one's
 * JIT state and ONNX Runtime sessions do not colour the next):
 *
 *   pnpm bench                          # gemm, wasm-crossover, backends, ort-crossover
 *   pnpm bench gemm ort-crossover       # a subset, in the order given
 *
 * `gemm` times the JS kernels (the WebAssembly SIMD GEMM and the pure-JS one);
 * `wasm-crossover` the sizes from which the WebAssembly GEMM pays; `backends` the MLP and
 * CNN steps on `js`, on `ort` and as compiled static graphs (against PyTorch when
 * /usr/bin/python3 has torch); `ort-crossover` the sizes at which the `ort` backend starts
 * to pay. The last two need onnxruntime-node.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['gemm', 'wasm-crossover', 'backends', 'ort-crossover'] as const;
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(benches as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; expected some of ${benches.join(', ')}`);
  process.exit(2);
}
for (const name of asked.length > 0 ? asked : benches) {
  console.log(`\n=== bench/${name}.ts ===`);
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', `bench/${name}.ts`], {
    cwd: packageDir,
    stdio: 'inherit',
  });
  if (status !== 0) {
    console.error(`bench: bench/${name}.ts exited with status ${status}`);
    process.exit(status ?? 1);
  }
}
