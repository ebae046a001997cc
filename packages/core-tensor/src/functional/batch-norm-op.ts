import { allocate } from '../dtype.js';
import type { FloatArray } from '../kernels/types.js';
import { int64Constant } from '../onnx/lowering.js';
import { add, mul, sub } from '../ops/binary.js';
import type { OpDef } from '../ops/define.js';
import { defineOp } from '../ops/define.js';
import { sum } from '../ops/reduce.js';
import { reshape } from '../ops/shape.js';
import { neg, rsqrt } from '../ops/unary.js';
import { Tensor } from '../tensor/tensor.js';

/** x [N,C,…] seen as N blocks of C channels of `plane` values each. */
function channelLayout(x: Tensor): { batch: number; channels: number; plane: number } {
  const [batch, channels] = x.shape as [number, number];
  return { batch, channels, plane: x.size / (batch * channels) || 0 };
}

/** The dims a per-channel statistic reduces over: all but dim 1. */
function nonChannelDims(x: Tensor): number[] {
  return x.shape.map((_, i) => i).filter((i) => i !== 1);
}

/** A [C] tensor reshaped to broadcast against x [N,C,…]. */
function perChannel(t: Tensor, x: Tensor): Tensor {
  return reshape(
    t,
    x.shape.map((d, i) => (i === 1 ? d : 1)),
  );
}

/**
 * Per-channel mean of squared deviations from a given per-channel centre m [C]:
 * v_c = mean_{n,…}(x[n,c,…] − m_c)² (the biased variance when m is the mean). Gradients:
 * ∂v/∂x = 2(x − m)/count, ∂v/∂m = −2·mean(x − m).
 */
export const centeredSecondMomentOp: OpDef<undefined> = defineOp({
  name: 'centeredSecondMoment',
  forward: ([x, centre]) => {
    const { batch, channels, plane } = channelLayout(x!);
    const src = x!.data as FloatArray;
    const m = centre!.data as FloatArray;
    const out = allocate(x!.dtype, channels) as FloatArray;
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        const offset = (n * channels + c) * plane;
        const mc = m[c]!;
        let squares = 0;
        for (let i = 0; i < plane; i++) {
          const d = src[offset + i]! - mc;
          squares += d * d;
        }
        out[c] = out[c]! + squares;
      }
    }
    const count = batch * plane;
    for (let c = 0; c < channels; c++) out[c] = out[c]! / count;
    return new Tensor(out, [channels]);
  },
  backward: ({ inputs: [x, centre] }, dv) => {
    const count = x!.size / x!.shape[1]!;
    const dx = mul(sub(x!, perChannel(centre!, x!)), perChannel(mul(dv, 2 / count), x!));
    return [x!.requiresGrad ? dx : null, centre!.requiresGrad ? neg(sum(dx, nonChannelDims(x!))) : null];
  },
  onnx: (g, [x, centre], _attrs, info) => {
    const shape = info.inputShapes[0]!.map((d, i) => (i === 1 ? d : 1));
    const deviation = g.node('Sub', [x!, g.node('Reshape', [centre!, int64Constant(g, shape)])[0]!])[0]!;
    const squared = g.node('Mul', [deviation, deviation])[0]!;
    const axes = nonChannelDimsOfRank(shape.length);
    return g.opset >= 18
      ? g.node('ReduceMean', [squared, int64Constant(g, axes)], { keepdims: 0 })[0]!
      : g.node('ReduceMean', [squared], { axes, keepdims: 0 })[0]!;
  },
});

function nonChannelDimsOfRank(rank: number): number[] {
  return Array.from({ length: rank }, (_, i) => i).filter((i) => i !== 1);
}

/**
 * Per-channel normalization with given statistics, fused:
 * y = (x − m)/√(v + ε)·γ + β with m, v, γ, β of shape [C] (ONNX BatchNormalization in
 * inference mode). Differentiable in all five: with s = (v + ε)^(−½),
 * dx = dy·sγ, dm = −Σ dy·sγ, dv = −½s³γ·Σ dy(x − m), dγ = s·Σ dy(x − m), dβ = Σ dy.
 */
export const batchNormApplyOp: OpDef<{ eps: number }> = defineOp<{ eps: number }>({
  name: 'batchNormApply',
  forward: ([x, m, v, weight, bias], { eps }) => {
    const { batch, channels, plane } = channelLayout(x!);
    const src = x!.data as FloatArray;
    const out = allocate(x!.dtype, src.length) as FloatArray;
    const scale = new Float64Array(channels);
    const shift = new Float64Array(channels);
    for (let c = 0; c < channels; c++) {
      scale[c] = weight!.data[c]! / Math.sqrt(v!.data[c]! + eps);
      shift[c] = bias!.data[c]! - m!.data[c]! * scale[c]!;
    }
    for (let n = 0, offset = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++, offset += plane) {
        const a = scale[c]!;
        const b = shift[c]!;
        for (let i = 0; i < plane; i++) out[offset + i] = src[offset + i]! * a + b;
      }
    }
    return new Tensor(out, x!.shape);
  },
  backward: ({ inputs: [x, m, v, weight, bias], attrs: { eps } }, dy) => {
    const dims = nonChannelDims(x!);
    const s = rsqrt(add(v!, eps));
    const dx = mul(dy, perChannel(mul(s, weight!), x!));
    const needsDeviation = v!.requiresGrad || weight!.requiresGrad;
    const dyDeviation = needsDeviation ? sum(mul(dy, sub(x!, perChannel(m!, x!))), dims) : null;
    return [
      x!.requiresGrad ? dx : null,
      m!.requiresGrad ? neg(sum(dx, dims)) : null,
      v!.requiresGrad ? mul(mul(dyDeviation!, weight!), mul(s.pow(3), -0.5)) : null,
      weight!.requiresGrad ? mul(dyDeviation!, s) : null,
      bias!.requiresGrad ? sum(dy, dims) : null,
    ];
  },
  onnx: (g, [x, m, v, weight, bias], { eps }) =>
    g.node('BatchNormalization', [x!, weight!, bias!, m!, v!], { epsilon: eps })[0]!,
});
