import { apply } from '../autograd/dispatch.js';
import { accelerator } from '../backend/active.js';
import { allocate, promoteTypes } from '../dtype.js';
import { ShapeError } from '../errors.js';
import type { Conv2dGeometry } from '../kernels/conv.js';
import { conv2dBackwardInput, conv2dBackwardWeight, conv2dForward } from '../kernels/conv.js';
import type { FloatArray } from '../kernels/types.js';
import type { OnnxAttribute, OnnxGraphBuilder } from '../onnx/lowering.js';
import { int64Constant } from '../onnx/lowering.js';
import { cast } from '../ops/cast.js';
import type { OpDef } from '../ops/define.js';
import { defineOp } from '../ops/define.js';
import { sum } from '../ops/reduce.js';
import { squeeze, unsqueeze } from '../ops/shape.js';
import { formatShape, sameShape } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import type { Pair } from './args.js';
import { expectFloat, expectRank, pair } from './args.js';
import type { Conv2dOptions, ConvAttrs } from './conv-geometry.js';
import { convAttrs, geometryOf } from './conv-geometry.js';

/** The gradient of a convolution with respect to its input: it needs the input's [H, W] (strides make it ambiguous). */
interface InputGradAttrs extends ConvAttrs {
  inputSize: [number, number];
}

/** The gradient of a convolution with respect to its weight: it needs the kernel's [kH, kW]. */
interface WeightGradAttrs extends ConvAttrs {
  kernelSize: [number, number];
}

/** out[n, c, :, :] += bias[c] over a [batch, channels, plane] buffer. */
function addChannelBias(
  out: FloatArray,
  bias: Tensor | undefined,
  batch: number,
  channels: number,
  plane: number,
): void {
  if (bias === undefined) return;
  for (let n = 0, o = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++, o += plane) {
      const b = bias.data[c]!;
      for (let i = 0; i < plane; i++) out[o + i] = out[o + i]! + b;
    }
  }
}

/** Throw unless the geometry's output is `dyShape` (a backward op called with a mismatched gradient). */
function expectOutput(op: string, g: Conv2dGeometry, dyShape: readonly number[]): void {
  if (!sameShape(dyShape, [g.batch, g.outChannels, g.outH, g.outW])) {
    throw new ShapeError(
      `${op}: gradient ${formatShape(dyShape)} does not match the convolution's output [${g.batch},${g.outChannels},${g.outH},${g.outW}]`,
    );
  }
}

function convOnnxAttributes(
  { stride, padding, dilation, groups }: ConvAttrs,
  kernel: readonly number[],
): Record<string, OnnxAttribute> {
  return { strides: stride, pads: padding, dilations: dilation, group: groups, kernel_shape: kernel };
}

/** Sum of dy over batch and positions: the gradient of a per-channel bias. */
function biasGrad(bias: Tensor | undefined, dy: Tensor): Tensor | null {
  return bias?.requiresGrad ? sum(dy, [0, 2, 3]) : null;
}

/**
 * 2-D convolution (cross-correlation, as in PyTorch), NCHW:
 * y[n,o,i,j] = b[o] + Σ_{c ∈ group(o), p, q} w[o,c,p,q]·x[n,c, i·sH − padTop + p·dH, j·sW − padLeft + q·dW].
 * Gradients: dx = conv2dBackwardInput(dy, w), dw = conv2dBackwardWeight(x, dy), db = Σ dy.
 */
