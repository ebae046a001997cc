export type { Conv2dGeometry } from './conv.js';
export { conv2dBackwardInput, conv2dBackwardWeight, conv2dForward, conv2dGeometry } from './conv.js';
export { gemm } from './gemm.js';
export type { Pool2dGeometry } from './pool.js';
export { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward, pool2dGeometry } from './pool.js';
export type { FloatArray } from './types.js';
