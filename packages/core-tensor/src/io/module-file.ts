import type { AnyModule } from '../nn/module.js';
import type { LoadStateDictOptions, LoadStateDictResult, StateDictOptions } from '../nn/state-dict.js';
import type { SaveSafetensorsOptions } from './safetensors-file.js';
import { loadSafetensors, saveSafetensors } from './safetensors-file.js';

/**
 * Write a module's state dict (parameters and buffers, by dotted name) as safetensors;
 * returns the bytes. `keys: 'pytorch'` names them as PyTorch does, so
 * `model.load_state_dict(safetensors.torch.load_file(path))` reads them.
 */
export function saveModule(
  module: AnyModule,
  path?: string,
  options: SaveSafetensorsOptions & StateDictOptions = {},
): Uint8Array {
  return saveSafetensors(module.stateDict({ keys: options.keys }), path, options);
}

/**
 * Load safetensors weights (a path or the bytes) into a module's parameters and buffers, in
 * place, through `loadStateDict` (strict by default: missing, unexpected or mis-shaped keys
 * throw). `keys: 'pytorch'` reads a file saved from PyTorch (`safetensors.torch.save_file(
 * model.state_dict(), path)`) for the same architecture.
 */
export function loadModule(
  module: AnyModule,
  source: string | Uint8Array,
  options: LoadStateDictOptions = {},
): LoadStateDictResult {
  return module.loadStateDict(loadSafetensors(source), options);
}
