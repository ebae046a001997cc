/**
 * Neural-network functions, as torch.nn.functional: convolution, pooling, resampling,
 * linear maps, dropout, embeddings, normalization, losses and attention. NCHW layout.
 */

export { logSoftmax, softmax } from '../ops/softmax.js';
export type { Pair } from './args.js';
export type { AttentionOptions } from './attention.js';
export { scaledDotProductAttention } from './attention.js';
export type {
  BinaryCrossEntropyOptions,
  BinaryCrossEntropyWithLogitsOptions,
  CrossEntropyOptions,
  NllLossOptions,
} from './classification-loss.js';
export { binaryCrossEntropy, binaryCrossEntropyWithLogits, crossEntropy, nllLoss } from './classification-loss.js';
export type { Conv1dOptions, ConvTranspose2dOptions } from './conv.js';
export { conv1d, conv2d, convTranspose2d } from './conv.js';
export type { Conv2dOptions, ConvPadding } from './conv-geometry.js';
export type { CosineEmbeddingLossOptions } from './cosine-embedding-loss.js';
export { cosineEmbeddingLoss } from './cosine-embedding-loss.js';
export type { GaussianKlOptions, KlDivOptions } from './divergence.js';
export { gaussianKlToStandardNormal, klDiv } from './divergence.js';
export { dropout } from './dropout.js';
export type { EmbeddingOptions } from './embedding.js';
export { embedding } from './embedding.js';
export type { GaussianNllLossOptions } from './gaussian-nll-loss.js';
export { gaussianNllLoss } from './gaussian-nll-loss.js';
export type { InterpolateOptions } from './interpolate.js';
export { interpolate } from './interpolate.js';
export { bilinear, linear } from './linear.js';
export type { MaxUnpool2dOptions } from './max-unpool.js';
export { maxUnpool2d } from './max-unpool.js';
export type { BatchNormOptions } from './normalization.js';
export { batchNorm, groupNorm, layerNorm } from './normalization.js';
export type { AdaptiveSize, AvgPool2dOptions, MaxPool2dOptions, Pool1dOptions } from './pool.js';
export { adaptiveAvgPool2d, avgPool1d, avgPool2d, maxPool1d, maxPool2d } from './pool.js';
export type { Reduction } from './reduction.js';
export type { RegressionLossOptions } from './regression-loss.js';
export { huberLoss, l1Loss, mseLoss, smoothL1Loss } from './regression-loss.js';
export { cosineSimilarity } from './similarity.js';
