import type { Tensor } from '@shinkei/core-tensor';
import { cast, promoteTypes } from '@shinkei/core-tensor';
import { defineOp } from '@shinkei/core-tensor/custom';
import { blockOf } from './block.js';
import { sigmoid, tanh } from './elementary.js';
import { gruGradGates, gruGradHidden } from './gru-pointwise-grad.js';
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
 * One output [..., 4H] = [hₜ | r | z | n]: the activations are the saved tensors of the
 * backward kernels (gru-pointwise-grad.ts).
 */
export const gruPointwise = defineOp({
  name: 'gruPointwise',
  forward: ([pre, hPrev]: [Tensor, Tensor]) => {
    const { H, rows } = cellRows('gruPointwise', pre, hPrev, 4);
    const out = withLastDim(pre, 4 * H);
    const [a, h, y] = [pre.data, hPrev.data, out.data];
    for (let row = 0; row < rows; row++) {
      const [p, q] = [4 * H * row, H * row];
      for (let j = 0; j < H; j++) {
        const r = sigmoid(a[p + j]!);
        const z = sigmoid(a[p + H + j]!);
        const n = tanh(a[p + 2 * H + j]! + r * a[p + 3 * H + j]!);
        y[p + j] = n + z * (h[q + j]! - n);
        y[p + H + j] = r;
        y[p + 2 * H + j] = z;
        y[p + 3 * H + j] = n;
      }
    }
    return out;
  },
  backward: ({ inputs: [pre, hPrev], output }, dy) => [
    gruGradGates.apply([dy, output, pre, hPrev]),
    hPrev.requiresGrad ? gruGradHidden.apply([dy, output]) : null,
  ],
  onnx: (g, [pre, hPrev], _attrs, info) => {
    const H = info.inputShapes[1]!.at(-1)!;
    const m = onnxMath(g, info.outputDType);
    const [ar, az, ain, ahn] = splitLast(g, pre, H, 4) as [string, string, string, string];
    const [r, z] = [m.sigmoid(ar), m.sigmoid(az)];
    const n = m.tanh(m.add(ain, m.mul(r, ahn)));
    return concatLast(g, [m.add(n, m.mul(z, m.sub(hPrev, n))), r, z, n]);
  },
});

/**
 * One GRU state update from a = [a_r, a_z, a_in, a_hn] [..., 4H] and hₜ₋₁ [..., H]:
 * hₜ = n + σ(a_z) ⊙ (hₜ₋₁ − n) with n = tanh(a_in + σ(a_r) ⊙ a_hn), one fused op forward
 * and two backward (see gruPointwise).
 */
export function gruStateUpdate(pre: Tensor, hPrev: Tensor): Tensor {
  const dtype = promoteTypes(pre.dtype, hPrev.dtype);
  const packed = gruPointwise.apply([cast(pre, dtype), cast(hPrev, dtype)]);
  const total = packed.shape[packed.ndim - 1]!;
  return blockOf.apply([packed], { start: 0, width: total / 4, total });
}
