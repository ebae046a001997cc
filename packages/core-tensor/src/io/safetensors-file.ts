import { readFileSync, writeFileSync } from 'node:fs';
import type { Tensor } from '../tensor/tensor.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors-codec.js';

export interface SaveSafetensorsOptions {
  /** Free-form strings stored under `__metadata__` (e.g. {format: 'pt'}). */
  metadata?: Record<string, string>;
}

/**
 * Serialize a state dict in the safetensors format (see encodeSafetensors) and return the
 * bytes; when `path` is given, also write them to that file.
 */
export function saveSafetensors(
  stateDict: Record<string, Tensor>,
  path?: string,
  options: SaveSafetensorsOptions = {},
): Uint8Array {
  const bytes = encodeSafetensors(stateDict, options.metadata);
  if (path !== undefined) writeFileSync(path, bytes);
  return bytes;
}

/** The tensors of a safetensors file, from its bytes or its path (see decodeSafetensors). */
export function loadSafetensors(source: Uint8Array | string): Record<string, Tensor> {
  return decodeSafetensors(typeof source === 'string' ? readFileSync(source) : source).tensors;
}