export const conv2dOp: OpDef<ConvAttrs> = defineOp<ConvAttrs>({
  name: 'conv2d',
  forward: ([x, w, bias], attrs) => {
    const g = geometryOf('conv2d', x!.shape, w!.shape, attrs);
    const out = allocate(x!.dtype, g.batch * g.outChannels * g.outH * g.outW) as FloatArray;
    if (accelerator()?.conv2d(x!, w!, bias, g, out)) return new Tensor(out, [g.batch, g.outChannels, g.outH, g.outW]);
    conv2dForward(x!.data as FloatArray, w!.data as FloatArray, g, out);
    addChannelBias(out, bias, g.batch, g.outChannels, g.outH * g.outW);
    return new Tensor(out, [g.batch, g.outChannels, g.outH, g.outW]);
  },
  backward: ({ inputs: [x, w, bias], attrs }, dy) => [
    x!.requiresGrad
      ? apply(conv2dBackwardInputOp, [dy, w!], { ...attrs, inputSize: [x!.shape[2]!, x!.shape[3]!] })
      : null,
    w!.requiresGrad
      ? apply(conv2dBackwardWeightOp, [x!, dy], { ...attrs, kernelSize: [w!.shape[2]!, w!.shape[3]!] })
      : null,
    biasGrad(bias, dy),
  ],
  onnx: (g, inputs, attrs, info) =>
    g.node('Conv', [...inputs], convOnnxAttributes(attrs, info.inputShapes[1]!.slice(2)))[0]!,
});

/**
 * The adjoint of conv2d in its input — the transposed convolution — plus an optional bias:
 * dx[n,c,h,w] = b[c] + Σ dy[n,o,i,j]·w[o,c,p,q] over i·sH − padTop + p·dH = h, j·sW − padLeft + q·dW = w.
 * Linear in dy and in w: d(dy) = conv2d(g, w), d(w) = conv2dBackwardWeight(g, dy).
 */
export const conv2dBackwardInputOp: OpDef<InputGradAttrs> = defineOp<InputGradAttrs>({
  name: 'conv2dBackwardInput',
  forward: ([dy, w, bias], attrs) => {
    const xShape = [dy!.shape[0]!, w!.shape[1]! * attrs.groups, ...attrs.inputSize];
    const g = geometryOf('conv2dBackwardInput', xShape, w!.shape, attrs);
    expectOutput('conv2dBackwardInput', g, dy!.shape);
    const dx = allocate(dy!.dtype, g.batch * g.inChannels * g.inH * g.inW) as FloatArray;
    if (accelerator()?.conv2dBackwardInput(dy!, w!, bias, g, dx)) return new Tensor(dx, xShape);
    conv2dBackwardInput(dy!.data as FloatArray, w!.data as FloatArray, g, dx);
    addChannelBias(dx, bias, g.batch, g.inChannels, g.inH * g.inW);
    return new Tensor(dx, xShape);
  },
  backward: ({ inputs: [dy, w, bias], attrs: { inputSize, ...attrs } }, gx) => [
    dy!.requiresGrad ? apply(conv2dOp, [gx, w!], attrs) : null,
    w!.requiresGrad
      ? apply(conv2dBackwardWeightOp, [gx, dy!], { ...attrs, kernelSize: [w!.shape[2]!, w!.shape[3]!] })
      : null,
    biasGrad(bias, gx),
  ],
  onnx: (g, inputs, attrs, info) => {
    const [, , outH, outW] = info.inputShapes[0]!;
    const kernel = info.inputShapes[1]!.slice(2);
    const covered = (axis: 0 | 1, out: number): number =>
      (out - 1) * attrs.stride[axis] +
      attrs.dilation[axis] * (kernel[axis]! - 1) +
      1 -
      attrs.padding[axis] -
      attrs.padding[axis + 2]!;
    const outputPadding = [attrs.inputSize[0] - covered(0, outH!), attrs.inputSize[1] - covered(1, outW!)];
    return g.node('ConvTranspose', [...inputs], {
      ...convOnnxAttributes(attrs, kernel),
      output_padding: outputPadding,
    })[0]!;
  },
});

/**
 * The gradient of conv2d in its weight:
 * dw[o,c,p,q] = Σ_{n,i,j} dy[n,o,i,j]·x[n,c, i·sH − padTop + p·dH, j·sW − padLeft + q·dW].
 * Bilinear in x and dy: d(x) = conv2dBackwardInput(dy, g), d(dy) = conv2d(x, g).
 */
