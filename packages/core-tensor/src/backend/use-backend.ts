import type { OrtAccelerator, OrtAcceleratorOptions } from '../ort/accelerate/index.js';
import { createOrtAccelerator } from '../ort/accelerate/index.js';
import type { BackendName } from './active.js';
import { activate, activeBackend } from './active.js';

export type BackendOptions = OrtAcceleratorOptions;

/** ORT accelerators by their options, so switching back and forth keeps the loaded sessions. */
const ortAccelerators = new Map<string, OrtAccelerator>();
let warnedFallback = false;

function ortAccelerator(options: BackendOptions): OrtAccelerator {
  if (options.loadRuntime !== undefined) return createOrtAccelerator(options);
  const key = JSON.stringify([options.threads, options.thresholds]);
  let cached = ortAccelerators.get(key);
  if (cached === undefined) {
    cached = createOrtAccelerator(options);
    ortAccelerators.set(key, cached);
  }
  return cached;
}

/**
 * Pick the backend eager ops run on, synchronously. `js` (the default) runs everywhere.
 * `ort` runs heavy kernels — matmul, conv2d and its two gradients, pooling, large sums — in ONNX
 * Runtime's native CPU code through small cached single-op sessions, with the same results
 * to float32 rounding; small ops stay in JS. If onnxruntime-node is missing or its native
 * binding differs from the supported one, it warns once and falls back to `js`.
 * @returns the backend in effect afterwards.
 */
export function useBackend(name: BackendName, options: BackendOptions = {}): BackendName {
  if (name === 'js') {
    activate({ name: 'js', accelerator: undefined });
    return 'js';
  }
  if (name !== 'ort') throw new RangeError(`useBackend: unknown backend '${name as string}' (expected 'js' or 'ort')`);
  const { threads } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0))
    throw new RangeError(`useBackend: threads must be an integer ≥ 0 (0: ONNX Runtime's choice), got ${threads}`);
  try {
    activate({ name: 'ort', accelerator: ortAccelerator(options) });
  } catch (error) {
    activate({ name: 'js', accelerator: undefined });
    if (!warnedFallback) {
      warnedFallback = true;
      console.warn(`shinkei: the 'ort' backend is unavailable, using 'js': ${(error as Error).message}`);
    }
  }
  return activeBackend().name;
}

/** Run `fn` on backend `name`, then restore the backend that was active before. */
export function withBackend<T>(name: BackendName, fn: () => T, options: BackendOptions = {}): T {
  const previous = activeBackend();
  useBackend(name, options);
  try {
    return fn();
  } finally {
    activate(previous);
  }
}
