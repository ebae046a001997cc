import type { OrtRuntime, OrtSessionOptions } from '../runtime.js';
import { interleavedSessionOptions, loadOrt } from '../runtime.js';
import { OpSessions } from './op-sessions.js';
import { OrtAccelerator } from './ort-accelerator.js';
import type { AccelerationThresholds } from './thresholds.js';
import { defaultThresholds } from './thresholds.js';

export type { AcceleratedOp } from './ort-accelerator.js';
export { OrtAccelerator } from './ort-accelerator.js';
export type { AccelerationThresholds } from './thresholds.js';
export { defaultThresholds } from './thresholds.js';

export interface OrtAcceleratorOptions {
  /** Threads of ONNX Runtime's intra-op pool (default, or 0: its choice, one per physical core). */
  threads?: number;
  /** Work below which an op stays in JS (default: measured, see thresholds.ts); 0 sends everything to ORT. */
  thresholds?: Partial<AccelerationThresholds>;
  /** How onnxruntime-node is loaded (default: loadOrt). Tests inject a failing loader. */
  loadRuntime?: () => OrtRuntime;
}

/**
 * The `ort` backend's accelerator over onnxruntime-node's synchronous native sessions.
 * Throws, saying why, when onnxruntime-node is missing or its native binding is not the
 * expected one.
 */
export function createOrtAccelerator(options: OrtAcceleratorOptions = {}): OrtAccelerator {
  const runtime = (options.loadRuntime ?? loadOrt)();
  const { createNativeSession } = runtime;
  if (typeof createNativeSession === 'string') throw new Error(createNativeSession);
  const sessionOptions: OrtSessionOptions = {
    ...interleavedSessionOptions,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    interOpNumThreads: 1,
    // failures are reported once by OpSessions, not logged by ORT on every call
    logSeverityLevel: 4,
    ...(options.threads === undefined ? {} : { intraOpNumThreads: options.threads }),
  };
  const sessions = new OpSessions(createNativeSession, sessionOptions, (key, error) =>
    console.warn(`shinkei ort backend: ONNX Runtime cannot run ${key} (${error.message}); it runs in JS instead`),
  );
  return new OrtAccelerator(sessions, { ...defaultThresholds, ...options.thresholds });
}
