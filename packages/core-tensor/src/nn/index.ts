export { ELU, GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, SiLU, Softmax, Swish, Tanh } from './activations.js';
export type { BatchNormOptions } from './batch-norm.js';
export { BatchNorm1d, BatchNorm2d } from './batch-norm.js';
export { Bilinear } from './bilinear.js';
export type { TensorModule } from './containers.js';
export { ModuleDict, ModuleList, Sequential } from './containers.js';
export type { Conv1dOptions, Conv2dOptions, ConvTranspose2dOptions } from './conv.js';
export { Conv1d, Conv2d, ConvTranspose2d } from './conv.js';
export { CosineSimilarity } from './cosine-similarity.js';
export { Dropout } from './dropout.js';
export type { EmbeddingOptions } from './embedding.js';
export { Embedding } from './embedding.js';
export * as init from './init/index.js';
export type { LinearOptions } from './linear.js';
export { Linear } from './linear.js';
export {
  BCELoss,
  BCEWithLogitsLoss,
  CosineEmbeddingLoss,
  CrossEntropyLoss,
  GaussianNLLLoss,
  HuberLoss,
  KLDivLoss,
  L1Loss,
  MSELoss,
  NLLLoss,
  SmoothL1Loss,
} from './losses.js';
export type { AnyModule } from './module.js';
export { Module } from './module.js';
export type { GroupNormOptions, LayerNormOptions } from './normalization.js';
export { GroupNorm, LayerNorm } from './normalization.js';
export type { ParameterOptions } from './options.js';
export type { MaxPool2dModuleOptions, PooledWithIndices } from './pooling.js';
export { AdaptiveAvgPool2d, AvgPool2d, MaxPool2d, MaxUnpool2d } from './pooling.js';
export type { PReLUOptions } from './prelu.js';
export { PReLU } from './prelu.js';
export { Residual } from './residual.js';
export { Flatten, Identity, Unflatten } from './shape-layers.js';
export type {
  LoadStateDictOptions,
  LoadStateDictResult,
  StateDict,
  StateDictKeys,
  StateDictOptions,
} from './state-dict.js';
export { StateDictError } from './state-dict.js';
export { Upsample } from './upsample.js';
