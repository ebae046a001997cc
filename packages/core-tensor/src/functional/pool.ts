import { apply } from '../autograd/dispatch.js';
import { accelerator } from '../backend/active.js';
import type { DType } from '../dtype.js';
import { allocate } from '../dtype.js';
import type { Pool2dGeometry } from '../kernels/pool.js';
import {
  avgPool2dBackward,
  avgPool2dForward,
  maxPool2dBackward,
  maxPool2dForward,
  pool2dGeometry,
} from '../kernels/pool.js';
import type { FloatArray } from '../kernels/types.js';
import type { OnnxAttribute, OnnxGraphBuilder } from '../onnx/lowering.js';
import { int64Constant, onnxDataType } from '../onnx/lowering.js';
import type { OpDef } from '../ops/define.js';
import { defineOp, noGradient } from '../ops/define.js';
import { gather } from '../ops/indexing/gather.js';
import { matmul } from '../ops/matmul.js';
import { reshape, squeeze, unsqueeze } from '../ops/shape.js';
import { Tensor } from '../tensor/tensor.js';
import type { Pair } from './args.js';
import { expectFloat, expectOptions, expectRank, pair } from './args.js';

/** A pooling window and how it slides: what the kernels and ONNX's MaxPool/AveragePool take. */
interface PoolAttrs {
  kernel: [number, number];
  stride: [number, number];
  /** Symmetric: [rows on top and bottom, columns left and right]. */
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
}

interface MaxPoolBackwardAttrs extends PoolAttrs {
  inputSize: [number, number];
}

interface AvgPoolAttrs extends PoolAttrs {
  countIncludePad: boolean;
}

interface AvgPoolBackwardAttrs extends AvgPoolAttrs {
  inputSize: [number, number];
}

function poolOnnxAttributes(attrs: PoolAttrs): Record<string, OnnxAttribute> {
  const [ph, pw] = attrs.padding;
  return {
    kernel_shape: attrs.kernel,
    strides: attrs.stride,
    pads: [ph, pw, ph, pw],
    ceil_mode: attrs.ceilMode ? 1 : 0,
  };
}

function outputOf(g: Pool2dGeometry): number[] {
  return [g.batch, g.channels, g.outH, g.outW];
}

/**
 * The argmax of the last max pooling of each input, so backward (and returnIndices) reuse
 * it instead of pooling again; keyed by the input, valid for the same attrs and version.
 */
const lastArgmax = new WeakMap<Tensor, { attrs: PoolAttrs; version: number; indices: Tensor }>();

/** Max pooling: y[n,c,i,j] = max over the window of x (padding is −∞). Gradient: dy routed to each window's argmax. */
export const maxPool2dOp: OpDef<PoolAttrs> = defineOp<PoolAttrs>({
  name: 'maxPool2d',
  forward: ([x], attrs) => {
    const g = pool2dGeometry(x!.shape, attrs);
    const size = g.batch * g.channels * g.outH * g.outW;
    const out = allocate(x!.dtype, size) as FloatArray;
    const argmax = new Int32Array(size);
    if (!accelerator()?.maxPool2d(x!, g, out, argmax)) maxPool2dForward(x!.data as FloatArray, g, out, argmax);
    lastArgmax.set(x!, { attrs, version: x!.version, indices: new Tensor(argmax, outputOf(g)) });
    return new Tensor(out, outputOf(g));
  },
  backward: ({ inputs: [x], attrs }, dy) => [
    apply(maxPool2dBackwardOp, [dy, apply(maxPool2dIndicesOp, [x!], attrs)], {
      ...attrs,
      inputSize: [x!.shape[2]!, x!.shape[3]!],
    }),
  ],
  onnx: (g, [x], attrs) => g.node('MaxPool', [x!], { ...poolOnnxAttributes(attrs), dilations: attrs.dilation })[0]!,
});

