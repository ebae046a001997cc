import { nodeBuiltin } from '../platform/node-builtin.js';
import type { Tensor } from '../tensor/tensor.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors-codec.js';

export interface SaveSafetensorsOptions {
  /** Free-form strings stored under `__metadata__` (e.g. {format: 'pt'}). */
  metadata?: Record<string, string>;
}

/** What the path forms advise in a browser, where there is no file system. */
const BYTES_HINT = 'In a browser, pass the bytes instead of a path (a Uint8Array in, the returned Uint8Array out).';

/** The bytes of the file at `path`, read with node:fs; `feature` is the function named when there is none. */
export function readFileBytes(path: string, feature: string): Uint8Array {
  return nodeBuiltin('fs', feature, BYTES_HINT).readFileSync(path);
}

/** Write `bytes` to the file at `path` with node:fs; `feature` is the function named when there is none. */
export function writeFileBytes(path: string, bytes: Uint8Array, feature: string): void {
  nodeBuiltin('fs', feature, BYTES_HINT).writeFileSync(path, bytes);
}

/**
 * Serialize a state dict in the safetensors format (see encodeSafetensors) and return the
 * bytes; when `path` is given, also write them to that file (Node only).
 */
export function saveSafetensors(
  stateDict: Record<string, Tensor>,
  path?: string,
  options: SaveSafetensorsOptions = {},
): Uint8Array {
  const bytes = encodeSafetensors(stateDict, options.metadata);
  if (path !== undefined) writeFileBytes(path, bytes, 'saveSafetensors');
  return bytes;
}

/** The tensors of a safetensors file, from its bytes or its path (Node only; see decodeSafetensors). */
export function loadSafetensors(source: Uint8Array | string): Record<string, Tensor> {
  return decodeSafetensors(typeof source === 'string' ? readFileBytes(source, 'loadSafetensors') : source).tensors;
}