export const conv2dBackwardWeightOp: OpDef<WeightGradAttrs> = defineOp<WeightGradAttrs>({
  name: 'conv2dBackwardWeight',
  forward: ([x, dy], attrs) => {
    const wShape = [dy!.shape[1]!, x!.shape[1]! / attrs.groups, ...attrs.kernelSize];
    const g = geometryOf('conv2dBackwardWeight', x!.shape, wShape, attrs);
    expectOutput('conv2dBackwardWeight', g, dy!.shape);
    const dw = allocate(
      x!.dtype,
      wShape.reduce((p, d) => p * d, 1),
    ) as FloatArray;
    if (accelerator()?.conv2dBackwardWeight(x!, dy!, g, dw)) return new Tensor(dw, wShape);
    conv2dBackwardWeight(x!.data as FloatArray, dy!.data as FloatArray, g, dw);
    return new Tensor(dw, wShape);
  },
  backward: ({ inputs: [x, dy], attrs: { kernelSize: _, ...attrs } }, gw) => [
    x!.requiresGrad
      ? apply(conv2dBackwardInputOp, [dy!, gw], { ...attrs, inputSize: [x!.shape[2]!, x!.shape[3]!] })
      : null,
    dy!.requiresGrad ? apply(conv2dOp, [x!, gw], attrs) : null,
  ],
  onnx: (g, [x, dy], attrs, info) => weightGradOnnx(g, x!, dy!, attrs, info.inputShapes[0]!),
});

/**
 * dw as one ONNX Conv with the roles swapped: the images become channels and dy the kernel,
 * stride and dilation trade places; per group g, dw_g[o,c] = Σₙ x[n, g·cinG + c] ⋆ dy[n, g·coutG + o].
 */
function weightGradOnnx(
  g: OnnxGraphBuilder,
  x: string,
  dy: string,
  attrs: WeightGradAttrs,
  xShape: readonly number[],
): string {
  const [batch, channels, height, width] = xShape as [number, number, number, number];
  const perGroup = channels / attrs.groups;
  const grouped = g.node('Reshape', [x, int64Constant(g, [batch, attrs.groups, perGroup, height, width])])[0]!;
  const swapped = g.node('Transpose', [grouped], { perm: [2, 1, 0, 3, 4] })[0]!;
  const images = g.node('Reshape', [swapped, int64Constant(g, [perGroup, attrs.groups * batch, height, width])])[0]!;
  const kernel = g.node('Transpose', [dy], { perm: [1, 0, 2, 3] })[0]!;
  const correlated = g.node('Conv', [images, kernel], {
    strides: attrs.dilation,
    dilations: attrs.stride,
    pads: attrs.padding,
    group: attrs.groups,
  })[0]!;
  const ordered = g.node('Transpose', [correlated], { perm: [1, 0, 2, 3] })[0]!;
  return g.node('Slice', [
    ordered,
    int64Constant(g, [0, 0]),
    int64Constant(g, attrs.kernelSize),
    int64Constant(g, [2, 3]),
  ])[0]!;
}

/** The operands of a convolution in their common float dtype (bias optional). */
function convInputs(op: string, x: Tensor, weight: Tensor, bias: Tensor | undefined, biasSize: number): Tensor[] {
  expectFloat(op, x);
  expectFloat(op, weight, 'weight');
  if (bias !== undefined && !sameShape(bias.shape, [biasSize])) {
    throw new ShapeError(`${op}: bias must have shape [${biasSize}], got ${formatShape(bias.shape)}`);
  }
  const dtype = promoteTypes(x.dtype, weight.dtype);
  return (bias === undefined ? [x, weight] : [x, weight, bias]).map((t) => cast(t, dtype));
}

/**
 * 2-D convolution of x [N,C,H,W] with w [O,C/groups,kH,kW] and optional bias b [O]:
 * y[n,o,i,j] = b[o] + Σ_{c,p,q} w[o,c,p,q]·x[n, g·C/groups + c, i·sH − padTop + p·dH, j·sW − padLeft + q·dW],
 * g = o's group. Output size ⌊(H + padTop + padBottom − dH(kH − 1) − 1)/sH⌋ + 1. Depthwise is
 * groups = C. Padding 'same' keeps H×W (stride 1; odd extra padding goes bottom/right, as PyTorch).
 */
