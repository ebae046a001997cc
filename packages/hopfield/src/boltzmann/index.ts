export { klDivergence, totalVariation } from './divergence.js';
export type { MomentMethod } from './learning.js';
export type { BoltzmannFitOptions, GibbsOptions, MomentTensors } from './machine.js';
export { BoltzmannMachine } from './machine.js';
export { allBinaryStates, empiricalDistribution, MAX_ENUMERATED_UNITS } from './states.js';
