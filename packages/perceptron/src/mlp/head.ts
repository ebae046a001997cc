import type { Tensor } from '@shinkei/core-tensor';
import { argmax, ge, sigmoid, softmax } from '@shinkei/core-tensor';
import { BCEWithLogitsLoss, CrossEntropyLoss, MSELoss } from '@shinkei/core-tensor/nn';

/**
 * The output layer's activation and loss (chapter 6.1.2): 'regression' keeps aᴸ (identity)
 * with the mean squared error, 'binary' reads σ(aᴸ) as P(y = 1) with binary cross-entropy,
 * 'multiclass' reads softmax(aᴸ) as class probabilities with cross-entropy.
 */
export type MLPHead = 'regression' | 'binary' | 'multiclass';

const losses = {
  regression: new MSELoss(),
  binary: new BCEWithLogitsLoss(),
  multiclass: new CrossEntropyLoss(),
};

/**
 * The mean loss of output pre-activations aᴸ [n, k] against targets: mean((aᴸ − y)²)
 * (targets [n, k], or [n] when k = 1), mean BCE(σ(aᴸ), y) (0/1 targets [n]), or mean
 * −log softmax(aᴸ)_y (int32 class indices [n]).
 */
export function headLoss(head: MLPHead, output: Tensor, target: Tensor): Tensor {
  if (head === 'multiclass') return losses.multiclass.call(output, target);
  const matched = target.ndim === 1 && output.ndim === 2 ? target.reshape(target.shape[0]!, 1) : target;
  return losses[head].call(output, matched.to(output.dtype));
}

/** φᴸ(aᴸ): the identity, σ, or softmax over the classes. */
export function headOutput(head: MLPHead, output: Tensor): Tensor {
  if (head === 'binary') return sigmoid(output);
  if (head === 'multiclass') return softmax(output, -1);
  return output;
}

/** The prediction per row: aᴸ itself, 1[aᴸ ≥ 0] (σ ≥ ½), or the most probable class (int32); one output unit is squeezed to [n]. */
export function headPrediction(head: MLPHead, output: Tensor): Tensor {
  if (head === 'multiclass') return argmax(output, -1);
  const single = output.ndim === 2 && output.shape[1] === 1 ? output.reshape(output.shape[0]!) : output;
  return head === 'binary' ? ge(single, 0).to(output.dtype) : single;
}

/** Accuracy of 0/1 or class predictions, or R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)² of a regression. */
export function headScore(head: MLPHead, prediction: Tensor, target: Tensor): number {
  if (head !== 'regression') return prediction.eq(target.to(prediction.dtype)).to('float64').mean().item();
  const y = target.to('float64').reshape(prediction.shape);
  const residual = prediction.to('float64').sub(y).square().sum().item();
  return 1 - residual / y.sub(y.mean()).square().sum().item();
}
