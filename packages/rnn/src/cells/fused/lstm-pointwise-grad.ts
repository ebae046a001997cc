import type { Tensor } from '@shinkei/core-tensor';
import type { OnnxGraphBuilder } from '@shinkei/core-tensor/custom';
import { defineOp } from '@shinkei/core-tensor/custom';
import { cellRows, concatLast, noDoubleBackward, onnxMath, splitLast, withLastDim } from './pointwise.js';

/*
 * The backward kernels of lstmPointwise. With y = [h | c | i | f | g | o | tc] (tc = tanh c)
 * and its cotangent dy = [dh | dc | di | df | dg | do | dtc] (the last five are zero unless
 * something reads the saved activations), the vector–Jacobian product is
 *
 *   dtc* = dtc + dh ⊙ o,     do* = do + dh ⊙ tc
 *   dc*  = dc + dtc* ⊙ (1 − tc²)                  (total gradient of cₜ)
 *   da_i = (di + dc* ⊙ g) ⊙ i(1 − i),  da_f = (df + dc* ⊙ cₜ₋₁) ⊙ f(1 − f)
 *   da_g = (dg + dc* ⊙ i) ⊙ (1 − g²),  da_o = do* ⊙ o(1 − o)
 *   dcₜ₋₁ = dc* ⊙ f
 *
 * Two ops, one per input gradient (each recomputes dc*, a few multiply-adds), so neither
 * needs slicing. They have no backward of their own: double backward throws.
 */

/** dc* = dc + (dtc + dh ⊙ o) ⊙ (1 − tc²) at column j of a row (offset o7 into the [.., 7H] tensors). */
function cellCotangent(d: ArrayLike<number>, y: ArrayLike<number>, o7: number, H: number, j: number): number {
  const tc = y[o7 + 6 * H + j]!;
  return d[o7 + H + j]! + (d[o7 + 6 * H + j]! + d[o7 + j]! * y[o7 + 5 * H + j]!) * (1 - tc * tc);
}

/** The ONNX form of dc*; returns it with the pieces of y. */
function onnxCellCotangent(g: OnnxGraphBuilder, dy: string, y: string, H: number, m: ReturnType<typeof onnxMath>) {
  const d = splitLast(g, dy, H, 7);
  const s = splitLast(g, y, H, 7);
  const tc = s[6]!;
  const dcTotal = m.add(d[1]!, m.mul(m.add(d[6]!, m.mul(d[0]!, s[5]!)), m.oneMinus(m.mul(tc, tc))));
  return { d, s, dcTotal };
}

/** ∂L/∂a [..., 4H] of lstmPointwise from (dy, y, cₜ₋₁). */
export const lstmGradGates = defineOp({
  name: 'lstmPointwiseGradGates',
  forward: ([dy, y, cPrev]: [Tensor, Tensor, Tensor]) => {
    const { H, rows } = cellRows('lstmPointwiseGradGates', y, cPrev, 7);
    const out = withLastDim(y, 4 * H);
    const [d, s, c, da] = [dy.data, y.data, cPrev.data, out.data];
    for (let r = 0; r < rows; r++) {
      const [o7, q, p] = [7 * H * r, H * r, 4 * H * r];
      for (let j = 0; j < H; j++) {
        const dc = cellCotangent(d, s, o7, H, j);
        const i = s[o7 + 2 * H + j]!;
        const f = s[o7 + 3 * H + j]!;
        const g = s[o7 + 4 * H + j]!;
        const o = s[o7 + 5 * H + j]!;
        da[p + j] = (d[o7 + 2 * H + j]! + dc * g) * i * (1 - i);
        da[p + H + j] = (d[o7 + 3 * H + j]! + dc * c[q + j]!) * f * (1 - f);
        da[p + 2 * H + j] = (d[o7 + 4 * H + j]! + dc * i) * (1 - g * g);
        da[p + 3 * H + j] = (d[o7 + 5 * H + j]! + d[o7 + j]! * s[o7 + 6 * H + j]!) * o * (1 - o);
      }
    }
    return out;
  },
  backward: noDoubleBackward('lstmPointwiseGradGates', 'LSTM'),
  onnx: (g, [dy, y, cPrev], _attrs, info) => {
    const H = info.inputShapes[2]!.at(-1)!;
    const m = onnxMath(g, info.outputDType);
    const { d, s, dcTotal } = onnxCellCotangent(g, dy, y, H, m);
    const [i, f, gate, o, tc] = s.slice(2) as [string, string, string, string, string];
    const logistic = (x: string) => m.mul(x, m.oneMinus(x));
    return concatLast(g, [
      m.mul(m.add(d[2]!, m.mul(dcTotal, gate)), logistic(i)),
      m.mul(m.add(d[3]!, m.mul(dcTotal, cPrev)), logistic(f)),
      m.mul(m.add(d[4]!, m.mul(dcTotal, i)), m.oneMinus(m.mul(gate, gate))),
      m.mul(m.add(d[5]!, m.mul(d[0]!, tc)), logistic(o)),
    ]);
  },
});

/** ∂L/∂cₜ₋₁ [..., H] of lstmPointwise from (dy, y): dc* ⊙ f. */
export const lstmGradCell = defineOp({
  name: 'lstmPointwiseGradCell',
  forward: ([dy, y]: [Tensor, Tensor]) => {
    const H = y.shape[y.ndim - 1]! / 7;
    const out = withLastDim(y, H);
    const [d, s, dc] = [dy.data, y.data, out.data];
    const rows = out.size / H;
    for (let r = 0; r < rows; r++) {
      const o7 = 7 * H * r;
      for (let j = 0; j < H; j++) dc[H * r + j] = cellCotangent(d, s, o7, H, j) * s[o7 + 3 * H + j]!;
    }
    return out;
  },
  backward: noDoubleBackward('lstmPointwiseGradCell', 'LSTM'),
  onnx: (g, [dy, y], _attrs, info) => {
    const H = info.outputShape.at(-1)!;
    const m = onnxMath(g, info.outputDType);
    const { s, dcTotal } = onnxCellCotangent(g, dy, y, H, m);
    return m.mul(dcTotal, s[3]!);
  },
});
