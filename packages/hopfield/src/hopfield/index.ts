export { finiteSizeUnstableFraction, predictedUnstableFraction, unstableBitFraction } from './capacity.js';
export type { DynamicsTrace, SweepOrder, UpdateMode } from './dynamics.js';
export type { HopfieldOptions, RecallOptions, RecallResult } from './network.js';
export { HopfieldNetwork } from './network.js';
export type { GeneratorOption, Region } from './patterns.js';
export { flipBits, maskRegion, overlap, randomPatterns } from './patterns.js';
export type { LearningRule } from './rules.js';
export { hebbianWeights, projectionWeights } from './rules.js';
