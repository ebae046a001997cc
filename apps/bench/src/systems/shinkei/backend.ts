import { availableParallelism } from 'node:os';
import type { BackendName } from '@shinkei/core-tensor';
import { useBackend } from '@shinkei/core-tensor/ort';

/** ONNX Runtime's intra-op threads for the ort backend: one per logical CPU, as for the exported models. */
export const ortThreads = availableParallelism();

/** The ONNX Runtime sessions of the static graphs get the ort backend's threads: `ortThreads` intra-op, one inter-op. */
export const ortSessionThreads = { intraOpNumThreads: ortThreads, interOpNumThreads: 1 };

/**
 * Switch core-tensor's compute backend. Returns why it cannot, or undefined once
 * selected: `useBackend('ort')` falls back to js (with a warning) when onnxruntime-node
 * is missing, which makes the ort rows unavailable rather than js figures in disguise.
 */
export function selectBackend(name: BackendName): string | undefined {
  const active = useBackend(name, name === 'ort' ? { threads: ortThreads } : {});
  return active === name ? undefined : `useBackend('${name}') fell back to '${active}'`;
}