/**
 * Where each max-pooling window found its maximum: the flat index h·W + w within its (n, c)
 * plane (int32, PyTorch's convention). Reuses the forward pass's argmax when it can.
 */
export const maxPool2dIndicesOp: OpDef<PoolAttrs> = defineOp<PoolAttrs>({
  name: 'maxPool2dIndices',
  forward: ([x], attrs) => {
    const saved = lastArgmax.get(x!);
    if (saved !== undefined && saved.version === x!.version && samePool(saved.attrs, attrs)) return saved.indices;
    const g = pool2dGeometry(x!.shape, attrs);
    const size = g.batch * g.channels * g.outH * g.outW;
    const argmax = new Int32Array(size);
    maxPool2dForward(x!.data as FloatArray, g, allocate(x!.dtype, size) as FloatArray, argmax);
    return new Tensor(argmax, outputOf(g));
  },
  backward: noGradient,
  onnx: (g, [x], attrs, info) => {
    const [, , height, width] = info.inputShapes[0]!;
    const global = g.node('MaxPool', [x!], { ...poolOnnxAttributes(attrs), dilations: attrs.dilation }, 2)[1]!;
    const planeSize = int64Constant(g, [height! * width!]);
    return g.node('Cast', [g.node('Mod', [global, planeSize])[0]!], { to: onnxDataType.int32 })[0]!;
  },
});

function samePool(a: PoolAttrs, b: PoolAttrs): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The gradient of max pooling: dx[n,c,argmax] += dy[n,c,i,j]. Linear in dy; its own
 * gradient gathers at the same indices.
 */
export const maxPool2dBackwardOp: OpDef<MaxPoolBackwardAttrs> = defineOp<MaxPoolBackwardAttrs>({
  name: 'maxPool2dBackward',
  forward: ([dy, indices], attrs) => {
    const [batch, channels] = dy!.shape as [number, number];
    const g = pool2dGeometry([batch, channels, ...attrs.inputSize], attrs);
    const dx = allocate(dy!.dtype, batch * channels * g.inH * g.inW) as FloatArray;
    maxPool2dBackward(dy!.data as FloatArray, indices!.data as Int32Array, g, dx);
    return new Tensor(dx, [batch, channels, g.inH, g.inW]);
  },
  backward: ({ inputs: [dy, indices] }, gx) => {
    const [batch, channels, outH, outW] = dy!.shape as [number, number, number, number];
    const planes = reshape(gx, [batch, channels, gx.shape[2]! * gx.shape[3]!]);
    const picked = gather(planes, 2, reshape(indices!, [batch, channels, outH * outW]));
    return [reshape(picked, dy!.shape), null];
  },
  onnx: (g, [dy, indices], attrs, info) => {
    const [batch, channels, outH, outW] = info.inputShapes[0]!;
    const planeShape = [batch!, channels!, attrs.inputSize[0] * attrs.inputSize[1]];
    const zeros = g.node('ConstantOfShape', [int64Constant(g, planeShape)], {
      value: { tensor: { dtype: info.outputDType, shape: [1], values: [0] } },
    })[0]!;
    const flat = (v: string): string =>
      g.node('Reshape', [v, int64Constant(g, [batch!, channels!, outH! * outW!])])[0]!;
    const scattered = g.node('ScatterElements', [zeros, flat(indices!), flat(dy!)], { axis: 2, reduction: 'add' })[0]!;
    return g.node('Reshape', [scattered, int64Constant(g, info.outputShape)])[0]!;
  },
});

/**
 * Average pooling: y[n,c,i,j] = (1/count)·Σ x over the window's taps inside the image, count
 * including the padding when countIncludePad. Gradient: avgPool2dBackward, its adjoint.
 */
