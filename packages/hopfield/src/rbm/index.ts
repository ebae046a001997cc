export type { RbmSampleOptions, RbmTrainOptions } from './rbm.js';
export { RBM } from './rbm.js';
