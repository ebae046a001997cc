import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { ShapeError } from '../errors.js';
import type { FloatArray } from '../kernels/types.js';
import { int64Constant } from '../onnx/lowering.js';
import type { OpDef } from '../ops/define.js';
import { defineOp } from '../ops/define.js';
import { squeeze, unsqueeze } from '../ops/shape.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import { expectFloat } from './args.js';

/**
 * How one output coordinate o reads its axis: (1 − λ[o])·x[from[o]] + λ[o]·x[to[o]]
 * (nearest: from = to, λ = 0).
 */
interface AxisTaps {
  from: Int32Array;
  to: Int32Array;
  lambda: Float64Array;
}

interface ResizeAttrs {
  rows: AxisTaps;
  cols: AxisTaps;
  mode: 'nearest' | 'bilinear';
  alignCorners: boolean;
  /** The scale factors as given (for ONNX Resize), or null when a size was given. */
  scaleFactor: [number, number] | null;
}

interface ResizeAdjointAttrs extends ResizeAttrs {
  inputSize: [number, number];
}

/** y[n,c,i,j] = Σ taps of x over rows × cols (each output reads ≤ 2×2 inputs). */
function resizeKernel(
  x: FloatArray,
  planes: number,
  inH: number,
  inW: number,
  { rows, cols }: ResizeAttrs,
  out: FloatArray,
): void {
  const outH = rows.from.length;
  const outW = cols.from.length;
  for (let p = 0, o = 0; p < planes; p++) {
    const base = p * inH * inW;
    for (let i = 0; i < outH; i++) {
      const r0 = base + rows.from[i]! * inW;
      const r1 = base + rows.to[i]! * inW;
      const wr = rows.lambda[i]!;
      for (let j = 0; j < outW; j++, o++) {
        const c0 = cols.from[j]!;
        const c1 = cols.to[j]!;
        const wc = cols.lambda[j]!;
        const top = (1 - wc) * x[r0 + c0]! + wc * x[r0 + c1]!;
        const bottom = (1 - wc) * x[r1 + c0]! + wc * x[r1 + c1]!;
        out[o] = (1 - wr) * top + wr * bottom;
      }
    }
  }
}

/** The adjoint of resizeKernel: every output's gradient is scattered back onto its taps. */
function resizeAdjointKernel(
  dy: FloatArray,
  planes: number,
  inH: number,
  inW: number,
  { rows, cols }: ResizeAttrs,
  dx: FloatArray,
): void {
  const outH = rows.from.length;
  const outW = cols.from.length;
  for (let p = 0, o = 0; p < planes; p++) {
    const base = p * inH * inW;
    for (let i = 0; i < outH; i++) {
      const r0 = base + rows.from[i]! * inW;
      const r1 = base + rows.to[i]! * inW;
      const wr = rows.lambda[i]!;
      for (let j = 0; j < outW; j++, o++) {
        const c0 = cols.from[j]!;
        const c1 = cols.to[j]!;
        const wc = cols.lambda[j]!;
        const g = dy[o]!;
        dx[r0 + c0] = dx[r0 + c0]! + (1 - wr) * (1 - wc) * g;
        dx[r0 + c1] = dx[r0 + c1]! + (1 - wr) * wc * g;
        dx[r1 + c0] = dx[r1 + c0]! + wr * (1 - wc) * g;
        dx[r1 + c1] = dx[r1 + c1]! + wr * wc * g;
      }
    }
  }
}

/**
 * Resampling of the last two dims by per-axis taps (nearest or bilinear). Linear in x, so
 * its gradient is its adjoint (resize2dAdjoint), whose gradient is this op again.
 */
export const resize2dOp: OpDef<ResizeAttrs> = defineOp<ResizeAttrs>({
  name: 'resize2d',
  forward: ([x], attrs) => {
    const [batch, channels, inH, inW] = x!.shape as [number, number, number, number];
    const shape = [batch, channels, attrs.rows.from.length, attrs.cols.from.length];
    const out = allocate(
      x!.dtype,
      shape.reduce((p, d) => p * d, 1),
    ) as FloatArray;
    resizeKernel(x!.data as FloatArray, batch * channels, inH, inW, attrs, out);
    return new Tensor(out, shape);
  },
  backward: ({ inputs: [x], attrs }, dy) => [
    apply(resize2dAdjointOp, [dy], { ...attrs, inputSize: [x!.shape[2]!, x!.shape[3]!] }),
  ],
  onnx: (g, [x], attrs, info) => {
    const coordinates = attrs.mode === 'nearest' ? 'asymmetric' : attrs.alignCorners ? 'align_corners' : 'half_pixel';
    const scales = attrs.scaleFactor === null ? '' : g.constant([1, 1, ...attrs.scaleFactor], 'float32', [4]);
    const sizes = attrs.scaleFactor === null ? int64Constant(g, info.outputShape) : '';
    return g.node('Resize', [x!, '', scales, sizes], {
      mode: attrs.mode === 'nearest' ? 'nearest' : 'linear',
      coordinate_transformation_mode: coordinates,
      nearest_mode: 'floor',
    })[0]!;
  },
});

