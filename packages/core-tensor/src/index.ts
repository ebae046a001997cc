export { grad, gradients, hessianVectorProduct, jacobian, jvp, valueAndGrad, vjp } from './autograd/functional.js';
export { detectAnomaly, enableGrad, isGradEnabled, noGrad, withAnomalyDetection } from './autograd/mode.js';
export type { BackendName } from './backend/active.js';
export { getBackend } from './backend/active.js';
export type { DType, FloatDType, Storage } from './dtype.js';
export { promoteTypes } from './dtype.js';
export { AutogradError, DTypeError, ShapeError } from './errors.js';
export * as F from './functional/index.js';
export {
  adaptiveAvgPool2d,
  avgPool2d,
  batchNorm,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  conv1d,
  conv2d,
  convTranspose2d,
  cosineSimilarity,
  crossEntropy,
  dropout,
  embedding,
  gaussianKlToStandardNormal,
  groupNorm,
  huberLoss,
  interpolate,
  klDiv,
  l1Loss,
  layerNorm,
  linear,
  maxPool2d,
  mseLoss,
  nllLoss,
  scaledDotProductAttention,
  smoothL1Loss,
} from './functional/index.js';
export * as linalg from './linalg/index.js';
export * as nn from './nn/index.js';
export * from './ops/binary.js';
export { cast } from './ops/cast.js';
export type { OpContext, OpDef } from './ops/define.js';
export type { IndexRange, IndexSpec, PadMode } from './ops/indexing/index.js';
export {
  cat,
  chunk,
  cumsum,
  einsum,
  flip,
  gather,
  index,
  indexAdd,
  indexSelect,
  maskedFill,
  narrow,
  oneHot,
  pad,
  repeat,
  roll,
  scatterAdd,
  slice,
  split,
  stack,
  take,
  tile,
  tril,
  triu,
  unbind,
} from './ops/indexing/index.js';
export { dot, matmul, matmulT, outer } from './ops/matmul.js';
export {
  amax,
  amin,
  argmax,
  argmin,
  logSumExp,
  max,
  mean,
  min,
  norm,
  prod,
  std,
  sum,
  variance,
} from './ops/reduce.js';
export { clone, expand, flatten, permute, reshape, squeeze, t, transpose, unsqueeze } from './ops/shape.js';
export { logSoftmax, softmax } from './ops/softmax.js';
export { sumTo } from './ops/sum-to.js';
export * from './ops/unary.js';
export * as optim from './optim/index.js';
export { defaultGenerator, Generator, manualSeed } from './random/generator.js';
export type { RandomOptions } from './random/sample.js';
export { bernoulli, multinomial, normal, rand, randint, randn, randperm, uniform } from './random/sample.js';
export type { Shape } from './shape.js';
export { broadcastShapes } from './shape.js';
export type { TensorOptions } from './tensor/create.js';
export {
  arange,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  scalar,
  tensor,
  zeros,
  zerosLike,
} from './tensor/create.js';
export type { Dims, NestedArray, TensorLike } from './tensor/tensor.js';
export { Tensor } from './tensor/tensor.js';
export type { GradcheckOptions, GradcheckResult } from './testing/gradcheck.js';
export { assertGradcheck, gradcheck } from './testing/gradcheck.js';
