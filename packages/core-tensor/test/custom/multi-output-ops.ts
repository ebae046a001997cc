import type { CustomMultiOutputOp } from '../../src/custom/index.js';
import { defineMultiOutputOp } from '../../src/custom/index.js';
import type { Tensor } from '../../src/index.js';
import { arange, zeros, zerosLike } from '../../src/index.js';

/** How many times sinCos's backward rule ran, and the output gradients it last got (tests reset it). */
export const sinCosLog = { calls: 0, dys: [] as readonly (Tensor | null)[] };

/** (sin x, cos x) in one pass over x; ∂/∂x = ds·cos x − dc·sin x, read from the saved outputs (tensor ops). */
export const sinCosOp = defineMultiOutputOp({
  name: 'sinCos',
  outputs: 2,
  forward: ([x]: [Tensor]): [Tensor, Tensor] => {
    const [s, c] = [zerosLike(x), zerosLike(x)];
    for (let i = 0; i < x.size; i++) {
      s.data[i] = Math.sin(x.data[i]!);
      c.data[i] = Math.cos(x.data[i]!);
    }
    return [s, c];
  },
  backward: ({ inputs: [x], outputs: [s, c] }, dys) => {
    sinCosLog.calls++;
    sinCosLog.dys = dys;
    const [ds, dc] = dys;
    const fromSin = ds === null ? zerosLike(x) : ds.mul(c);
    return [dc === null ? fromSin : fromSin.sub(dc.mul(s))];
  },
  onnx: (g, [x]) => [g.node('Sin', [x])[0]!, g.node('Cos', [x])[0]!],
});

/**
 * The plane rotation of (x, y) by `angle`: (x cos θ − y sin θ, x sin θ + y cos θ). Linear,
 * so its backward is the rotation by −θ of (du, dv) — this op again, hence differentiable.
 */
export const rotateOp: CustomMultiOutputOp<[Tensor, Tensor], [Tensor, Tensor], { angle: number }> = defineMultiOutputOp(
  {
    name: 'rotate',
    outputs: 2,
    forward: ([x, y]: [Tensor, Tensor], { angle }: { angle: number }): [Tensor, Tensor] => {
      const [c, s] = [Math.cos(angle), Math.sin(angle)];
      return [x.mul(c).sub(y.mul(s)), x.mul(s).add(y.mul(c))];
    },
    backward: ({ inputs: [x], attrs: { angle } }, [du, dv]) =>
      rotateOp.apply([du ?? zerosLike(x), dv ?? zerosLike(x)], { angle: -angle }),
    onnx: (g, [x, y], { angle }, info) => {
      const k = (v: number) => g.constant([v], info.inputDTypes[0]!, []);
      const mul = (a: string, v: number) => g.node('Mul', [a, k(v)])[0]!;
      const [c, s] = [Math.cos(angle), Math.sin(angle)];
      return [g.node('Sub', [mul(x, c), mul(y, s)])[0]!, g.node('Add', [mul(x, s), mul(y, c)])[0]!];
    },
  },
);

/**
 * The max of each row of x [rows, n] and its column (int32, first on ties), as torch.max(x, 1):
 * an integer output beside a float one. ∂/∂x = dv scattered to the argmax columns.
 */
export const rowMaxOp = defineMultiOutputOp({
  name: 'rowMax',
  forward: ([x]: [Tensor]): [Tensor, Tensor] => {
    const [rows, n] = x.shape as [number, number];
    const values = zeros([rows], { dtype: x.dtype });
    const index = zeros([rows], { dtype: 'int32' });
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let j = 1; j < n; j++) if (x.data[r * n + j]! > x.data[r * n + best]!) best = j;
      values.data[r] = x.data[r * n + best]!;
      index.data[r] = best;
    }
    return [values, index];
  },
  backward: ({ inputs: [x], outputs: [, index] }, [dv]) => {
    if (dv === null) return [null];
    const oneHot = arange(x.shape[1]!).eq(index.unsqueeze(1)).to(x.dtype);
    return [oneHot.mul(dv.unsqueeze(1))];
  },
  onnx: (g, [x]) => {
    const values = g.node('ReduceMax', [x], { axes: [1], keepdims: 0 })[0]!;
    const index = g.node('ArgMax', [x], { axis: 1, keepdims: 0 })[0]!;
    return [values, g.node('Cast', [index], { to: 6 })[0]!];
  },
});