/** The adjoint (transpose) of resize2d: scatter-adds each output's gradient onto the inputs it read. */
export const resize2dAdjointOp: OpDef<ResizeAdjointAttrs> = defineOp<ResizeAdjointAttrs>({
  name: 'resize2dAdjoint',
  forward: ([dy], attrs) => {
    const [batch, channels] = dy!.shape as [number, number];
    const [inH, inW] = attrs.inputSize;
    const dx = allocate(dy!.dtype, batch * channels * inH * inW) as FloatArray;
    resizeAdjointKernel(dy!.data as FloatArray, batch * channels, inH, inW, attrs, dx);
    return new Tensor(dx, [batch, channels, inH, inW]);
  },
  backward: ({ attrs: { inputSize: _, ...attrs } }, g) => [apply(resize2dOp, [g], attrs)],
  onnx: (g, [dy], attrs, info) => {
    const [inH, inW] = attrs.inputSize;
    const rowsT = g.constant(tapMatrix(attrs.rows, inH, true), info.outputDType, [inH, attrs.rows.from.length]);
    const cols = g.constant(tapMatrix(attrs.cols, inW, false), info.outputDType, [attrs.cols.from.length, inW]);
    return g.node('MatMul', [rowsT, g.node('MatMul', [dy!, cols])[0]!])[0]!;
  },
});

/** The taps of one axis as a dense [out, in] matrix R (y = R x along that axis), or Rᵀ [in, out]. */
function tapMatrix({ from, to, lambda }: AxisTaps, inSize: number, transposed: boolean): Float64Array {
  const outSize = from.length;
  const m = new Float64Array(outSize * inSize);
  const at = (o: number, i: number): number => (transposed ? i * outSize + o : o * inSize + i);
  for (let o = 0; o < outSize; o++) {
    m[at(o, from[o]!)]! += 1 - lambda[o]!;
    m[at(o, to[o]!)]! += lambda[o]!;
  }
  return m;
}

/** PyTorch's nearest source index ⌊o·scale⌋ (computed in float32, as its kernel does), clamped. */
function nearestTaps(inSize: number, outSize: number, scale: number): AxisTaps {
  const from = new Int32Array(outSize);
  const scale32 = Math.fround(scale);
  for (let o = 0; o < outSize; o++) from[o] = Math.min(Math.floor(Math.fround(o * scale32)), inSize - 1);
  return { from, to: from, lambda: new Float64Array(outSize) };
}

/** PyTorch's bilinear source coordinate: o·scale (alignCorners) or max((o + ½)·scale − ½, 0). */
function linearTaps(inSize: number, outSize: number, scale: number, alignCorners: boolean): AxisTaps {
  const from = new Int32Array(outSize);
  const to = new Int32Array(outSize);
  const lambda = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const source = alignCorners ? o * scale : Math.max((o + 0.5) * scale - 0.5, 0);
    const lower = Math.min(Math.floor(source), inSize - 1);
    from[o] = lower;
    to[o] = lower < inSize - 1 ? lower + 1 : lower;
    lambda[o] = source - lower;
  }
  return { from, to, lambda };
}

function axisTaps(
  inSize: number,
  outSize: number,
  scaleFactor: number | null,
  mode: 'nearest' | 'bilinear',
  alignCorners: boolean,
): AxisTaps {
  if (mode === 'nearest')
    return nearestTaps(inSize, outSize, scaleFactor === null ? inSize / outSize : 1 / scaleFactor);
  if (alignCorners) return linearTaps(inSize, outSize, outSize > 1 ? (inSize - 1) / (outSize - 1) : 0, true);
  return linearTaps(inSize, outSize, scaleFactor === null ? inSize / outSize : 1 / scaleFactor, false);
}

