import type { Tensor } from '@shinkei/core-tensor';
import { ManualMLP } from './manual-mlp.js';
import type { MLP } from './mlp.js';

/** max |a − b| / max |b| over the entries of one gradient (0 when they agree exactly). */
export function relativeGap(byHand: Tensor, byAutograd: Tensor): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < byAutograd.size; i++) {
    diff = Math.max(diff, Math.abs(byHand.data[i]! - byAutograd.data[i]!));
    scale = Math.max(scale, Math.abs(byAutograd.data[i]!));
  }
  return diff === 0 ? 0 : diff / scale;
}

/**
 * How far backpropagation by hand is from autograd on a batch: the gradients of the loss
 * at (x, y) by `ManualMLP`'s δ equations and by `mlp.loss(x, y).backward()`, compared per
 * parameter tensor by `relativeGap`; the largest gap is returned. Overwrites `mlp`'s `.grad`.
 */
export function backpropAgreement(mlp: MLP, x: Tensor, y: Tensor): number {
  const byHand = new ManualMLP(mlp).gradients(x, y);
  mlp.zeroGrad();
  mlp.loss(x, y).backward();
  const gaps = mlp.linears.flatMap((linear, l) => [
    relativeGap(byHand.weights[l]!, linear.weight.grad!),
    relativeGap(byHand.biases[l]!, linear.bias!.grad!),
  ]);
  mlp.prelus.forEach((prelu, l) => {
    if (prelu !== null) gaps.push(relativeGap(byHand.slopes[l]!, prelu.weight.grad!));
  });
  return Math.max(...gaps);
}
