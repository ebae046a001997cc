import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import type { NodeSystem } from '../node-system.js';
import { tfjsSystem } from './setup.js';

/**
 * TensorFlow.js's WebAssembly backend (XNNPACK) with SIMD, loading its `.wasm` files
 * from the installed package's dist folder (no network). Fails when the SIMD build
 * cannot be used, so the row never silently measures the scalar build.
 */
export async function tfjsWasm(): Promise<NodeSystem> {
  const require = createRequire(import.meta.url);
  const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm');
  setWasmPaths(`${dirname(wasmFile)}/`);
  if (!(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))) throw new Error('WebAssembly SIMD is not supported here');
  const multithread = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const system = await tfjsSystem(
    'wasm',
    () => `${getThreadsCount()}${multithread ? '' : ' (no threaded build in Node)'}`,
  );
  return { ...system, version: `${system.version} (SIMD)` };
}