export const avgPool2dOp: OpDef<AvgPoolAttrs> = defineOp<AvgPoolAttrs>({
  name: 'avgPool2d',
  forward: ([x], attrs) => {
    const g = pool2dGeometry(x!.shape, attrs);
    const out = allocate(x!.dtype, g.batch * g.channels * g.outH * g.outW) as FloatArray;
    if (!accelerator()?.avgPool2d(x!, g, attrs.countIncludePad, out))
      avgPool2dForward(x!.data as FloatArray, g, attrs.countIncludePad, out);
    return new Tensor(out, outputOf(g));
  },
  backward: ({ inputs: [x], attrs }, dy) => [
    apply(avgPool2dBackwardOp, [dy], { ...attrs, inputSize: [x!.shape[2]!, x!.shape[3]!] }),
  ],
  onnx: (g, [x], attrs, info) => {
    const [, , height, width] = info.inputShapes[0]!;
    const global =
      attrs.kernel[0] === height && attrs.kernel[1] === width && attrs.padding[0] === 0 && attrs.padding[1] === 0;
    if (global) return g.node('GlobalAveragePool', [x!])[0]!;
    return g.node('AveragePool', [x!], {
      ...poolOnnxAttributes(attrs),
      count_include_pad: attrs.countIncludePad ? 1 : 0,
    })[0]!;
  },
});

/** The adjoint of average pooling: each tap of window (i, j) receives dy[i, j]/count. Its gradient is avgPool2d. */
export const avgPool2dBackwardOp: OpDef<AvgPoolBackwardAttrs> = defineOp<AvgPoolBackwardAttrs>({
  name: 'avgPool2dBackward',
  forward: ([dy], attrs) => {
    const [batch, channels] = dy!.shape as [number, number];
    const g = pool2dGeometry([batch, channels, ...attrs.inputSize], attrs);
    const dx = allocate(dy!.dtype, batch * channels * g.inH * g.inW) as FloatArray;
    avgPool2dBackward(dy!.data as FloatArray, g, attrs.countIncludePad, dx);
    return new Tensor(dx, [batch, channels, g.inH, g.inW]);
  },
  backward: ({ attrs: { inputSize: _, ...attrs } }, gx) => [apply(avgPool2dOp, [gx], attrs)],
  onnx: (g, [dy], attrs, info) => avgPoolBackwardOnnx(g, dy!, attrs, info.inputShapes[0]!, info.outputDType),
});

/**
 * dx as ONNX: dy/count (a constant map), then a depthwise ConvTranspose with a kernel of
 * ones; the end pads (or output_padding) trim the output to the input size.
 */
function avgPoolBackwardOnnx(
  g: OnnxGraphBuilder,
  dy: string,
  attrs: AvgPoolBackwardAttrs,
  dyShape: readonly number[],
  dtype: DType,
): string {
  const [, channels, outH, outW] = dyShape as [number, number, number, number];
  const counts = (axis: 0 | 1, outSize: number): number[] =>
    Array.from({ length: outSize }, (_, o) => {
      const start = o * attrs.stride[axis] - attrs.padding[axis];
      const end = Math.min(start + attrs.kernel[axis], attrs.inputSize[axis] + attrs.padding[axis]);
      return attrs.countIncludePad ? end - start : Math.min(end, attrs.inputSize[axis]) - Math.max(start, 0);
    });
  const rows = counts(0, outH);
  const cols = counts(1, outW);
  const inverse = rows.flatMap((r) => cols.map((c) => 1 / (r * c)));
  const scaled = g.node('Mul', [dy, g.constant(inverse, dtype, [1, 1, outH, outW])])[0]!;
  const ones = g.constant(new Array(channels * attrs.kernel[0] * attrs.kernel[1]).fill(1), dtype, [
    channels,
    1,
    ...attrs.kernel,
  ]);
  // the windows cover (out − 1)·s + k rows from −pad: trim what lies past the input's end
  const overhang = (axis: 0 | 1, outSize: number): number =>
    (outSize - 1) * attrs.stride[axis] + attrs.kernel[axis] - attrs.padding[axis] - attrs.inputSize[axis];
  const [overH, overW] = [overhang(0, outH), overhang(1, outW)];
  return g.node('ConvTranspose', [scaled, ones], {
    strides: attrs.stride,
    pads: [attrs.padding[0], attrs.padding[1], Math.max(overH, 0), Math.max(overW, 0)],
    output_padding: [Math.max(-overH, 0), Math.max(-overW, 0)],
    group: channels,
  })[0]!;
}

