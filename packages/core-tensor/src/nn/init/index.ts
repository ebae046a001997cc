export type { Nonlinearity } from './fan.js';
export { calculateGain, fans } from './fan.js';
export type { InitOptions } from './fill.js';
export { constant_, normal_, ones_, uniform_, zeros_ } from './fill.js';
export type { OrthogonalOptions } from './orthogonal.js';
export { orthogonal_ } from './orthogonal.js';
export type { KaimingOptions, XavierOptions } from './scaled.js';
export { kaimingNormal_, kaimingUniform_, xavierNormal_, xavierUniform_ } from './scaled.js';
