import { availableParallelism } from 'node:os';
import * as core from '@shinkei/core-tensor';

export type BackendName = 'js' | 'ort';

/** What core-tensor's `useBackend` takes and returns (the backend in effect afterwards). */
type UseBackend = (name: BackendName, options?: { threads?: number }) => BackendName;

/** ONNX Runtime's intra-op threads for the ort backend: one per logical CPU, as for the exported models. */
export const ortThreads = availableParallelism();

/**
 * Switch core-tensor's compute backend. Returns why it cannot, or undefined once
 * selected. `useBackend` is looked up at run time, so the ort rows fill in as soon as
 * core-tensor's root exports it; a silent fallback to js counts as unavailable.
 */
export function selectBackend(name: BackendName): string | undefined {
  const useBackend = (core as Record<string, unknown>).useBackend as UseBackend | undefined;
  if (typeof useBackend !== 'function') {
    return name === 'js' ? undefined : '@shinkei/core-tensor does not export useBackend yet';
  }
  try {
    const active = useBackend(name, name === 'ort' ? { threads: ortThreads } : {});
    return active === name ? undefined : `useBackend('${name}') fell back to '${active}'`;
  } catch (error) {
    return `useBackend('${name}') failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
