import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { defineOp } from '../../src/custom/index.js';
import type { Tensor } from '../../src/index.js';
import { manualSeed, randint, randn } from '../../src/index.js';
import { Linear, Module } from '../../src/nn/index.js';
import { exportOnnx, TraceError } from '../../src/onnx/index.js';
import { OrtModel } from '../../src/ort/index.js';
import { hypotOp, scaleByCountOp, swish, swishBetaOp } from './ops.js';

/** A model mixing built-in layers with three custom ops (one with attributes, one with two inputs). */
class Net extends Module {
  readonly first = this.registerModule('first', new Linear(4, 6));
  readonly second = this.registerModule('second', new Linear(6, 6));
  forward(x: Tensor): Tensor {
    const h = swish(this.first.call(x));
    const g = swishBetaOp.apply([this.second.call(h)], { beta: 1.5 });
    return hypotOp.apply([h, g]);
  }
}

const nodeTypes = (onnx: Uint8Array): string[] =>
  onnxProto.onnx.ModelProto.decode(onnx).graph!.node!.map((n) => n.opType!);

describe('exporting custom ops to ONNX', () => {
  it('a model using custom ops runs in ONNX Runtime with the eager outputs, at another batch size', () => {
    manualSeed(7);
    const net = new Net();
    const model = OrtModel.fromModule(net, [randn([2, 4])], { dynamicAxes: { input: { 0: 'batch' } } });
    const x = randn([9, 4]).mul(2);
    expect(model.runSync([x])[0]!).toBeAllClose(net.call(x), { rtol: 1e-5, atol: 1e-6 });
  });

  it('an int32 input and a Cast in the lowering', () => {
    manualSeed(8);
    const k = randint(1, 5, [3]);
    const f = (x: Tensor, counts: Tensor): Tensor => scaleByCountOp.apply([x, counts]);
    const x = randn([2, 3]);
    expect(OrtModel.fromModule(f, [x, k]).runSync([x, k])[0]!).toBeAllClose(x.mul(k.float()), { rtol: 1e-6 });
  });

  it('the graph holds only the lowering, not the tensor ops the forward ran', () => {
    const onnx = exportOnnx((x: Tensor) => swishBetaOp.apply([x], { beta: 2 }), [randn([3])]);
    expect(nodeTypes(onnx)).toEqual(['Mul', 'Sigmoid', 'Mul', 'Identity']);
  });

  it('a forward may read its inputs’ values while being traced (it is a kernel, not graph code)', () => {
    const clampToMean = defineOp({
      name: 'clampToMean',
      forward: ([x]: [Tensor]) => x.clamp(undefined, x.mean().item()),
      onnx: (g, [x]) => g.node('Min', [x, g.node('ReduceMean', [x], { keepdims: 0 })[0]!])[0]!,
    });
    const x = randn([6]);
    const f = (t: Tensor): Tensor => clampToMean.apply([t]);
    expect(OrtModel.fromModule(f, [x]).runSync([x])[0]!).toBeAllClose(f(x), { rtol: 1e-6 });
  });

  it('an op defined without onnx fails to export with a TraceError naming it', () => {
    const noOnnx = defineOp({
      name: 'cube',
      forward: ([x]: [Tensor]) => x.pow(3),
      backward: ({ inputs: [x] }, dy) => [dy.mul(x.square()).mul(3)],
    });
    const f = (x: Tensor): Tensor => noOnnx.apply([x]).add(1);
    expect(f(randn([2]))).toBeDefined(); // eager use is fine
    expect(() => exportOnnx(f, [randn([2])])).toThrow(TraceError);
    expect(() => exportOnnx(f, [randn([2])])).toThrow(
      /exportOnnx: op 'cube' cannot be exported: it was defined without an onnx lowering/,
    );
  });

  it('a lowering that returns g.node’s array instead of a value name', () => {
    const op = defineOp({
      name: 'myRelu',
      forward: ([x]: [Tensor]) => x.relu(),
      // @ts-expect-error: g.node returns the names of its outputs, an array
      onnx: (g, [x]) => g.node('Relu', [x]),
    });
    expect(() => exportOnnx((x: Tensor) => op.apply([x]), [randn([2])])).toThrow(
      /op 'myRelu' cannot be exported: its onnx lowering returned an array instead of the output's value name/,
    );
  });
});
