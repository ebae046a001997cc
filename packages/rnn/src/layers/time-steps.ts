import type { Tensor } from '@shinkei/core-tensor';
import { unbind } from '@shinkei/core-tensor';

/**
 * The time steps of a sequence as [1, B, ·] slices: step t is x[t] (x[:, t] when the time
 * dim is 1), cut from x by one unbind, whose backward stacks all steps' gradients at once,
 * so backpropagation through time into an input that needs a gradient (an embedding, a
 * layer below) costs O(T) rather than T scatters of a full-size gradient. The leading 1 is
 * added by expand, not unsqueeze: ONNX Expand keeps every dim symbolic, where a Reshape
 * would pin the batch size of an exported graph.
 */
export function timeSteps(x: Tensor, timeDim: 0 | 1): Tensor[] {
  return unbind(x.expand([1, ...x.shape]), timeDim + 1);
}
