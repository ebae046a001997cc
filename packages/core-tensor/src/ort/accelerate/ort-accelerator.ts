import type { Accelerator } from '../../backend/accelerator.js';
import type { Storage } from '../../dtype.js';
import type { Conv2dGeometry } from '../../kernels/conv.js';
import type { Pool2dGeometry } from '../../kernels/pool.js';
import { isPairWindow } from '../../kernels/pool.js';
import type { Reducer } from '../../kernels/reduce.js';
import type { FloatArray } from '../../kernels/types.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConvWindow } from './conv-models.js';
import { convModel, convTransposeModel, convWeightGradModel, convWindow } from './conv-models.js';
import { matmulModel } from './matmul-model.js';
import type { NativeTensor, OpSessions } from './op-sessions.js';
import { nativeTensor } from './op-sessions.js';
import { avgPoolModel, maxPoolModel, poolWindow, roundsUp } from './pool-models.js';
import { reduceSumModel } from './reduce-model.js';
import { reluBackwardModel, reluModel } from './relu-models.js';
import type { AccelerationThresholds } from './thresholds.js';

export type AcceleratedOp = keyof Accelerator;

function feed(t: Tensor): NativeTensor {
  return nativeTensor(t.data as FloatArray, t.shape);
}

/** Whether `work` reaches the threshold (empty tensors always stay in JS). */
function pays(work: number, threshold: number): boolean {
  return work > 0 && work >= threshold;
}

function isFloat32(...tensors: readonly (Tensor | undefined)[]): boolean {
  return tensors.every((t) => t === undefined || t.dtype === 'float32');
}

/** Multiply–adds of one of a convolution's three products. */
function convWork(g: Conv2dGeometry): number {
  return g.batch * g.outChannels * g.outH * g.outW * (g.inChannels / g.groups) * g.kH * g.kW;
}

function windowKey(w: ConvWindow): string {
  return `k${w.kernel}s${w.stride}p${w.pads}d${w.dilation}g${w.groups}`;
}

/**
 * The `ort` backend's accelerator: heavy kernels as cached single-op ONNX Runtime sessions
 * run synchronously on our own buffers (inputs wrapped, outputs written in place). Work
 * below the thresholds, and dtypes ONNX Runtime's CPU kernels lack, stay in JS.
 */
export class OrtAccelerator implements Accelerator {
  /** How many calls of each op ran in ONNX Runtime (the others ran the JS kernel). */
  readonly calls: Record<AcceleratedOp, number> = {
    matmul: 0,
    conv2d: 0,
    conv2dBackwardInput: 0,
    conv2dBackwardWeight: 0,
    maxPool2d: 0,
    avgPool2d: 0,
    relu: 0,
    reluBackward: 0,
    reduce: 0,
  };

  constructor(
    private readonly sessions: OpSessions,
    private readonly thresholds: AccelerationThresholds,
  ) {}

  matmul(
    a: Tensor,
    b: Tensor,
    transA: boolean,
    transB: boolean,
    out: FloatArray,
    outShape: readonly number[],
  ): boolean {
    if (a.dtype !== b.dtype || (a.dtype !== 'float32' && a.dtype !== 'float64')) return false;
    const inner = transA ? a.shape[a.ndim - 2]! : a.shape[a.ndim - 1]!;
    if (!pays(out.length * inner, this.thresholds.matmul)) return false;
    const spec = { dtype: a.dtype, rankA: a.ndim, rankB: b.ndim, transA, transB };
    const key = `matmul|${a.dtype}|${a.ndim}${transA ? 'T' : ''}|${b.ndim}${transB ? 'T' : ''}`;
    return this.count(
      'matmul',
      this.sessions.run(key, () => matmulModel(spec), { a: feed(a), b: feed(b) }, [nativeTensor(out, outShape)]),
    );
  }

  conv2d(x: Tensor, w: Tensor, bias: Tensor | undefined, g: Conv2dGeometry, out: FloatArray): boolean {
    if (!isFloat32(x, w, bias) || !pays(convWork(g), this.thresholds.conv)) return false;
    const window = convWindow(g);
    const feeds: Record<string, NativeTensor> = { x: feed(x), w: feed(w) };
    if (bias !== undefined) feeds.b = feed(bias);
    const key = `conv2d|${windowKey(window)}|${bias !== undefined}`;
    const dims = [g.batch, g.outChannels, g.outH, g.outW];
    return this.count(
      'conv2d',
      this.sessions.run(key, () => convModel(window, bias !== undefined), feeds, [nativeTensor(out, dims)]),
    );
  }

