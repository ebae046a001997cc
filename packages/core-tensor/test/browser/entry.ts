/*
 * Runs in a browser page (bundled by bundle.ts, loaded by browser.test.ts): trains an MLP
 * on two moons from `/data`, saves it as safetensors bytes (`/io`) and exports it to ONNX
 * (`/onnx`), calls the Node-only file functions to catch their errors, multiplies two
 * 256×256 float32 matrices, and leaves what it measured on `globalThis.__result`. The kernel
 * imports are internal, for telling which GEMM ran.
 */
import { argmax, crossEntropy, manualSeed, randn } from '@shinkei/core-tensor';
import { loadDigits, makeMoons } from '@shinkei/core-tensor/data';
import { decodeSafetensors, loadModule, saveModule } from '@shinkei/core-tensor/io';
import { Linear, ReLU, Sequential } from '@shinkei/core-tensor/nn';
import { exportOnnx, exportOnnxToFile } from '@shinkei/core-tensor/onnx';
import { Adam } from '@shinkei/core-tensor/optim';
import { ProgressBar } from '@shinkei/core-tensor/train';
import { gemmJs } from '../../src/kernels/gemm.js';
import { gemmF32, wasmGemmAvailable } from '../../src/kernels/gemm-wasm.js';

/** What the page reports. */
export interface BrowserResult {
  userAgent: string;
  lossBefore: number;
  lossAfter: number;
  accuracy: number;
  /** The trained MLP's state dict as safetensors (saveModule with no path). */
  safetensors: number[];
  /** The keys decodeSafetensors reads back from those bytes. */
  safetensorsKeys: string[];
  /** A fresh MLP loaded from those bytes (loadModule) gives the trained one's outputs bit for bit. */
  reloadedMatches: boolean;
  /** exportOnnx(trained MLP, [the moons' x]): a ModelProto. */
  onnx: number[];
  /** The message each Node-only file function throws, by function. */
  nodeOnlyErrors: Record<string, string>;
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

/** The page's MLP, 2-32-2. */
function mlp(): Sequential {
  return new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 2));
}

type Trained = Pick<
  BrowserResult,
  'lossBefore' | 'lossAfter' | 'accuracy' | 'safetensors' | 'safetensorsKeys' | 'reloadedMatches' | 'onnx'
>;

function train(): Trained {
  manualSeed(0);
  const { x, y } = makeMoons({ n: 200, noise: 0.1, seed: 1 });
  const model = mlp();
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

  const safetensors = saveModule(model);
  const reloaded = mlp();
  loadModule(reloaded, safetensors);
  const before = model.forward(x).data;
  const reloadedMatches = reloaded.forward(x).data.every((v, i) => Object.is(v, before[i]));
  return {
    lossBefore,
    lossAfter,
    accuracy,
    safetensors: Array.from(safetensors),
    safetensorsKeys: Object.keys(decodeSafetensors(safetensors).tensors),
    reloadedMatches,
    onnx: Array.from(exportOnnx(model, [x])),
  };
}

/** The message `run` throws ('' when it does not). */
function messageOf(run: () => unknown): string {
  try {
    run();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The Node-only file functions, called in the page: each should throw its clear error. */
function nodeOnlyErrors(): Record<string, string> {
  const model = mlp();
  return {
    loadDigits: messageOf(() => loadDigits()),
    saveModule: messageOf(() => saveModule(model, 'model.safetensors')),
    exportOnnxToFile: messageOf(() => exportOnnxToFile('model.onnx', model, [randn([1, 2])])),
    ProgressBar: messageOf(() => new ProgressBar({ total: 1 })),
  };
}

/** Milliseconds of a second call of `run` (the first one warms it up). */
function warmMs(run: () => unknown): number {
  run();
  const start = performance.now();
  run();
  return performance.now() - start;
}

function multiply(): Omit<BrowserResult, 'userAgent' | 'nodeOnlyErrors' | keyof Trained> {
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
  page.__result = {
    userAgent: page.navigator?.userAgent ?? '',
    ...train(),
    nodeOnlyErrors: nodeOnlyErrors(),
    ...multiply(),
  };
} catch (error) {
  page.__result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
