import type { Pool2dGeometry } from '../../kernels/pool.js';
import type { OnnxAttribute } from '../../onnx/lowering.js';
import { int64Constant, onnxDataType } from '../../onnx/lowering.js';
import type { OpModel } from './op-model.js';
import { opModel } from './op-model.js';

/** What a pooling session is specialised for: the window and how it slides (sizes stay symbolic). */
export interface PoolWindow {
  kernel: [number, number];
  stride: [number, number];
  /** Symmetric [rows, columns]. */
  padding: [number, number];
  dilation: [number, number];
}

export function poolWindow(g: Pool2dGeometry): PoolWindow {
  return {
    kernel: [g.kH, g.kW],
    stride: [g.strideH, g.strideW],
    padding: [g.padH, g.padW],
    dilation: [g.dilationH, g.dilationW],
  };
}

/**
 * Whether the geometry's output needed ceil mode (a last, partial window): ONNX's ceil_mode
 * rounds and divides differently from PyTorch there, so such poolings stay in JS.
 */
export function roundsUp(g: Pool2dGeometry): boolean {
  const floorSize = (size: number, k: number, s: number, pad: number, d: number): number =>
    Math.floor((size + 2 * pad - d * (k - 1) - 1) / s) + 1;
  return (
    g.outH !== floorSize(g.inH, g.kH, g.strideH, g.padH, g.dilationH) ||
    g.outW !== floorSize(g.inW, g.kW, g.strideW, g.padW, g.dilationW)
  );
}

function poolAttributes(w: PoolWindow): Record<string, OnnxAttribute> {
  const [ph, pw] = w.padding;
  return { kernel_shape: w.kernel, strides: w.stride, pads: [ph, pw, ph, pw] };
}

/**
 * y = MaxPool(x) and the argmax of each window as a flat index h·W + w within its plane:
 * ONNX's indices run over the whole NCHW tensor, so they are taken modulo H·W, then int32.
 */
export function maxPoolModel(window: PoolWindow): OpModel {
  return opModel('maxPool2d', [{ name: 'x', dtype: 'float32', rank: 4 }], (g) => {
    const [y, flat] = g.node('MaxPool', ['x'], { ...poolAttributes(window), dilations: window.dilation }, 2);
    const spatial = g.node('Slice', [g.node('Shape', ['x'])[0]!, int64Constant(g, [2]), int64Constant(g, [4])])[0]!;
    const plane = g.node('ReduceProd', [spatial], { keepdims: 1 })[0]!;
    const local = g.node('Mod', [flat!, plane])[0]!;
    const [indices] = g.node('Cast', [local], { to: onnxDataType.int32 });
    return [
      { value: y!, dtype: 'float32', rank: 4 },
      { value: indices!, dtype: 'int32', rank: 4 },
    ];
  });
}

/** y = AveragePool(x); the divisor counts padded taps when `countIncludePad`. */
export function avgPoolModel(window: PoolWindow, countIncludePad: boolean): OpModel {
  return opModel('avgPool2d', [{ name: 'x', dtype: 'float32', rank: 4 }], (g) => {
    const [y] = g.node('AveragePool', ['x'], {
      ...poolAttributes(window),
      count_include_pad: countIncludePad ? 1 : 0,
    });
    return [{ value: y!, dtype: 'float32', rank: 4 }];
  });
}
