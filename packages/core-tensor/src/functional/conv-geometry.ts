import { ShapeError } from '../errors.js';
import type { Conv2dGeometry } from '../kernels/conv.js';
import { conv2dGeometry } from '../kernels/conv.js';
import type { Shape } from '../shape.js';
import { formatShape } from '../shape.js';
import type { Pair } from './args.js';
import { pair } from './args.js';

/** How a convolution walks its input: what the kernels and ONNX's Conv/ConvTranspose take. */
export interface ConvAttrs {
  stride: [number, number];
  /** [top, left, bottom, right] (ONNX's pads order). */
  padding: [number, number, number, number];
  dilation: [number, number];
  groups: number;
}

/** Convolution padding: per axis, both axes, or PyTorch's 'same' (stride 1; extra on the bottom/right) and 'valid' (none). */
export type ConvPadding = Pair | 'same' | 'valid';

export interface Conv2dOptions {
  stride?: Pair;
  padding?: ConvPadding;
  dilation?: Pair;
  groups?: number;
}

/** Resolve user options for a kernel of spatial size `kernel` into ConvAttrs. */
export function convAttrs(op: string, kernel: readonly [number, number], options: Conv2dOptions): ConvAttrs {
  const stride = pair(op, 'stride', options.stride ?? 1, 1);
  const dilation = pair(op, 'dilation', options.dilation ?? 1, 1);
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1)
    throw new RangeError(`${op}: groups must be an integer ≥ 1, got ${groups}`);
  const padding = options.padding ?? 0;
  if (padding === 'valid') return { stride, padding: [0, 0, 0, 0], dilation, groups };
  if (padding === 'same') {
    if (stride[0] !== 1 || stride[1] !== 1)
      throw new RangeError(`${op}: padding 'same' needs stride 1, got [${stride.join(',')}]`);
    const total = [dilation[0] * (kernel[0] - 1), dilation[1] * (kernel[1] - 1)] as const;
    const before = [Math.floor(total[0] / 2), Math.floor(total[1] / 2)] as const;
    return { stride, padding: [before[0], before[1], total[0] - before[0], total[1] - before[1]], dilation, groups };
  }
  const [ph, pw] = pair(op, 'padding', padding, 0);
  return { stride, padding: [ph, pw, ph, pw], dilation, groups };
}

/** The geometry of the convolution x [N,C,H,W] ⋆ w [O,C/groups,kH,kW], with shape errors named after `op`. */
export function geometryOf(op: string, xShape: Shape, wShape: Shape, attrs: ConvAttrs): Conv2dGeometry {
  const inChannels = xShape[1]!;
  const expected = wShape[1]! * attrs.groups;
  if (inChannels !== expected) {
    throw new ShapeError(
      `${op}: input ${formatShape(xShape)} has ${inChannels} channels but weight ${formatShape(wShape)} with groups ${attrs.groups} expects ${expected}`,
    );
  }
  if (wShape[0]! % attrs.groups !== 0) {
    throw new ShapeError(
      `${op}: weight ${formatShape(wShape)} has ${wShape[0]} output channels, not divisible by groups ${attrs.groups}`,
    );
  }
  return conv2dGeometry(xShape, wShape, attrs);
}
