import type { Tensor } from '@shinkei/core-tensor';
import { cast, promoteTypes } from '@shinkei/core-tensor';
import { defineOp } from '@shinkei/core-tensor/custom';
import { blockOf } from './block.js';
import { sigmoid, tanh } from './elementary.js';
import { lstmGradCell, lstmGradGates } from './lstm-pointwise-grad.js';
import { cellRows, concatLast, onnxMath, splitLast, withLastDim } from './pointwise.js';

/**
 * The LSTM cell's pointwise part in one pass: from the gate pre-activations
 * a = [a_i, a_f, a_g, a_o] [..., 4H] (PyTorch's gate order) and cₜ₋₁ [..., H],
 *
 *   i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o)
 *   cₜ = f ⊙ cₜ₋₁ + i ⊙ g,  hₜ = o ⊙ tanh(cₜ)
 *
 * One output [..., 7H] = [hₜ | cₜ | i | f | g | o | tanh cₜ]: an op has one output, so hₜ and
 * cₜ travel packed (blockOf unpacks them), and the activations ride along as the saved
 * tensors of the backward kernels (lstm-pointwise-grad.ts), which need no exp or tanh.
 */
export const lstmPointwise = defineOp({
  name: 'lstmPointwise',
  forward: ([pre, cPrev]: [Tensor, Tensor]) => {
    const { H, rows } = cellRows('lstmPointwise', pre, cPrev, 4);
    const out = withLastDim(pre, 7 * H);
    const [a, c, y] = [pre.data, cPrev.data, out.data];
    for (let r = 0; r < rows; r++) {
      const [p, q, o] = [4 * H * r, H * r, 7 * H * r];
      for (let j = 0; j < H; j++) {
        const i = sigmoid(a[p + j]!);
        const f = sigmoid(a[p + H + j]!);
        const g = tanh(a[p + 2 * H + j]!);
        const og = sigmoid(a[p + 3 * H + j]!);
        const cell = f * c[q + j]! + i * g;
        const tc = tanh(cell);
        y[o + j] = og * tc;
        y[o + H + j] = cell;
        y[o + 2 * H + j] = i;
        y[o + 3 * H + j] = f;
        y[o + 4 * H + j] = g;
        y[o + 5 * H + j] = og;
        y[o + 6 * H + j] = tc;
      }
    }
    return out;
  },
  backward: ({ inputs: [, cPrev], output }, dy) => [
    lstmGradGates.apply([dy, output, cPrev]),
    cPrev.requiresGrad ? lstmGradCell.apply([dy, output]) : null,
  ],
  onnx: (g, [pre, cPrev], _attrs, info) => {
    const H = info.inputShapes[1]!.at(-1)!;
    const m = onnxMath(g, info.outputDType);
    const [ai, af, ag, ao] = splitLast(g, pre, H, 4) as [string, string, string, string];
    const [i, f, gate, o] = [m.sigmoid(ai), m.sigmoid(af), m.tanh(ag), m.sigmoid(ao)];
    const cell = m.add(m.mul(f, cPrev), m.mul(i, gate));
    const tc = m.tanh(cell);
    return concatLast(g, [m.mul(o, tc), cell, i, f, gate, o, tc]);
  },
});

/**
 * One LSTM state update from the gate pre-activations a [..., 4H] (order i, f, g, o) and
 * cₜ₋₁ [..., H]: [hₜ, cₜ] with cₜ = σ(a_f) ⊙ cₜ₋₁ + σ(a_i) ⊙ tanh(a_g) and
 * hₜ = σ(a_o) ⊙ tanh(cₜ), one fused op forward and two backward (see lstmPointwise).
 */
export function lstmStateUpdate(pre: Tensor, cPrev: Tensor): [h: Tensor, c: Tensor] {
  const dtype = promoteTypes(pre.dtype, cPrev.dtype);
  const packed = lstmPointwise.apply([cast(pre, dtype), cast(cPrev, dtype)]);
  const H = packed.shape[packed.ndim - 1]! / 7;
  const total = 7 * H;
  return [
    blockOf.apply([packed], { start: 0, width: H, total }),
    blockOf.apply([packed], { start: H, width: H, total }),
  ];
}
