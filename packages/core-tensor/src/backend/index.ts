export type { Accelerator } from './accelerator.js';
export type { BackendName } from './active.js';
export { getBackend } from './active.js';
export type { BackendOptions } from './use-backend.js';
export { useBackend, withBackend } from './use-backend.js';
