import type { AnyModule } from '../nn/module.js';
import type { LoadStateDictOptions, LoadStateDictResult, StateDictOptions } from '../nn/state-dict.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors-codec.js';
import type { SaveSafetensorsOptions } from './safetensors-file.js';
import { readFileBytes, writeFileBytes } from './safetensors-file.js';

/**
 * A module's state dict (parameters and buffers, by dotted name) as safetensors bytes, also
 * written to `path` when given (Node only). `keys: 'pytorch'` names them as PyTorch does, so
 * `model.load_state_dict(safetensors.torch.load_file(path))` reads them.
 */
export function saveModule(
  module: AnyModule,
  path?: string,
  options: SaveSafetensorsOptions & StateDictOptions = {},
): Uint8Array {
  const bytes = encodeSafetensors(module.stateDict({ keys: options.keys }), options.metadata);
  if (path !== undefined) writeFileBytes(path, bytes, 'saveModule');
  return bytes;
}

/**
 * Load safetensors weights (the bytes, or a path in Node) into a module's parameters and
 * buffers, in place, through `loadStateDict` (strict by default: missing, unexpected or
 * mis-shaped keys throw). `keys: 'pytorch'` reads a file saved from PyTorch (`safetensors.torch.save_file(
 * model.state_dict(), path)`) for the same architecture.
 */
export function loadModule(
  module: AnyModule,
  source: string | Uint8Array,
  options: LoadStateDictOptions = {},
): LoadStateDictResult {
  const bytes = typeof source === 'string' ? readFileBytes(source, 'loadModule') : source;
  return module.loadStateDict(decodeSafetensors(bytes).tensors, options);
}
