export type { BackendOptions } from '../backend/use-backend.js';
export { useBackend, withBackend } from '../backend/use-backend.js';
export type { CompiledValueAndGrad, CompileValueAndGradOptions, LossFunction } from './compile-value-and-grad.js';
export { compileValueAndGrad } from './compile-value-and-grad.js';
export type { OrtInputs } from './model.js';
export { OrtModel } from './model.js';
export type { OrtSessionOptions } from './runtime.js';
export { interleavedSessionOptions, loadOrt, SUPPORTED_ORT_RANGE } from './runtime.js';
