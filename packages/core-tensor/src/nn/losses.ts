import type {
  BinaryCrossEntropyOptions,
  BinaryCrossEntropyWithLogitsOptions,
  CosineEmbeddingLossOptions,
  CrossEntropyOptions,
  GaussianNllLossOptions,
  KlDivOptions,
  NllLossOptions,
  RegressionLossOptions,
} from '../functional/index.js';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  cosineEmbeddingLoss,
  crossEntropy,
  gaussianNllLoss,
  huberLoss,
  klDiv,
  l1Loss,
  mseLoss,
  nllLoss,
  smoothL1Loss,
} from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { Module } from './module.js';

/** A loss as a module: forward(input, target, …) → loss, with its options fixed at construction. */
abstract class Loss<O extends { reduction?: string }, In extends Tensor[] = [Tensor, Tensor]> extends Module<
  In,
  Tensor
> {
  constructor(readonly options: O = {} as O) {
    super();
  }

  override extraRepr(): string {
    return this.options.reduction === undefined ? '' : `reduction=${this.options.reduction}`;
  }
}

/** Mean squared error ℓ = (x − y)², reduced ('mean' by default). */
export class MSELoss extends Loss<RegressionLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.options);
  }
}

/** Mean absolute error ℓ = |x − y|. */
export class L1Loss extends Loss<RegressionLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, this.options);
  }
}

/** Huber loss: ½d² for |d| < δ, else δ(|d| − ½δ), d = x − y. */
export class HuberLoss extends Loss<RegressionLossOptions & { delta?: number }> {
  forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, this.options);
  }
}

/** Smooth L1 loss: ½d²/β for |d| < β, else |d| − ½β. */
export class SmoothL1Loss extends Loss<RegressionLossOptions & { beta?: number }> {
  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, this.options);
  }
}

/** Cross-entropy of logits against int32 class indices (or class probabilities): −Σ_c q_c log softmax(x)_c. */
export class CrossEntropyLoss extends Loss<CrossEntropyOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, this.options);
  }
}

/** Negative log-likelihood of int32 class indices given log-probabilities: −w[y]·logp[y]. */
export class NLLLoss extends Loss<NllLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, this.options);
  }
}

/** Binary cross-entropy of probabilities: −(y ln p + (1 − y) ln(1 − p)). */
export class BCELoss extends Loss<BinaryCrossEntropyOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, this.options);
  }
}

/** Binary cross-entropy of logits, stably: −(y ln σ(x) + (1 − y) ln(1 − σ(x))). */
export class BCEWithLogitsLoss extends Loss<BinaryCrossEntropyWithLogitsOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, this.options);
  }
}

/** KL(target ‖ input) with the input as log-probabilities: t(ln t − x). */
export class KLDivLoss extends Loss<KlDivOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return klDiv(input, target, this.options);
  }
}

/**
 * Gaussian negative log-likelihood of target under N(input, var):
 * ½·(ln max(var, ε) + (input − target)²/max(var, ε)) [+ ½·ln 2π when full].
 */
export class GaussianNLLLoss extends Loss<GaussianNllLossOptions, [input: Tensor, target: Tensor, variance: Tensor]> {
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return gaussianNllLoss(input, target, variance, this.options);
  }
}

/** Cosine embedding loss of pairs labelled y = ±1: 1 − cos(x1, x2) if y = 1, else max(0, cos(x1, x2) − margin). */
export class CosineEmbeddingLoss extends Loss<CosineEmbeddingLossOptions, [x1: Tensor, x2: Tensor, target: Tensor]> {
  forward(x1: Tensor, x2: Tensor, target: Tensor): Tensor {
    return cosineEmbeddingLoss(x1, x2, target, this.options);
  }
}
