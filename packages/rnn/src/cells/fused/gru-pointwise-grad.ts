import type { Tensor } from '@shinkei/core-tensor';
import { defineOp } from '@shinkei/core-tensor/custom';
import { cellRows, concatLast, noDoubleBackward, onnxMath, splitLast, withLastDim } from './pointwise.js';

/*
 * The backward kernels of gruPointwise. With y = [h | r | z | n] and its cotangent
 * dy = [dh | dr | dz | dn] (the last three are zero unless something reads the saved
 * activations), the vector–Jacobian product is
 *
 *   da_in = (dn + dh ⊙ (1 − z)) ⊙ (1 − n²),  da_hn = da_in ⊙ r
 *   da_r  = (dr + da_in ⊙ a_hn) ⊙ r(1 − r)
 *   da_z  = (dz + dh ⊙ (hₜ₋₁ − n)) ⊙ z(1 − z)
 *   dhₜ₋₁ = dh ⊙ z
 *
 * One op per input gradient; neither has a backward of its own: double backward throws.
 */

/** ∂L/∂a [..., 4H] of gruPointwise from (dy, y, a, hₜ₋₁). */
export const gruGradGates = defineOp({
  name: 'gruPointwiseGradGates',
  forward: ([dy, y, pre, hPrev]: [Tensor, Tensor, Tensor, Tensor]) => {
    const { H, rows } = cellRows('gruPointwiseGradGates', y, hPrev, 4);
    const out = withLastDim(y, 4 * H);
    const [d, s, a, h, da] = [dy.data, y.data, pre.data, hPrev.data, out.data];
    for (let row = 0; row < rows; row++) {
      const [p, q] = [4 * H * row, H * row];
      for (let j = 0; j < H; j++) {
        const dh = d[p + j]!;
        const r = s[p + H + j]!;
        const z = s[p + 2 * H + j]!;
        const n = s[p + 3 * H + j]!;
        const dIn = (d[p + 3 * H + j]! + dh * (1 - z)) * (1 - n * n);
        da[p + j] = (d[p + H + j]! + dIn * a[p + 3 * H + j]!) * r * (1 - r);
        da[p + H + j] = (d[p + 2 * H + j]! + dh * (h[q + j]! - n)) * z * (1 - z);
        da[p + 2 * H + j] = dIn;
        da[p + 3 * H + j] = dIn * r;
      }
    }
    return out;
  },
  backward: noDoubleBackward('gruPointwiseGradGates', 'GRU'),
  onnx: (g, [dy, y, pre, hPrev], _attrs, info) => {
    const H = info.inputShapes[3]!.at(-1)!;
    const m = onnxMath(g, info.outputDType);
    const [dh, dr, dz, dn] = splitLast(g, dy, H, 4) as [string, string, string, string];
    const [, r, z, n] = splitLast(g, y, H, 4) as [string, string, string, string];
    const ahn = splitLast(g, pre, H, 4)[3]!;
    const logistic = (x: string) => m.mul(x, m.oneMinus(x));
    const dIn = m.mul(m.add(dn, m.mul(dh, m.oneMinus(z))), m.oneMinus(m.mul(n, n)));
    return concatLast(g, [
      m.mul(m.add(dr, m.mul(dIn, ahn)), logistic(r)),
      m.mul(m.add(dz, m.mul(dh, m.sub(hPrev, n))), logistic(z)),
      dIn,
      m.mul(dIn, r),
    ]);
  },
});

/** ∂L/∂hₜ₋₁ [..., H] of gruPointwise from (dy, y): dh ⊙ z. */
export const gruGradHidden = defineOp({
  name: 'gruPointwiseGradHidden',
  forward: ([dy, y]: [Tensor, Tensor]) => {
    const H = y.shape[y.ndim - 1]! / 4;
    const out = withLastDim(y, H);
    const [d, s, dh] = [dy.data, y.data, out.data];
    const rows = out.size / H;
    for (let row = 0; row < rows; row++) {
      const p = 4 * H * row;
      for (let j = 0; j < H; j++) dh[H * row + j] = d[p + j]! * s[p + 2 * H + j]!;
    }
    return out;
  },
  backward: noDoubleBackward('gruPointwiseGradHidden', 'GRU'),
  onnx: (g, [dy, y], _attrs, info) => {
    const H = info.outputShape.at(-1)!;
    const m = onnxMath(g, info.outputDType);
    return m.mul(splitLast(g, dy, H, 4)[0]!, splitLast(g, y, H, 4)[2]!);
  },
});
