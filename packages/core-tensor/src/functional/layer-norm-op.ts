import { apply } from '../autograd/dispatch.js';
import { vjp } from '../autograd/functional.js';
import { allocate } from '../dtype.js';
import type { FloatArray } from '../kernels/types.js';
import type { OnnxGraphBuilder } from '../onnx/lowering.js';
import { int64Constant } from '../onnx/lowering.js';
import { add, mul, sub } from '../ops/binary.js';
import type { OpDef } from '../ops/define.js';
import { defineOp } from '../ops/define.js';
import { mean } from '../ops/reduce.js';
import { sumTo } from '../ops/sum-to.js';
import { rsqrt, square } from '../ops/unary.js';
import { fullLike } from '../tensor/create.js';
import { Tensor } from '../tensor/tensor.js';

/** Layer normalization over the dims from `axis` on (D = their product elements per row). */
export interface LayerNormAttrs {
  axis: number;
  eps: number;
}

/** Mean and 1/√(σ² + ε) of row `r` (D values from `offset`), two-pass for accuracy. */
function rowMoments(x: FloatArray, offset: number, size: number, eps: number): [number, number] {
  let total = 0;
  for (let j = 0; j < size; j++) total += x[offset + j]!;
  const mu = total / size;
  let squares = 0;
  for (let j = 0; j < size; j++) {
    const c = x[offset + j]! - mu;
    squares += c * c;
  }
  return [mu, 1 / Math.sqrt(squares / size + eps)];
}

function rowSize(x: Tensor, axis: number): number {
  return x.shape.slice(axis).reduce((p, d) => p * d, 1);
}

/**
 * y = (x − μ)/√(σ² + ε)·γ + β per row (μ, σ² the mean and biased variance over the
 * normalized dims), one pass per row. Gradient: layerNormInputGrad for x, Σ dy·x̂ for γ,
 * Σ dy for β.
 */
export const layerNormOp: OpDef<LayerNormAttrs> = defineOp<LayerNormAttrs>({
  name: 'layerNorm',
  forward: ([x, weight, bias], { axis, eps }) => {
    const size = rowSize(x!, axis);
    const src = x!.data as FloatArray;
    const gamma = weight!.data as FloatArray;
    const beta = bias!.data as FloatArray;
    const out = allocate(x!.dtype, src.length) as FloatArray;
    for (let offset = 0; offset < src.length; offset += size) {
      const [mu, rstd] = rowMoments(src, offset, size, eps);
      for (let j = 0; j < size; j++) out[offset + j] = (src[offset + j]! - mu) * rstd * gamma[j]! + beta[j]!;
    }
    return new Tensor(out, x!.shape);
  },
  backward: ({ inputs: [x, weight, bias], attrs }, dy) => [
    x!.requiresGrad ? apply(layerNormInputGradOp, [dy, x!, weight!], attrs) : null,
    weight!.requiresGrad ? sumTo(mul(dy, standardized(x!, weight!, attrs)), weight!.shape) : null,
    bias!.requiresGrad ? sumTo(dy, bias!.shape) : null,
  ],
  onnx: (g, inputs, { axis, eps }) => g.node('LayerNormalization', [...inputs], { axis, epsilon: eps })[0]!,
});

/** x̂ = (x − μ)/√(σ² + ε), through the fused op (so it is differentiable like any other use). */
function standardized(x: Tensor, like: Tensor, attrs: LayerNormAttrs): Tensor {
  return apply(layerNormOp, [x, fullLike(like, 1, { dtype: x.dtype }), fullLike(like, 0, { dtype: x.dtype })], attrs);
}

/**
 * The input gradient of layer normalization, fused: with g = dy·γ and x̂ the standardized row,
 * dx = (g − mean(g) − x̂·mean(g·x̂))/√(σ² + ε). Its own gradient is the vjp of the same formula
 * in tensor ops (layerNormInputGradFormula), so every order of derivative is available.
 */
export const layerNormInputGradOp: OpDef<LayerNormAttrs> = defineOp<LayerNormAttrs>({
  name: 'layerNormInputGrad',
  forward: ([dy, x, weight], { axis, eps }) => {
    const size = rowSize(x!, axis);
    const src = x!.data as FloatArray;
    const upstream = dy!.data as FloatArray;
    const gamma = weight!.data as FloatArray;
    const dx = allocate(x!.dtype, src.length) as FloatArray;
    for (let offset = 0; offset < src.length; offset += size) {
      const [mu, rstd] = rowMoments(src, offset, size, eps);
      let gSum = 0;
      let gxSum = 0;
      for (let j = 0; j < size; j++) {
        const g = upstream[offset + j]! * gamma[j]!;
        gSum += g;
        gxSum += g * (src[offset + j]! - mu) * rstd;
      }
      const gMean = gSum / size;
      const gxMean = gxSum / size;
      for (let j = 0; j < size; j++) {
        const xHat = (src[offset + j]! - mu) * rstd;
        dx[offset + j] = rstd * (upstream[offset + j]! * gamma[j]! - gMean - xHat * gxMean);
      }
    }
    return new Tensor(dx, x!.shape);
  },
  backward: ({ inputs, attrs }, gdx) =>
    vjp((dy, x, weight) => layerNormInputGradFormula(dy, x, weight, attrs), inputs, gdx).vjp,
  onnx: (g, [dy, x, weight], attrs, info) => inputGradOnnx(g, dy!, x!, weight!, attrs, info.inputShapes[1]!.length),
});

/** dx = (g − mean(g) − x̂·mean(g·x̂))/√(σ² + ε) with g = dy·γ, in tensor ops. */
function layerNormInputGradFormula(dy: Tensor, x: Tensor, weight: Tensor, { axis, eps }: LayerNormAttrs): Tensor {
  const dims = x.shape.map((_, i) => i).slice(axis);
  const centered = sub(x, mean(x, dims, true));
  const rstd = rsqrt(add(mean(square(centered), dims, true), eps));
  const xHat = mul(centered, rstd);
  const g = mul(dy, weight);
  return mul(rstd, sub(sub(g, mean(g, dims, true)), mul(xHat, mean(mul(g, xHat), dims, true))));
}

function inputGradOnnx(
  g: OnnxGraphBuilder,
  dy: string,
  x: string,
  weight: string,
  { axis, eps }: LayerNormAttrs,
  rank: number,
): string {
  const axes = Array.from({ length: rank - axis }, (_, i) => axis + i);
  const reduceMean = (v: string): string =>
    g.opset >= 18
      ? g.node('ReduceMean', [v, int64Constant(g, axes)], { keepdims: 1 })[0]!
      : g.node('ReduceMean', [v], { axes, keepdims: 1 })[0]!;
  const op = (type: string, a: string, b: string): string => g.node(type, [a, b])[0]!;
  const centered = op('Sub', x, reduceMean(x));
  const variance = reduceMean(op('Mul', centered, centered));
  const epsilon = g.node('CastLike', [g.constant([eps], 'float64', []), x])[0]!;
  const rstd = g.node('Reciprocal', [g.node('Sqrt', [op('Add', variance, epsilon)])[0]!])[0]!;
  const xHat = op('Mul', centered, rstd);
  const grad = op('Mul', dy, weight);
  const inner = op('Sub', op('Sub', grad, reduceMean(grad)), op('Mul', xHat, reduceMean(op('Mul', grad, xHat))));
  return op('Mul', rstd, inner);
}
