import { availableParallelism } from 'node:os';
import type { BackendName } from '@shinkei/core-tensor';
import { interleavedSessionOptions, type OrtSessionOptions, useBackend } from '@shinkei/core-tensor/ort';

/** ONNX Runtime's intra-op threads for the ort backend: one per logical CPU, as for the exported models. */
export const ortThreads = availableParallelism();

/**
 * The static graphs' ONNX Runtime sessions, set as the ort backend sets its own: `ortThreads`
 * intra-op, one inter-op, and intra-op workers that do not spin between calls (as
 * `compileValueAndGrad` does by default). Spinning workers take the cores that the JS thread
 * and other processes need: on the two-core bench machine under load they made the exported
 * GEMM and CNN inference slower and several times noisier.
 */
export const ortSessionOptions: OrtSessionOptions = {
  intraOpNumThreads: ortThreads,
  interOpNumThreads: 1,
  ...interleavedSessionOptions,
};

/**
 * Switch core-tensor's compute backend. Returns why it cannot, or undefined once
 * selected: `useBackend('ort')` falls back to js (with a warning) when onnxruntime-node
 * is missing, which makes the ort rows unavailable rather than js figures in disguise.
 */
export function selectBackend(name: BackendName): string | undefined {
  const active = useBackend(name, name === 'ort' ? { threads: ortThreads } : {});
  return active === name ? undefined : `useBackend('${name}') fell back to '${active}'`;
}
