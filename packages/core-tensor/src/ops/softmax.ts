import { apply } from '../autograd/dispatch.js';
import { allocate, floatOf } from '../dtype.js';
import type { FloatArray } from '../kernels/types.js';
import type { OnnxGraphBuilder } from '../onnx/lowering.js';
import { int64Constant } from '../onnx/lowering.js';
import { normalizeDim } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import { mul, sub } from './binary.js';
import { cast } from './cast.js';
import type { OpDef } from './define.js';
import { defineOp } from './define.js';
import { sum } from './reduce.js';
import { reshape } from './shape.js';
import { exp, neg } from './unary.js';

interface DimAttrs {
  dim: number;
}

/**
 * Visit every 1-D slice along `dim`: `visit(base, stride, size)` where element k of the slice
 * sits at base + k·stride.
 */
function forEachSlice(
  shape: readonly number[],
  dim: number,
  visit: (base: number, stride: number, size: number) => void,
): void {
  const size = shape[dim]!;
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < dim; d++) outer *= shape[d]!;
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d]!;
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) visit(o * size * inner + i, inner, size);
}

/** max and log Σ exp(x − max) of one slice (−∞ and NaN for an all −∞ slice, as PyTorch). */
function sliceLogSumExp(x: FloatArray, base: number, stride: number, size: number): [number, number] {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0, at = base; k < size; k++, at += stride) if (x[at]! > max || Number.isNaN(x[at]!)) max = x[at]!;
  let total = 0;
  for (let k = 0, at = base; k < size; k++, at += stride) total += Math.exp(x[at]! - max);
  return [max, Math.log(total)];
}

function reduceSumOnnx(g: OnnxGraphBuilder, v: string, dim: number): string {
  return g.node('ReduceSum', [v, int64Constant(g, [dim])], { keepdims: 1 })[0]!;
}

/** softmax(x)ᵢ = exp(xᵢ − m)/Σⱼ exp(xⱼ − m) along `dim`, m the slice max; one fused pass. Gradient: softmaxBackward. */
export const softmaxOp: OpDef<DimAttrs> = defineOp<DimAttrs>({
  name: 'softmax',
  forward: ([x], { dim }) => {
    const src = x!.data as FloatArray;
    const out = allocate(x!.dtype, src.length) as FloatArray;
    forEachSlice(x!.shape, dim, (base, stride, size) => {
      const [max, logTotal] = sliceLogSumExp(src, base, stride, size);
      const shift = max + logTotal;
      for (let k = 0, at = base; k < size; k++, at += stride) out[at] = Math.exp(src[at]! - shift);
    });
    return new Tensor(out, x!.shape);
  },
  backward: ({ output, attrs }, dy) => [apply(softmaxBackwardOp, [dy, output], attrs)],
  onnx: (g, [x], { dim }) => g.node('Softmax', [x!], { axis: dim })[0]!,
});

/**
 * The softmax vector–Jacobian product dx = y ⊙ (dy − Σ dy·y), with y = softmax(x). Linear and
 * self-adjoint in dy (J = diag y − yyᵀ), so d(dy) = softmaxBackward(g, y); in y,
 * d(y) = g ⊙ dy − g·Σ dy·y − dy·Σ g·y.
 */
export const softmaxBackwardOp: OpDef<DimAttrs> = defineOp<DimAttrs>({
  name: 'softmaxBackward',
  forward: ([dy, y], { dim }) => {
    const upstream = dy!.data as FloatArray;
    const probs = y!.data as FloatArray;
    const dx = allocate(y!.dtype, probs.length) as FloatArray;
    forEachSlice(y!.shape, dim, (base, stride, size) => {
      let dot = 0;
      for (let k = 0, at = base; k < size; k++, at += stride) dot += upstream[at]! * probs[at]!;
      for (let k = 0, at = base; k < size; k++, at += stride) dx[at] = probs[at]! * (upstream[at]! - dot);
    });
    return new Tensor(dx, y!.shape);
  },
  backward: ({ inputs: [dy, y], attrs }, g) => [
    dy!.requiresGrad ? apply(softmaxBackwardOp, [g, y!], attrs) : null,
    y!.requiresGrad
      ? sub(sub(mul(g, dy!), mul(g, sum(mul(dy!, y!), attrs.dim, true))), mul(dy!, sum(mul(g, y!), attrs.dim, true)))
      : null,
  ],
  onnx: (g, [dy, y], { dim }) => {
    const dot = reduceSumOnnx(g, g.node('Mul', [dy!, y!])[0]!, dim);
    return g.node('Mul', [y!, g.node('Sub', [dy!, dot])[0]!])[0]!;
  },
});

