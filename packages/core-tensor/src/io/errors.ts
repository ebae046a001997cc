/** Thrown when bytes are not a valid safetensors file, or a state dict cannot be written as one. */
export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}