export interface MaxPool2dOptions {
  kernelSize: Pair;
  /** Default: kernelSize. */
  stride?: Pair;
  /** Implicit −∞ padding on both sides, at most half the window. */
  padding?: Pair;
  dilation?: Pair;
  /** Round the output size up (windows may start in the right/bottom padding). */
  ceilMode?: boolean;
  /** Also return the argmax of each window (flat h·W + w within its plane). */
  returnIndices?: boolean;
}

function poolAttrs(
  op: string,
  options: { kernelSize: Pair; stride?: Pair; padding?: Pair; dilation?: Pair; ceilMode?: boolean },
): PoolAttrs {
  expectOptions(op, options, '{ kernelSize: 2 }');
  const kernel = pair(op, 'kernelSize', options.kernelSize, 1);
  return {
    kernel,
    stride: pair(op, 'stride', options.stride ?? kernel, 1),
    padding: pair(op, 'padding', options.padding ?? 0, 0),
    dilation: pair(op, 'dilation', options.dilation ?? 1, 1),
    ceilMode: options.ceilMode ?? false,
  };
}

/**
 * 2-D max pooling of x [N,C,H,W]: y[n,c,i,j] = max_{p,q} x[n,c, i·sH − padH + p·dH, j·sW − padW + q·dW];
 * out = ⌊(H + 2pad − d(k − 1) − 1)/s⌋ + 1 (⌈⌉ with ceilMode). With returnIndices, also the
 * argmax as flat indices h·W + w within each plane (int32).
 */
export function maxPool2d(
  x: Tensor,
  options: MaxPool2dOptions & { returnIndices: true },
): { values: Tensor; indices: Tensor };
export function maxPool2d(x: Tensor, options: MaxPool2dOptions & { returnIndices?: false }): Tensor;
export function maxPool2d(x: Tensor, options: MaxPool2dOptions): Tensor | { values: Tensor; indices: Tensor } {
  expectRank('maxPool2d', x, ['N', 'C', 'H', 'W']);
  expectFloat('maxPool2d', x);
  const attrs = poolAttrs('maxPool2d', options);
  const values = apply(maxPool2dOp, [x], attrs);
  return options.returnIndices ? { values, indices: apply(maxPool2dIndicesOp, [x], attrs) } : values;
}

export interface AvgPool2dOptions {
  kernelSize: Pair;
  /** Default: kernelSize. */
  stride?: Pair;
  /** Implicit zero padding on both sides, at most half the window. */
  padding?: Pair;
  ceilMode?: boolean;
  /** Count padded positions in each window's divisor (default true, as PyTorch). */
  countIncludePad?: boolean;
}

/**
 * 2-D average pooling of x [N,C,H,W]: y[n,c,i,j] = (1/|W_ij|)·Σ_{(h,w) ∈ W_ij} x[n,c,h,w] over
 * the window W_ij at (i·sH − padH, j·sW − padW); |W_ij| counts padded positions when
 * countIncludePad (the default), else only those inside the image.
 */
export function avgPool2d(x: Tensor, options: AvgPool2dOptions): Tensor {
  expectRank('avgPool2d', x, ['N', 'C', 'H', 'W']);
  expectFloat('avgPool2d', x);
  return apply(avgPool2dOp, [x], {
    ...poolAttrs('avgPool2d', options),
    countIncludePad: options.countIncludePad ?? true,
  });
}

/** One spatial size per axis; null keeps the input's size along that axis. */
export type AdaptiveSize = number | readonly [number | null, number | null];