  conv2dBackwardInput(dy: Tensor, w: Tensor, bias: Tensor | undefined, g: Conv2dGeometry, out: FloatArray): boolean {
    if (!isFloat32(dy, w, bias) || !pays(convWork(g), this.thresholds.conv)) return false;
    const window = convWindow(g);
    const covered = (size: number, out: number, axis: 0 | 1): number =>
      size -
      ((out - 1) * window.stride[axis] +
        window.dilation[axis] * (window.kernel[axis] - 1) +
        1 -
        window.pads[axis] -
        window.pads[axis + 2]!);
    const outputPadding: [number, number] = [covered(g.inH, g.outH, 0), covered(g.inW, g.outW, 1)];
    const feeds: Record<string, NativeTensor> = { dy: feed(dy), w: feed(w) };
    if (bias !== undefined) feeds.b = feed(bias);
    const key = `conv2dBackwardInput|${windowKey(window)}|o${outputPadding}|${bias !== undefined}`;
    const dims = [g.batch, g.inChannels, g.inH, g.inW];
    return this.count(
      'conv2dBackwardInput',
      this.sessions.run(key, () => convTransposeModel(window, outputPadding, bias !== undefined), feeds, [
        nativeTensor(out, dims),
      ]),
    );
  }

  conv2dBackwardWeight(x: Tensor, dy: Tensor, g: Conv2dGeometry, out: FloatArray): boolean {
    if (!isFloat32(x, dy) || !pays(convWork(g), this.thresholds.conv)) return false;
    const window = convWindow(g);
    const channelsPerGroup = g.inChannels / g.groups;
    // the swapped conv's output size along an axis: ⌊(in + pads − s(out − 1) − 1)/d⌋ + 1 ≥ k
    const reach = (size: number, out: number, axis: 0 | 1): number =>
      Math.floor(
        (size + window.pads[axis] + window.pads[axis + 2]! - window.stride[axis] * (out - 1) - 1) /
          window.dilation[axis],
      ) + 1;
    const trim = reach(g.inH, g.outH, 0) !== g.kH || reach(g.inW, g.outW, 1) !== g.kW;
    const key = `conv2dBackwardWeight|${windowKey(window)}|c${channelsPerGroup}|${trim}`;
    const dims = [g.outChannels, channelsPerGroup, g.kH, g.kW];
    return this.count(
      'conv2dBackwardWeight',
      this.sessions.run(key, () => convWeightGradModel(window, channelsPerGroup, trim), { x: feed(x), dy: feed(dy) }, [
        nativeTensor(out, dims),
      ]),
    );
  }

  maxPool2d(x: Tensor, g: Pool2dGeometry, out: FloatArray, argmax: Int32Array): boolean {
    // JS's 2×2 tournament kernel outruns ONNX Runtime's MaxPool with indices (~3 ms against ~8 at LeNet's size)
    if (!isFloat32(x) || roundsUp(g) || isPairWindow(g)) return false;
    if (!pays(out.length * g.kH * g.kW, this.thresholds.pool)) return false;
    const window = poolWindow(g);
    const dims = [g.batch, g.channels, g.outH, g.outW];
    const key = `maxPool2d|${JSON.stringify(window)}`;
    return this.count(
      'maxPool2d',
      this.sessions.run(key, () => maxPoolModel(window), { x: feed(x) }, [
        nativeTensor(out, dims),
        nativeTensor(argmax, dims),
      ]),
    );
  }

  avgPool2d(x: Tensor, g: Pool2dGeometry, countIncludePad: boolean, out: FloatArray): boolean {
    if (!isFloat32(x) || g.dilationH !== 1 || g.dilationW !== 1 || roundsUp(g)) return false;
    if (!pays(out.length * g.kH * g.kW, this.thresholds.pool)) return false;
    const window = poolWindow(g);
    const key = `avgPool2d|${JSON.stringify(window)}|${countIncludePad}`;
    const dims = [g.batch, g.channels, g.outH, g.outW];
    return this.count(
      'avgPool2d',
      this.sessions.run(key, () => avgPoolModel(window, countIncludePad), { x: feed(x) }, [nativeTensor(out, dims)]),
    );
  }

  relu(x: Tensor, out: FloatArray): boolean {
    if (!isFloat32(x) || !pays(x.size, this.thresholds.elementwise)) return false;
    return this.count(
      'relu',
      this.sessions.run(`relu|${x.ndim}`, () => reluModel(x.ndim), { x: feed(x) }, [nativeTensor(out, x.shape)]),
    );
  }

  reluBackward(dy: Tensor, x: Tensor, out: FloatArray): boolean {
    if (!isFloat32(dy, x) || !pays(x.size, this.thresholds.elementwise)) return false;
    return this.count(
      'reluBackward',
      this.sessions.run(`reluBackward|${x.ndim}`, () => reluBackwardModel(x.ndim), { dy: feed(dy), x: feed(x) }, [
        nativeTensor(out, x.shape),
      ]),
    );
  }

  reduce(x: Tensor, dims: readonly number[], reducer: Reducer, out: Storage): boolean {
    if (reducer !== 'sum' || !isFloat32(x) || dims.length === 0) return false;
    const adjacent = dims[dims.length - 1]! - dims[0]! + 1 === dims.length;
    if (!pays(x.size, adjacent ? this.thresholds.reduce : this.thresholds.scatteredReduce)) return false;
    const key = `sum|${x.ndim}|${dims}`;
    const kept = x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
    return this.count(
      'reduce',
      this.sessions.run(key, () => reduceSumModel(x.ndim, dims), { x: feed(x) }, [
        nativeTensor(out as Float32Array, kept),
      ]),
    );
  }

  private count(op: AcceleratedOp, ran: boolean): boolean {
    if (ran) this.calls[op]++;
    return ran;
  }
}
