import type { Tensor } from '@shinkei/core-tensor';
import { cast, promoteTypes } from '@shinkei/core-tensor';
import { defineMultiOutputOp } from '@shinkei/core-tensor/custom';
import { sigmoid, tanh } from './elementary.js';
import { gruPointwiseGrad } from './gru-pointwise-grad.js';
import { cellRows, concatLast, onnxMath, splitLast, withLastDim } from './pointwise.js';

/**
 * The GRU cell's pointwise part in one pass: from a = [a_r, a_z, a_in, a_hn] [..., 4H] —
 * the reset and update gates' pre-activations, the candidate's input part W_in x + b_in
 * and its recurrent part W_hn hₜ₋₁ + b_hn, kept apart because the reset gate scales only
 * the latter (PyTorch's convention) — and hₜ₋₁ [..., H],
 *
 *   r = σ(a_r), z = σ(a_z), n = tanh(a_in + r ⊙ a_hn)
 *   hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁ = n + z ⊙ (hₜ₋₁ − n)
 *
 * Two outputs: hₜ [..., H] and the activations [..., 3H] = [r | z | n], the saved tensors of
 * the backward kernel (gru-pointwise-grad.ts), which gets a gradient only if something
 * reads them.
 */
export const gruPointwise = defineMultiOutputOp({
  name: 'gruPointwise',
  outputs: 2,
  forward: ([pre, hPrev]: [Tensor, Tensor]): [h: Tensor, activations: Tensor] => {
    const { H, rows } = cellRows('gruPointwise', pre, hPrev, 4);
    const [hOut, actsOut] = [withLastDim(pre, H), withLastDim(pre, 3 * H)];
    const [a, h, y, s] = [pre.data, hPrev.data, hOut.data, actsOut.data];
    for (let row = 0; row < rows; row++) {
      const [p, q, o] = [4 * H * row, H * row, 3 * H * row];
      for (let j = 0; j < H; j++) {
        const r = sigmoid(a[p + j]!);
        const z = sigmoid(a[p + H + j]!);
        const n = tanh(a[p + 2 * H + j]! + r * a[p + 3 * H + j]!);
        y[q + j] = n + z * (h[q + j]! - n);
        s[o + j] = r;
        s[o + H + j] = z;
        s[o + 2 * H + j] = n;
      }
    }
    return [hOut, actsOut];
  },
  backward: ({ inputs: [pre, hPrev], outputs: [, acts] }, [dh, dActs]) => gruPointwiseGrad(dh, dActs, acts, pre, hPrev),
  onnx: (g, [pre, hPrev], _attrs, info) => {
    const H = info.inputShapes[1]!.at(-1)!;
    const m = onnxMath(g, info.outputDTypes[0]!);
    const [ar, az, ain, ahn] = splitLast(g, pre, H, 4) as [string, string, string, string];
    const [r, z] = [m.sigmoid(ar), m.sigmoid(az)];
    const n = m.tanh(m.add(ain, m.mul(r, ahn)));
    return [m.add(n, m.mul(z, m.sub(hPrev, n))), concatLast(g, [r, z, n])];
  },
});

/**
 * One GRU state update from a = [a_r, a_z, a_in, a_hn] [..., 4H] and hₜ₋₁ [..., H]:
 * hₜ = n + σ(a_z) ⊙ (hₜ₋₁ − n) with n = tanh(a_in + σ(a_r) ⊙ a_hn), one fused op forward
 * and one backward (see gruPointwise).
 */
export function gruStateUpdate(pre: Tensor, hPrev: Tensor): Tensor {
  const dtype = promoteTypes(pre.dtype, hPrev.dtype);
  return gruPointwise.apply([cast(pre, dtype), cast(hPrev, dtype)])[0];
}