/**
 * Adaptive average pooling of x [N,C,H,W] to [N,C,h,w]: output (i, j) averages rows
 * ⌊iH/h⌋ … ⌈(i + 1)H/h⌉ − 1 and the like columns. When h | H and w | W this is avgPool2d
 * (and a global average pool for 1×1); otherwise the separable form P_h·x·P_wᵀ.
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: AdaptiveSize): Tensor {
  expectRank('adaptiveAvgPool2d', x, ['N', 'C', 'H', 'W']);
  expectFloat('adaptiveAvgPool2d', x);
  const [height, width] = [x.shape[2]!, x.shape[3]!];
  const requested = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  const outH = requested[0] ?? height;
  const outW = requested[1] ?? width;
  if (![outH, outW].every((d) => Number.isInteger(d) && d >= 1)) {
    throw new RangeError(`adaptiveAvgPool2d: outputSize must hold integers ≥ 1, got ${JSON.stringify(outputSize)}`);
  }
  if (height % outH === 0 && width % outW === 0) {
    const kernelSize: [number, number] = [height / outH, width / outW];
    return avgPool2d(x, { kernelSize, stride: kernelSize });
  }
  const rows = new Tensor(adaptiveAveraging(height, outH, x.dtype === 'float64'), [outH, height]);
  const colsT = new Tensor(adaptiveAveraging(width, outW, x.dtype === 'float64', true), [width, outW]);
  return matmul(rows, matmul(x, colsT));
}

/** The [out, in] averaging matrix of adaptive pooling along one axis (or its transpose). */
function adaptiveAveraging(
  inSize: number,
  outSize: number,
  float64: boolean,
  transposed = false,
): Float32Array | Float64Array {
  const m = float64 ? new Float64Array(outSize * inSize) : new Float32Array(outSize * inSize);
  for (let o = 0; o < outSize; o++) {
    const start = Math.floor((o * inSize) / outSize);
    const end = Math.ceil(((o + 1) * inSize) / outSize);
    for (let i = start; i < end; i++) m[transposed ? i * outSize + o : o * inSize + i] = 1 / (end - start);
  }
  return m;
}

export interface Pool1dOptions {
  kernelSize: number;
  stride?: number;
  padding?: number;
  ceilMode?: boolean;
}

/** 1-D max pooling of x [N,C,L]: y[n,c,i] = max_p x[n,c, i·s − pad + p·d] (maxPool2d with H = 1). */
export function maxPool1d(x: Tensor, options: Pool1dOptions & { dilation?: number }): Tensor {
  expectRank('maxPool1d', x, ['N', 'C', 'L']);
  expectOptions('maxPool1d', options, '{ kernelSize: 2 }');
  const y = maxPool2d(unsqueeze(x, 2), {
    kernelSize: [1, options.kernelSize],
    stride: [1, options.stride ?? options.kernelSize],
    padding: [0, options.padding ?? 0],
    dilation: [1, options.dilation ?? 1],
    ceilMode: options.ceilMode ?? false,
  });
  return squeeze(y, 2);
}

/** 1-D average pooling of x [N,C,L]: y[n,c,i] = mean of the window at i·s − pad (avgPool2d with H = 1). */
export function avgPool1d(x: Tensor, options: Pool1dOptions & { countIncludePad?: boolean }): Tensor {
  expectRank('avgPool1d', x, ['N', 'C', 'L']);
  expectOptions('avgPool1d', options, '{ kernelSize: 2 }');
  const y = avgPool2d(unsqueeze(x, 2), {
    kernelSize: [1, options.kernelSize],
    stride: [1, options.stride ?? options.kernelSize],
    padding: [0, options.padding ?? 0],
    ceilMode: options.ceilMode ?? false,
    countIncludePad: options.countIncludePad ?? true,
  });
  return squeeze(y, 2);
}
