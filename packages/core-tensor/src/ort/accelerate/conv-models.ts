import type { Conv2dGeometry } from '../../kernels/conv.js';
import type { OnnxAttribute } from '../../onnx/lowering.js';
import { int64Constant } from '../../onnx/lowering.js';
import type { OpModel } from './op-model.js';
import { opModel } from './op-model.js';

/** What a convolution session is specialised for: the window and how it slides (sizes stay symbolic). */
export interface ConvWindow {
  kernel: [number, number];
  stride: [number, number];
  /** [top, left, bottom, right], ONNX's order. */
  pads: [number, number, number, number];
  dilation: [number, number];
  groups: number;
}

export function convWindow(g: Conv2dGeometry): ConvWindow {
  return {
    kernel: [g.kH, g.kW],
    stride: [g.strideH, g.strideW],
    pads: [g.padTop, g.padLeft, g.padBottom, g.padRight],
    dilation: [g.dilationH, g.dilationW],
    groups: g.groups,
  };
}

function convAttributes(w: ConvWindow): Record<string, OnnxAttribute> {
  return { kernel_shape: w.kernel, strides: w.stride, pads: w.pads, dilations: w.dilation, group: w.groups };
}

const float32 = 'float32';

/** y = Conv(x, w) (+ b): x [N,C,H,W], w [O,C/groups,kH,kW], b [O]. */
export function convModel(window: ConvWindow, hasBias: boolean): OpModel {
  const inputs = [
    { name: 'x', dtype: float32, rank: 4 },
    { name: 'w', dtype: float32, rank: 4 },
  ] as const;
  return opModel('conv2d', hasBias ? [...inputs, { name: 'b', dtype: float32, rank: 1 }] : inputs, (g) => {
    const [y] = g.node('Conv', hasBias ? ['x', 'w', 'b'] : ['x', 'w'], convAttributes(window));
    return [{ value: y!, dtype: float32, rank: 4 }];
  });
}

/**
 * dx = ConvTranspose(dy, w) (+ b), the adjoint of Conv in its input; `outputPadding` adds
 * the rows/columns a strided conv skipped at the bottom/right (each < stride).
 */
export function convTransposeModel(window: ConvWindow, outputPadding: [number, number], hasBias: boolean): OpModel {
  const inputs = [
    { name: 'dy', dtype: float32, rank: 4 },
    { name: 'w', dtype: float32, rank: 4 },
  ] as const;
  return opModel('conv2dBackwardInput', hasBias ? [...inputs, { name: 'b', dtype: float32, rank: 1 }] : inputs, (g) => {
    const [dx] = g.node('ConvTranspose', hasBias ? ['dy', 'w', 'b'] : ['dy', 'w'], {
      ...convAttributes(window),
      output_padding: outputPadding,
    });
    return [{ value: dx!, dtype: float32, rank: 4 }];
  });
}

/**
 * dw as one Conv with batch and channels swapped: per group, the images x[:, c] become the
 * channels of a "batch" of C/groups inputs and dy[:, o] the kernel, with stride and dilation
 * trading places: dw[o,c,p,q] = Σₙ Σ_{i,j} x[n,c, p·dH + i·sH − padTop, …]·dy[n,o,i,j].
 * The result can overhang the kernel by rows the strided conv never reached: `trim` slices it.
 */
export function convWeightGradModel(window: ConvWindow, channelsPerGroup: number, trim: boolean): OpModel {
  return opModel(
    'conv2dBackwardWeight',
    [
      { name: 'x', dtype: float32, rank: 4 },
      { name: 'dy', dtype: float32, rank: 4 },
    ],
    (g) => {
      const { groups } = window;
      let images: string;
      if (groups === 1) {
        images = g.node('Transpose', ['x'], { perm: [1, 0, 2, 3] })[0]!;
      } else {
        // x [N, G·c, H, W] → [c, G·N, H, W], channel g·N + n holding x[n, g·c + ·]
        const split = g.node('Reshape', ['x', int64Constant(g, [0, groups, channelsPerGroup, -1])])[0]!;
        const swapped = g.node('Transpose', [split], { perm: [2, 1, 0, 3] })[0]!;
        const spatial = g.node('Slice', [g.node('Shape', ['x'])[0]!, int64Constant(g, [2]), int64Constant(g, [4])])[0]!;
        const target = g.node('Concat', [int64Constant(g, [channelsPerGroup, -1]), spatial], { axis: 0 })[0]!;
        images = g.node('Reshape', [swapped, target])[0]!;
      }
      const kernels = g.node('Transpose', ['dy'], { perm: [1, 0, 2, 3] })[0]!;
      const correlated = g.node('Conv', [images, kernels], {
        strides: window.dilation,
        dilations: window.stride,
        pads: window.pads,
        group: groups,
      })[0]!;
      const ordered = g.node('Transpose', [correlated], { perm: [1, 0, 2, 3] })[0]!;
      const dw = trim
        ? g.node('Slice', [
            ordered,
            int64Constant(g, [0, 0]),
            int64Constant(g, window.kernel),
            int64Constant(g, [2, 3]),
          ])[0]!
        : ordered;
      return [{ value: dw, dtype: float32, rank: 4 }];
    },
  );
}
