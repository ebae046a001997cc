import { apply } from '../../autograd/dispatch.js';
import type { DType } from '../../dtype.js';
import { allocate } from '../../dtype.js';
import { onnxDataType } from '../../onnx/lowering.js';
import { Tensor } from '../../tensor/tensor.js';
import { defineOp, noGradient } from '../define.js';
import { requireIndexTensor } from './checks.js';

interface OneHotAttrs {
  numClasses: number;
  dtype: DType;
}

/** y[…, c] = 1 if labels[…] = c else 0: a new last dim of numClasses. Labels are discrete: no gradient. */
export const oneHotOp = defineOp<OneHotAttrs>({
  name: 'oneHot',
  forward: ([labels], { numClasses, dtype }) => {
    const classes = labels!.data;
    const out = allocate(dtype, classes.length * numClasses);
    for (let i = 0; i < classes.length; i++) {
      const c = classes[i]!;
      if (c < 0 || c >= numClasses) {
        throw new RangeError(
          `oneHot: label ${c} at flat index ${i} is out of range for ${numClasses} classes (expected 0 … ${numClasses - 1})`,
        );
      }
      out[i * numClasses + c] = 1;
    }
    return new Tensor(out, [...labels!.shape, numClasses]);
  },
  backward: noGradient,
  onnx: (g, [labels], { numClasses, dtype }) => {
    // int64 labels, int64 depth and float values is the OneHot signature every runtime implements; cast after
    const classes = g.node('Cast', [labels!], { to: 7 })[0]!;
    const depth = g.constant([numClasses], 'int64', [1]);
    const encoded = g.node('OneHot', [classes, depth, g.constant([0, 1], 'float32', [2])], { axis: -1 })[0]!;
    return dtype === 'float32' ? encoded : g.node('Cast', [encoded], { to: onnxDataType[dtype] })[0]!;
  },
});

/**
 * One-hot encoding (torch.nn.functional.one_hot): int32 labels in, a new last dim of
 * `numClasses` out, float32 unless another dtype is asked for. numClasses −1 means max label + 1.
 */
export function oneHot(labels: Tensor, numClasses = -1, options: { dtype?: DType } = {}): Tensor {
  requireIndexTensor('oneHot', labels, 'labels');
  let classes = numClasses;
  if (classes === -1) classes = largestLabel(labels) + 1;
  if (!Number.isInteger(classes) || classes < 0)
    throw new RangeError(`oneHot: numClasses must be a non-negative integer or -1, got ${numClasses}`);
  return apply(oneHotOp, [labels], { numClasses: classes, dtype: options.dtype ?? 'float32' });
}

function largestLabel(labels: Tensor): number {
  let largest = -1;
  for (const c of labels.data) if (c > largest) largest = c;
  return largest;
}
