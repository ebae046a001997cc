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
 * The backward kernel of gruPointwise. With the saved activations s = [r | z | n], the
 * cotangent dh of hₜ and ds = [dr | dz | dn] of s (absent unless something reads the
 * activations), the vector–Jacobian product is
 *
 *   da_in = (dn + dh ⊙ (1 − z)) ⊙ (1 − n²),  da_hn = da_in ⊙ r
 *   da_r  = (dr + da_in ⊙ a_hn) ⊙ r(1 − r)
 *   da_z  = (dz + dh ⊙ (hₜ₋₁ − n)) ⊙ z(1 − z)
 *   dhₜ₋₁ = dh ⊙ z
 *
 * One op with both input gradients as outputs. It has no backward of its own: double
 * backward throws.
 */

/** (∂L/∂a [..., 4H], ∂L/∂hₜ₋₁ [..., H]) from (dh, s, a, hₜ₋₁[, ds]). */
const gruGrad = defineMultiOutputOp({
  name: 'gruPointwiseGrad',
  outputs: 2,
  forward: ([dhIn, acts, pre, hPrev, dActs]: Tensor[]): [Tensor, Tensor] => {
    const { H, rows } = cellRows('gruPointwiseGrad', acts!, hPrev!, 3);
    const [daOut, dhPrevOut] = [withLastDim(pre!, 4 * H), withLastDim(hPrev!, H)];
    const [d, s, a, h, da, dhPrev] = [dhIn!.data, acts!.data, pre!.data, hPrev!.data, daOut.data, dhPrevOut.data];
    const e = dActs?.data;
    for (let row = 0; row < rows; row++) {
      const [p, q, o] = [4 * H * row, H * row, 3 * H * row];
      for (let j = 0; j < H; j++) {
        const dh = d[q + j]!;
        const r = s[o + j]!;
        const z = s[o + H + j]!;
        const n = s[o + 2 * H + j]!;
        const dIn = ((e === undefined ? 0 : e[o + 2 * H + j]!) + dh * (1 - z)) * (1 - n * n);
        da[p + j] = ((e === undefined ? 0 : e[o + j]!) + dIn * a[p + 3 * H + j]!) * r * (1 - r);
        da[p + H + j] = ((e === undefined ? 0 : e[o + H + j]!) + dh * (h[q + j]! - n)) * z * (1 - z);
        da[p + 2 * H + j] = dIn;
        da[p + 3 * H + j] = dIn * r;
        dhPrev[q + j] = dh * z;
      }
    }
    return [daOut, dhPrevOut];
  },
  backward: noDoubleBackward('gruPointwiseGrad', 'GRU'),
  onnx: (g, [dh, acts, pre, hPrev, dActs], _attrs, info) => {
    const H = info.inputShapes[3]!.at(-1)!;
    const m = onnxMath(g, info.outputDTypes[0]!);
    const [r, z, n] = splitLast(g, acts!, H, 3) as [string, string, string];
    const ahn = splitLast(g, pre!, H, 4)[3]!;
    const d = onnxActivationCotangents(g, dActs, H, 3);
    const logistic = (x: string) => m.mul(x, m.oneMinus(x));
    const dIn = m.mul(d(2, m.mul(dh!, m.oneMinus(z))), m.oneMinus(m.mul(n, n)));
    const da = concatLast(g, [
      m.mul(d(0, m.mul(dIn, ahn)), logistic(r)),
      m.mul(d(1, m.mul(dh!, m.sub(hPrev!, n))), logistic(z)),
      dIn,
      m.mul(dIn, r),
    ]);
    return [da, m.mul(dh!, z)];
  },
});

/**
 * The backward rule of gruPointwise: [∂L/∂a, ∂L/∂hₜ₋₁] from the output cotangents (null:
 * none — zeros for hₜ, left out for the activations), the saved activations, a and hₜ₋₁.
 */
export function gruPointwiseGrad(
  dh: Tensor | null,
  dActs: Tensor | null,
  acts: Tensor,
  pre: Tensor,
  hPrev: Tensor,
): [Tensor, Tensor] {
  const inputs = [dh ?? zerosLike(hPrev), acts, pre, hPrev];
  return gruGrad.apply(dActs === null ? inputs : [...inputs, dActs]);
}
