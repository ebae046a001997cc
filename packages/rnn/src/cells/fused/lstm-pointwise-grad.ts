import type { Tensor } from '@shinkei/core-tensor';
import { zerosLike } from '@shinkei/core-tensor';
import { defineMultiOutputOp } from '@shinkei/core-tensor/custom';
import {
  cellRows,
  concatLast,
  noDoubleBackward,
  onnxActivationCotangents,
  onnxMath,
  splitLast,
  withLastDim,
} from './pointwise.js';

/*
 * The backward kernel of lstmPointwise. With the saved activations s = [i | f | g | o | tc]
 * (tc = tanh cₜ), the cotangents dh, dc of hₜ, cₜ and ds = [di | df | dg | do | dtc] of s
 * (absent unless something reads the activations), the vector–Jacobian product is
 *
 *   dtc* = dtc + dh ⊙ o,     do* = do + dh ⊙ tc
 *   dc*  = dc + dtc* ⊙ (1 − tc²)                  (total gradient of cₜ)
 *   da_i = (di + dc* ⊙ g) ⊙ i(1 − i),  da_f = (df + dc* ⊙ cₜ₋₁) ⊙ f(1 − f)
 *   da_g = (dg + dc* ⊙ i) ⊙ (1 − g²),  da_o = do* ⊙ o(1 − o)
 *   dcₜ₋₁ = dc* ⊙ f
 *
 * One op with both input gradients as outputs. It has no backward of its own: double
 * backward throws.
 */

/** (∂L/∂a [..., 4H], ∂L/∂cₜ₋₁ [..., H]) from (dh, dc, s, cₜ₋₁[, ds]). */
const lstmGrad = defineMultiOutputOp({
  name: 'lstmPointwiseGrad',
  outputs: 2,
  forward: ([dhIn, dcIn, acts, cPrev, dActs]: Tensor[]): [Tensor, Tensor] => {
    const { H, rows } = cellRows('lstmPointwiseGrad', acts!, cPrev!, 5);
    const [daOut, dcPrevOut] = [withLastDim(acts!, 4 * H), withLastDim(cPrev!, H)];
    const [dh, dc, s, c, da, dcPrev] = [dhIn!.data, dcIn!.data, acts!.data, cPrev!.data, daOut.data, dcPrevOut.data];
    const e = dActs?.data;
    for (let r = 0; r < rows; r++) {
      const [o5, q, p] = [5 * H * r, H * r, 4 * H * r];
      for (let j = 0; j < H; j++) {
        const i = s[o5 + j]!;
        const f = s[o5 + H + j]!;
        const g = s[o5 + 2 * H + j]!;
        const o = s[o5 + 3 * H + j]!;
        const tc = s[o5 + 4 * H + j]!;
        const dhj = dh[q + j]!;
        const dcTotal = dc[q + j]! + ((e === undefined ? 0 : e[o5 + 4 * H + j]!) + dhj * o) * (1 - tc * tc);
        da[p + j] = ((e === undefined ? 0 : e[o5 + j]!) + dcTotal * g) * i * (1 - i);
        da[p + H + j] = ((e === undefined ? 0 : e[o5 + H + j]!) + dcTotal * c[q + j]!) * f * (1 - f);
        da[p + 2 * H + j] = ((e === undefined ? 0 : e[o5 + 2 * H + j]!) + dcTotal * i) * (1 - g * g);
        da[p + 3 * H + j] = ((e === undefined ? 0 : e[o5 + 3 * H + j]!) + dhj * tc) * o * (1 - o);
        dcPrev[q + j] = dcTotal * f;
      }
    }
    return [daOut, dcPrevOut];
  },
  backward: noDoubleBackward('lstmPointwiseGrad', 'LSTM'),
  onnx: (g, [dh, dc, acts, cPrev, dActs], _attrs, info) => {
    const H = info.inputShapes[3]!.at(-1)!;
    const m = onnxMath(g, info.outputDTypes[0]!);
    const [i, f, gate, o, tc] = splitLast(g, acts!, H, 5) as [string, string, string, string, string];
    const d = onnxActivationCotangents(g, dActs, H, 5);
    const dcTotal = m.add(dc!, m.mul(d(4, m.mul(dh!, o)), m.oneMinus(m.mul(tc, tc))));
    const logistic = (x: string) => m.mul(x, m.oneMinus(x));
    const da = concatLast(g, [
      m.mul(d(0, m.mul(dcTotal, gate)), logistic(i)),
      m.mul(d(1, m.mul(dcTotal, cPrev!)), logistic(f)),
      m.mul(d(2, m.mul(dcTotal, i)), m.oneMinus(m.mul(gate, gate))),
      m.mul(d(3, m.mul(dh!, tc)), logistic(o)),
    ]);
    return [da, m.mul(dcTotal, f)];
  },
});

/**
 * The backward rule of lstmPointwise: [∂L/∂a, ∂L/∂cₜ₋₁] from the output cotangents (null:
 * none — zeros for hₜ, cₜ; left out for the activations), the saved activations and cₜ₋₁.
 */
export function lstmPointwiseGrad(
  dh: Tensor | null,
  dc: Tensor | null,
  dActs: Tensor | null,
  acts: Tensor,
  cPrev: Tensor,
): [Tensor, Tensor] {
  const inputs = [dh ?? zerosLike(cPrev), dc ?? zerosLike(cPrev), acts, cPrev];
  return lstmGrad.apply(dActs === null ? inputs : [...inputs, dActs]);
}