export interface InterpolateOptions {
  /** Output size of the spatial dims (one number for all). Give this or scaleFactor. */
  size?: number | readonly number[];
  /** Multiplier of the spatial dims: out = ⌊in·s⌋, and the source coordinate is o/s. */
  scaleFactor?: number | readonly number[];
  /** 'nearest' (default: PyTorch's, source ⌊o·in/out⌋) or 'bilinear' (linear for 3-D input). */
  mode?: 'nearest' | 'bilinear';
  /** Bilinear only: map corner pixel centres onto each other, source o·(in − 1)/(out − 1). Default false. */
  alignCorners?: boolean;
}

/**
 * Resample x [N,C,H,W] (or [N,C,L]) to a new spatial size, as torch.nn.functional.interpolate:
 * nearest y[i,j] = x[⌊i·s_h⌋, ⌊j·s_w⌋]; bilinear blends the 2×2 neighbours of the source point
 * ((i + ½)·s − ½ clamped at 0, or i·(in − 1)/(out − 1) with alignCorners), s = in/out or
 * 1/scaleFactor. Differentiable: the gradient is the adjoint resampling.
 */
export function interpolate(x: Tensor, options: InterpolateOptions): Tensor {
  expectFloat('interpolate', x);
  if (x.ndim === 3) return squeeze(interpolate(unsqueeze(x, 2), spatialOptionsOf1d(options)), 2);
  if (x.ndim !== 4)
    throw new ShapeError(`interpolate: input ${formatShape(x.shape)} needs 4 dims [N,C,H,W] (or 3 dims [N,C,L])`);
  const mode = options.mode ?? 'nearest';
  if (mode !== 'nearest' && mode !== 'bilinear')
    throw new RangeError(`interpolate: mode must be 'nearest' or 'bilinear', got '${String(mode)}'`);
  if (options.alignCorners !== undefined && mode === 'nearest')
    throw new RangeError("interpolate: alignCorners applies to mode 'bilinear' only");
  const alignCorners = options.alignCorners ?? false;
  const inSize = [x.shape[2]!, x.shape[3]!] as const;
  const { outSize, scaleFactor } = outputSizeOf(inSize, options);
  const attrs: ResizeAttrs = {
    rows: axisTaps(inSize[0], outSize[0], scaleFactor?.[0] ?? null, mode, alignCorners),
    cols: axisTaps(inSize[1], outSize[1], scaleFactor?.[1] ?? null, mode, alignCorners),
    mode,
    alignCorners,
    scaleFactor,
  };
  return apply(resize2dOp, [x], attrs);
}

/** A 1-D request on [N,C,L] as a 2-D one on [N,C,1,L]. */
function spatialOptionsOf1d(options: InterpolateOptions): InterpolateOptions {
  const lift = (v: number | readonly number[] | undefined, one: number): readonly number[] | undefined =>
    v === undefined ? undefined : [one, typeof v === 'number' ? v : v[0]!];
  const { size, scaleFactor, ...rest } = options;
  return {
    ...rest,
    ...(size === undefined ? {} : { size: lift(size, 1) }),
    ...(scaleFactor === undefined ? {} : { scaleFactor: lift(scaleFactor, 1) }),
  };
}

function outputSizeOf(
  inSize: readonly [number, number],
  options: InterpolateOptions,
): { outSize: [number, number]; scaleFactor: [number, number] | null } {
  const { size, scaleFactor } = options;
  if ((size === undefined) === (scaleFactor === undefined))
    throw new RangeError('interpolate: give exactly one of size and scaleFactor');
  const perAxis = (v: number | readonly number[], name: string): [number, number] => {
    const pairOf = typeof v === 'number' ? [v, v] : [...v];
    if (pairOf.length !== 2)
      throw new RangeError(`interpolate: ${name} needs one value or one per spatial dim (2), got ${pairOf.length}`);
    return pairOf as [number, number];
  };
  if (size !== undefined) {
    const outSize = perAxis(size, 'size');
    if (!outSize.every((d) => Number.isInteger(d) && d >= 1))
      throw new RangeError(`interpolate: size must hold integers ≥ 1, got [${outSize.join(',')}]`);
    return { outSize, scaleFactor: null };
  }
  const factors = perAxis(scaleFactor!, 'scaleFactor');
  if (!factors.every((s) => s > 0 && Number.isFinite(s)))
    throw new RangeError(`interpolate: scaleFactor must be positive, got [${factors.join(',')}]`);
  const outSize = [Math.floor(inSize[0] * factors[0]), Math.floor(inSize[1] * factors[1])] as [number, number];
  if (outSize.some((d) => d < 1))
    throw new RangeError(`interpolate: scaleFactor [${factors.join(',')}] shrinks ${formatShape(inSize)} to nothing`);
  return { outSize, scaleFactor: factors };
}
