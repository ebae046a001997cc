export { SafetensorsError } from './errors.js';
export { loadModule, saveModule } from './module-file.js';
export type { SafetensorsContents } from './safetensors-codec.js';
export { decodeSafetensors, encodeSafetensors } from './safetensors-codec.js';
export type { SafetensorsDType } from './safetensors-dtypes.js';
export { bfloat16ToNumber, float16ToNumber } from './safetensors-dtypes.js';
export type { SaveSafetensorsOptions } from './safetensors-file.js';
export { loadSafetensors, saveSafetensors } from './safetensors-file.js';