/** log softmax(x) = x − m − log Σ exp(x − m) along `dim`, one fused pass. Gradient: logSoftmaxBackward. */
export const logSoftmaxOp: OpDef<DimAttrs> = defineOp<DimAttrs>({
  name: 'logSoftmax',
  forward: ([x], { dim }) => {
    const src = x!.data as FloatArray;
    const out = allocate(x!.dtype, src.length) as FloatArray;
    forEachSlice(x!.shape, dim, (base, stride, size) => {
      const [max, logTotal] = sliceLogSumExp(src, base, stride, size);
      const shift = max + logTotal;
      for (let k = 0, at = base; k < size; k++, at += stride) out[at] = src[at]! - shift;
    });
    return new Tensor(out, x!.shape);
  },
  backward: ({ output, attrs }, dy) => [apply(logSoftmaxBackwardOp, [dy, output], attrs)],
  onnx: (g, [x], { dim }) => g.node('LogSoftmax', [x!], { axis: dim })[0]!,
});

/**
 * The log-softmax vector–Jacobian product dx = dy − e^y·Σ dy, with y = log softmax(x).
 * d(dy) = g − Σ g·e^y; d(y) = −g·e^y·Σ dy.
 */
export const logSoftmaxBackwardOp: OpDef<DimAttrs> = defineOp<DimAttrs>({
  name: 'logSoftmaxBackward',
  forward: ([dy, y], { dim }) => {
    const upstream = dy!.data as FloatArray;
    const logProbs = y!.data as FloatArray;
    const dx = allocate(y!.dtype, logProbs.length) as FloatArray;
    forEachSlice(y!.shape, dim, (base, stride, size) => {
      let total = 0;
      for (let k = 0, at = base; k < size; k++, at += stride) total += upstream[at]!;
      for (let k = 0, at = base; k < size; k++, at += stride) dx[at] = upstream[at]! - Math.exp(logProbs[at]!) * total;
    });
    return new Tensor(dx, y!.shape);
  },
  backward: ({ inputs: [dy, y], attrs: { dim } }, g) => {
    const probs = exp(y!);
    return [
      dy!.requiresGrad ? sub(g, sum(mul(g, probs), dim, true)) : null,
      y!.requiresGrad ? neg(mul(mul(g, probs), sum(dy!, dim, true))) : null,
    ];
  },
  onnx: (g, [dy, y], { dim }) => {
    const total = reduceSumOnnx(g, dy!, dim);
    return g.node('Sub', [dy!, g.node('Mul', [g.node('Exp', [y!])[0]!, total])[0]!])[0]!;
  },
});

/** softmax along `dim` (torch.nn.functional.softmax): exp(xᵢ − m)/Σⱼ exp(xⱼ − m), fused and stable. */
export function softmax(x: Tensor, dim: number): Tensor {
  if (x.ndim === 0) return reshape(softmax(reshape(x, [1]), 0), []);
  return apply(softmaxOp, [cast(x, floatOf(x.dtype))], { dim: normalizeDim('softmax', dim, x.ndim) });
}

/** log softmax along `dim` (torch.nn.functional.log_softmax): x − m − log Σ exp(x − m), fused and stable. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  if (x.ndim === 0) return reshape(logSoftmax(reshape(x, [1]), 0), []);
  return apply(logSoftmaxOp, [cast(x, floatOf(x.dtype))], { dim: normalizeDim('logSoftmax', dim, x.ndim) });
}