export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor, options: Conv2dOptions = {}): Tensor {
  expectRank('conv2d', x, ['N', 'C', 'H', 'W']);
  expectRank('conv2d', weight, ['O', 'C/groups', 'kH', 'kW'], 'weight');
  const attrs = convAttrs('conv2d', [weight.shape[2]!, weight.shape[3]!], options);
  geometryOf('conv2d', x.shape, weight.shape, attrs);
  return apply(conv2dOp, convInputs('conv2d', x, weight, bias, weight.shape[0]!), attrs);
}

export interface Conv1dOptions {
  stride?: number;
  padding?: number | 'same' | 'valid';
  dilation?: number;
  groups?: number;
}

/** 1-D convolution of x [N,C,L] with w [O,C/groups,k]: y[n,o,i] = b[o] + Σ_{c,p} w[o,c,p]·x[n,c, i·s − pad + p·d] (conv2d with H = 1). */
export function conv1d(x: Tensor, weight: Tensor, bias?: Tensor, options: Conv1dOptions = {}): Tensor {
  expectRank('conv1d', x, ['N', 'C', 'L']);
  expectRank('conv1d', weight, ['O', 'C/groups', 'k'], 'weight');
  const padding = options.padding ?? 0;
  const y = conv2d(unsqueeze(x, 2), unsqueeze(weight, 2), bias, {
    stride: [1, options.stride ?? 1],
    padding: typeof padding === 'number' ? [0, padding] : padding,
    dilation: [1, options.dilation ?? 1],
    groups: options.groups ?? 1,
  });
  return squeeze(y, 2);
}

export interface ConvTranspose2dOptions {
  stride?: Pair;
  /** Removes dilation·(k − 1) − padding… rows: the padding of the convolution this transposes. */
  padding?: Pair;
  /** Extra rows/columns on the bottom/right, to pick among the input sizes a strided conv maps alike (< stride or dilation). */
  outputPadding?: Pair;
  dilation?: Pair;
  groups?: number;
}

/**
 * Transposed convolution ("deconvolution") of x [N,Cin,H,W] with w [Cin,Cout/groups,kH,kW]:
 * the adjoint of conv2d, y[n,c,h,w] = b[c] + Σ x[n,o,i,j]·w[o,c,p,q] over h = i·sH − pad + p·dH.
 * Output H' = (H − 1)·sH − 2·padH + dH(kH − 1) + outputPaddingH + 1.
 */
export function convTranspose2d(
  x: Tensor,
  weight: Tensor,
  bias?: Tensor,
  options: ConvTranspose2dOptions = {},
): Tensor {
  const op = 'convTranspose2d';
  expectRank(op, x, ['N', 'Cin', 'H', 'W']);
  expectRank(op, weight, ['Cin', 'Cout/groups', 'kH', 'kW'], 'weight');
  const {
    stride,
    padding: convPadding,
    dilation,
    groups,
  } = convAttrs(op, [1, 1], { ...options, padding: options.padding ?? 0 });
  const outputPadding = pair(op, 'outputPadding', options.outputPadding ?? 0, 0);
  if (x.shape[1] !== weight.shape[0] || weight.shape[0]! % groups !== 0) {
    throw new ShapeError(
      `${op}: input ${formatShape(x.shape)} has ${x.shape[1]} channels but weight ${formatShape(weight.shape)} expects ${weight.shape[0]} (divisible by groups ${groups})`,
    );
  }
  const inputSize = ([0, 1] as const).map((axis) => {
    if (outputPadding[axis] >= Math.max(stride[axis], dilation[axis])) {
      throw new RangeError(
        `${op}: outputPadding ${outputPadding[axis]} must be smaller than stride ${stride[axis]} or dilation ${dilation[axis]}`,
      );
    }
    const size =
      (x.shape[2 + axis]! - 1) * stride[axis] -
      2 * convPadding[axis] +
      dilation[axis] * (weight.shape[2 + axis]! - 1) +
      outputPadding[axis] +
      1;
    if (size < 1)
      throw new ShapeError(
        `${op}: input ${formatShape(x.shape)} with weight ${formatShape(weight.shape)} gives an empty output (size ${size})`,
      );
    return size;
  }) as [number, number];
  const inputs = convInputs(op, x, weight, bias, weight.shape[1]! * groups);
  return apply(conv2dBackwardInputOp, inputs, { stride, padding: convPadding, dilation, groups, inputSize });
}
