import { apply } from '../../autograd/dispatch.js';
import { allocate } from '../../dtype.js';
import { Tensor } from '../../tensor/tensor.js';
import { cast } from '../cast.js';
import type { OpDef } from '../define.js';
import { defineOp } from '../define.js';
import { dimOf, layoutAround } from './checks.js';

interface CumsumAttrs {
  dim: number;
  /** Sum from the far end: yᵢ = Σ_{j ≥ i} xⱼ. */
  reverse: boolean;
}

/**
 * Running sum along a dim, yᵢ = Σ_{j ≤ i} xⱼ (or Σ_{j ≥ i} when reversed). The Jacobian
 * is a triangle of ones, so the gradient is the running sum of dy the other way round.
 */
export const cumsumOp: OpDef<CumsumAttrs> = defineOp<CumsumAttrs>({
  name: 'cumsum',
  forward: ([x], { dim, reverse }) => {
    const { outer, size, inner } = layoutAround(x!.shape, dim);
    const src = x!.data;
    const out = allocate(x!.dtype, src.length);
    // row by row along `dim` (each row contiguous): row j = row j∓1 + x's row j
    for (let o = 0; o < outer; o++) {
      let previous = -1;
      for (let j = 0; j < size; j++) {
        const at = (o * size + (reverse ? size - 1 - j : j)) * inner;
        if (previous < 0) for (let i = 0; i < inner; i++) out[at + i] = src[at + i]!;
        else for (let i = 0; i < inner; i++) out[at + i] = out[previous + i]! + src[at + i]!;
        previous = at;
      }
    }
    return new Tensor(out, x!.shape);
  },
  backward: ({ attrs: { dim, reverse } }, dy) => [apply(cumsumOp, [dy], { dim, reverse: !reverse })],
  onnx: (g, [x], { dim, reverse }) =>
    g.node('CumSum', [x!, g.constant([dim], 'int64', [])], { reverse: reverse ? 1 : 0, exclusive: 0 })[0]!,
});

/** torch.cumsum: yᵢ = Σ_{j ≤ i} xⱼ along `dim` (bool counts as int32). */
export function cumsum(x: Tensor, dim: number): Tensor {
  const d = dimOf('cumsum', x, dim);
  return apply(cumsumOp, [x.dtype === 'bool' ? cast(x, 'int32') : x], { dim: d, reverse: false });
}
