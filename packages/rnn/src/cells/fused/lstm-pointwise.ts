import type { Tensor } from '@shinkei/core-tensor';
import { cast, promoteTypes } from '@shinkei/core-tensor';
import { defineMultiOutputOp } from '@shinkei/core-tensor/custom';
import { sigmoid, tanh } from './elementary.js';
import { lstmPointwiseGrad } from './lstm-pointwise-grad.js';
import { cellRows, concatLast, onnxMath, splitLast, withLastDim } from './pointwise.js';

/**
 * The LSTM cell's pointwise part in one pass: from the gate pre-activations
 * a = [a_i, a_f, a_g, a_o] [..., 4H] (PyTorch's gate order) and cₜ₋₁ [..., H],
 *
 *   i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o)
 *   cₜ = f ⊙ cₜ₋₁ + i ⊙ g,  hₜ = o ⊙ tanh(cₜ)
 *
 * Three outputs: hₜ [..., H], cₜ [..., H] and the activations [..., 5H] = [i | f | g | o | tanh cₜ],
 * the saved tensors of the backward kernel (lstm-pointwise-grad.ts), which needs no exp or
 * tanh. The outputs share one autograd node, so the backward kernel runs once a step, with
 * the gradients of hₜ and cₜ (the activations get one only if something reads them).
 */
export const lstmPointwise = defineMultiOutputOp({
  name: 'lstmPointwise',
  outputs: 3,
  forward: ([pre, cPrev]: [Tensor, Tensor]): [h: Tensor, c: Tensor, activations: Tensor] => {
    const { H, rows } = cellRows('lstmPointwise', pre, cPrev, 4);
    const [hOut, cOut, actsOut] = [withLastDim(pre, H), withLastDim(pre, H), withLastDim(pre, 5 * H)];
    const [a, c, h, cell, s] = [pre.data, cPrev.data, hOut.data, cOut.data, actsOut.data];
    for (let r = 0; r < rows; r++) {
      const [p, q, o] = [4 * H * r, H * r, 5 * H * r];
      for (let j = 0; j < H; j++) {
        const i = sigmoid(a[p + j]!);
        const f = sigmoid(a[p + H + j]!);
        const g = tanh(a[p + 2 * H + j]!);
        const og = sigmoid(a[p + 3 * H + j]!);
        const ct = f * c[q + j]! + i * g;
        const tc = tanh(ct);
        h[q + j] = og * tc;
        cell[q + j] = ct;
        s[o + j] = i;
        s[o + H + j] = f;
        s[o + 2 * H + j] = g;
        s[o + 3 * H + j] = og;
        s[o + 4 * H + j] = tc;
      }
    }
    return [hOut, cOut, actsOut];
  },
  backward: ({ inputs: [, cPrev], outputs: [, , acts] }, [dh, dc, dActs]) =>
    lstmPointwiseGrad(dh, dc, dActs, acts, cPrev),
  onnx: (g, [pre, cPrev], _attrs, info) => {
    const H = info.inputShapes[1]!.at(-1)!;
    const m = onnxMath(g, info.outputDTypes[0]!);
    const [ai, af, ag, ao] = splitLast(g, pre, H, 4) as [string, string, string, string];
    const [i, f, gate, o] = [m.sigmoid(ai), m.sigmoid(af), m.tanh(ag), m.sigmoid(ao)];
    const cell = m.add(m.mul(f, cPrev), m.mul(i, gate));
    const tc = m.tanh(cell);
    return [m.mul(o, tc), cell, concatLast(g, [i, f, gate, o, tc])];
  },
});

/**
 * One LSTM state update from the gate pre-activations a [..., 4H] (order i, f, g, o) and
 * cₜ₋₁ [..., H]: [hₜ, cₜ] with cₜ = σ(a_f) ⊙ cₜ₋₁ + σ(a_i) ⊙ tanh(a_g) and
 * hₜ = σ(a_o) ⊙ tanh(cₜ), one fused op forward and one backward (see lstmPointwise).
 */
export function lstmStateUpdate(pre: Tensor, cPrev: Tensor): [h: Tensor, c: Tensor] {
  const dtype = promoteTypes(pre.dtype, cPrev.dtype);
  const [h, c] = lstmPointwise.apply([cast(pre, dtype), cast(cPrev, dtype)]);
  return [h, c];
}
