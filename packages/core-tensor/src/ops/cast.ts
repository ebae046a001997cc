import { apply } from '../autograd/dispatch.js';
import type { DType } from '../dtype.js';
import { allocate, isFloat } from '../dtype.js';
import { onnxDataType } from '../onnx/lowering.js';
import { Tensor } from '../tensor/tensor.js';
import { defineOp } from './define.js';

/** Convert element type. Float→int truncates toward zero; anything→bool is x ≠ 0. */
export const castOp = defineOp<{ dtype: DType }>({
  name: 'cast',
  forward: ([x], { dtype }) => {
    const src = x!.data;
    const out = allocate(dtype, src.length);
    if (dtype === 'bool') for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
    else (out as Float64Array).set(src);
    return new Tensor(out, x!.shape);
  },
  backward: ({ inputs: [x] }, dy) => [isFloat(x!.dtype) && isFloat(dy.dtype) ? cast(dy, x!.dtype) : null],
  onnx: (g, [x], { dtype }) => g.node('Cast', [x!], { to: onnxDataType[dtype] })[0]!,
});

export function cast(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : apply(castOp, [x], { dtype });
}
