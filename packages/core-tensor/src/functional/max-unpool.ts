import { apply } from '../autograd/dispatch.js';
import { allocate } from '../dtype.js';
import { ShapeError } from '../errors.js';
import type { OnnxGraphBuilder } from '../onnx/lowering.js';
import { int64Constant } from '../onnx/lowering.js';
import type { OpDef } from '../ops/define.js';
import { defineOp } from '../ops/define.js';
import { gather } from '../ops/indexing/gather.js';
import { reshape } from '../ops/shape.js';
import { formatShape, sameShape } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import type { Pair } from './args.js';
import { expectFloat, expectInt, expectRank, pair } from './args.js';

/** ONNX TensorProto.DataType INT64: MaxUnpool's index type. */
const ONNX_INT64 = 7;

interface UnpoolAttrs {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  /** The output's [height, width]. */
  outputSize: [number, number];
}

/**
 * Max unpooling: y = 0 except y[n,c,indices[n,c,i,j]] = x[n,c,i,j] (the index is flat within
 * the output plane). Gradient: dx[n,c,i,j] = dy[n,c,indices[n,c,i,j]], a gather.
 */
export const maxUnpool2dOp: OpDef<UnpoolAttrs> = defineOp<UnpoolAttrs>({
  name: 'maxUnpool2d',
  forward: ([x, indices], { outputSize: [height, width] }) => {
    const [batch, channels, inH, inW] = x!.shape as [number, number, number, number];
    const plane = height * width;
    const inPlane = inH * inW;
    const out = allocate(x!.dtype, batch * channels * plane);
    const where = indices!.data;
    for (let p = 0; p < batch * channels; p++) {
      for (let i = 0; i < inPlane; i++) {
        const at = where[p * inPlane + i]!;
        if (!(at >= 0 && at < plane)) {
          throw new RangeError(
            `maxUnpool2d: index ${at} at [${Math.floor(p / channels)}, ${p % channels}, ${Math.floor(i / inW)}, ${i % inW}] is outside the ${height}×${width} output plane [0, ${plane})`,
          );
        }
        out[p * plane + at] = x!.data[p * inPlane + i]!;
      }
    }
    return new Tensor(out, [batch, channels, height, width]);
  },
  backward: ({ inputs: [x, indices] }, dy) => {
    const [batch, channels, inH, inW] = x!.shape as [number, number, number, number];
    const planes = reshape(dy, [batch, channels, dy.shape[2]! * dy.shape[3]!]);
    return [reshape(gather(planes, 2, reshape(indices!, [batch, channels, inH * inW])), x!.shape), null];
  },
  onnx: (g, [x, indices], attrs, info) => {
    const channels = info.inputShapes[0]![1]!;
    const plane = attrs.outputSize[0] * attrs.outputSize[1];
    const batchAndChannels = g.node('Shape', [x!], { start: 0, end: 2 })[0]!;
    const global = g.node('Add', [
      g.node('Cast', [indices!], { to: ONNX_INT64 })[0]!,
      planeOffsets(g, batchAndChannels, channels, plane),
    ])[0]!;
    const outputShape = g.node('Concat', [batchAndChannels, int64Constant(g, attrs.outputSize)], { axis: 0 })[0]!;
    return g.node('MaxUnpool', [x!, global, outputShape], {
      kernel_shape: attrs.kernel,
      strides: attrs.stride,
      pads: [...attrs.padding, ...attrs.padding],
    })[0]!;
  },
});

/**
 * ONNX's MaxUnpool takes indices flat over the whole [N,C,H,W] output (MaxPool's
 * convention): the offset of plane (n, c) is (n·C + c)·H·W, built from the runtime batch
 * size so the graph keeps a dynamic batch.
 */
function planeOffsets(g: OnnxGraphBuilder, batchAndChannels: string, channels: number, plane: number): string {
  const planes = g.node('ReduceProd', [batchAndChannels], { keepdims: 0 })[0]!;
  const zero = g.constant([0], 'int64', []);
  const one = g.constant([1], 'int64', []);
  const index = g.node('Range', [zero, planes, one])[0]!;
  const grid = g.node('Reshape', [index, int64Constant(g, [-1, channels, 1, 1])])[0]!;
  return g.node('Mul', [grid, g.constant([plane], 'int64', [])])[0]!;
}

export interface MaxUnpool2dOptions {
  kernelSize: Pair;
  /** Default: kernelSize. */
  stride?: Pair;
  padding?: Pair;
  /**
   * The output's [H, W] (or [N, C, H, W]), to undo a pooling whose input size the default
   * does not recover; each within (default − stride, default + stride).
   */
  outputSize?: readonly number[];
}

/**
 * The output size of unpooling, as PyTorch: by default H_out = (H − 1)·s − 2·pad + k (and
 * likewise W), else the given size, which must lie strictly between default ∓ stride.
 */
function unpoolSize(
  x: Tensor,
  kernel: number[],
  stride: number[],
  padding: number[],
  given?: readonly number[],
): [number, number] {
  const defaults = [0, 1].map((a) => (x.shape[2 + a]! - 1) * stride[a]! - 2 * padding[a]! + kernel[a]!);
  if (given === undefined) return [defaults[0]!, defaults[1]!];
  const size = given.length === 4 ? given.slice(2) : given;
  if (size.length !== 2) {
    throw new ShapeError(`maxUnpool2d: outputSize must be [H, W] or [N, C, H, W], got [${given.join(', ')}]`);
  }
  size.forEach((s, a) => {
    const [low, high] = [defaults[a]! - stride[a]!, defaults[a]! + stride[a]!];
    if (!(Number.isInteger(s) && s > low && s < high)) {
      throw new RangeError(
        `maxUnpool2d: outputSize [${size.join(', ')}] must lie strictly between [${defaults.map((d, i) => d - stride[i]!).join(', ')}] and [${defaults.map((d, i) => d + stride[i]!).join(', ')}] for input ${formatShape(x.shape)}`,
      );
    }
  });
  return [size[0]!, size[1]!];
}

/**
 * The partial inverse of maxPool2d (torch.nn.functional.max_unpool2d): scatter x [N,C,H,W]
 * into a zero output at `indices` (int32, flat h·W_out + w within each plane, as
 * maxPool2d's returnIndices gives them): y[n,c,indices[n,c,i,j]] = x[n,c,i,j], every other
 * entry 0. Output [N,C,H_out,W_out] with H_out = (H − 1)·s − 2·pad + k unless outputSize
 * is given. Gradient: dx = dy gathered at the same indices.
 */
export function maxUnpool2d(x: Tensor, indices: Tensor, options: MaxUnpool2dOptions): Tensor {
  expectRank('maxUnpool2d', x, ['N', 'C', 'H', 'W']);
  expectFloat('maxUnpool2d', x);
  expectInt('maxUnpool2d', indices, 'indices');
  if (!sameShape(x.shape, indices.shape)) {
    throw new ShapeError(
      `maxUnpool2d: indices ${formatShape(indices.shape)} must have the input's shape ${formatShape(x.shape)}`,
    );
  }
  const kernel = pair('maxUnpool2d', 'kernelSize', options.kernelSize, 1);
  const stride = pair('maxUnpool2d', 'stride', options.stride ?? kernel, 1);
  const padding = pair('maxUnpool2d', 'padding', options.padding ?? 0, 0);
  const outputSize = unpoolSize(x, kernel, stride, padding, options.outputSize);
  return apply(maxUnpool2dOp, [x, indices], { kernel, stride, padding, outputSize });
}
