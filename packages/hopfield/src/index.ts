export * from './boltzmann/index.js';
export * as cdma from './cdma/index.js';
export { barsAndStripes } from './data/bars-and-stripes.js';
export * from './dbn/index.js';
export * from './hopfield/index.js';
export * from './rbm/index.js';
