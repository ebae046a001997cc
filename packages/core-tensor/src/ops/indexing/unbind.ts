import { applyMultiOutput } from '../../autograd/dispatch.js';
import { allocate } from '../../dtype.js';
import { int64Constant } from '../../onnx/lowering.js';
import { zeros } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { defineMultiOutputOp } from '../define-multi-output.js';
import { dimOf, layoutAround } from './checks.js';
import { copyRun } from './copy-run.js';
import { stack } from './join-split.js';

/**
 * yᵢ = x[…, i, …] for every i along `dim`, each without that dim, in one pass over x.
 * Gradient: dx = stack([dy₀, …, dyₙ₋₁], dim), one op for all slices (zeros for slices
 * that got no gradient), so a loop over T slices costs O(T) backward instead of T
 * full-size scatters.
 */
export const unbindOp = defineMultiOutputOp<{ dim: number }>({
  name: 'unbind',
  forward: ([x], { dim }) => {
    const { outer, size, inner } = layoutAround(x!.shape, dim);
    const shape = x!.shape.filter((_, d) => d !== dim);
    const src = x!.data;
    return Array.from({ length: size }, (_, i) => {
      const out = allocate(x!.dtype, outer * inner);
      for (let o = 0; o < outer; o++) copyRun(src, (o * size + i) * inner, out, o * inner, inner);
      return new Tensor(out, shape);
    });
  },
  backward: ({ inputs: [x], outputs, attrs: { dim } }, dys) => {
    const missing = dys.includes(null) ? zeros(outputs[0]!.shape, { dtype: x!.dtype }) : null;
    const slices = dys.map((dy) => dy ?? missing!);
    return [stack(slices, dim)];
  },
  onnx: (g, [x], { dim }, { outputShapes }) => {
    const n = outputShapes.length;
    if (n === 0) return [];
    const pieces = g.node('Split', [x!, int64Constant(g, new Array<number>(n).fill(1))], { axis: dim }, n);
    const axes = int64Constant(g, [dim]);
    return pieces.map((piece) => g.node('Squeeze', [piece, axes])[0]!);
  },
});

/**
 * The slices of x along `dim`, with that dim removed (torch.unbind):
 * unbind(x, d)[i] = x[…, i, …], n = x.shape[d] tensors. Its backward is a single stack
 * of the slices' gradients, so iterating over a sequence (a recurrent network over T time
 * steps) differentiates in O(T) rather than T scatters of a full-size gradient.
 */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  return applyMultiOutput(unbindOp, [x], { dim: dimOf('unbind', x, dim) });
}
