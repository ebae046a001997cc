import type { AnyModule } from '../nn/module.js';
import type { LoadStateDictOptions, LoadStateDictResult } from '../nn/state-dict.js';
import type { SaveSafetensorsOptions } from './safetensors-file.js';
import { loadSafetensors, saveSafetensors } from './safetensors-file.js';

/** Write a module's state dict (parameters and buffers, by dotted name) as safetensors; returns the bytes. */
export function saveModule(module: AnyModule, path?: string, options: SaveSafetensorsOptions = {}): Uint8Array {
  return saveSafetensors(module.stateDict(), path, options);
}

/**
 * Load safetensors weights (a path or the bytes) into a module's parameters and buffers, in
 * place, through `loadStateDict` (strict by default: missing, unexpected or mis-shaped keys throw).
 */
export function loadModule(
  module: AnyModule,
  source: string | Uint8Array,
  options: LoadStateDictOptions = {},
): LoadStateDictResult {
  return module.loadStateDict(loadSafetensors(source), options);
}
