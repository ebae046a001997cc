import { describe, expect, it } from 'vitest';
import { defineMultiOutputOp } from '../../src/custom/index.js';
import type { Tensor } from '../../src/index.js';
import { manualSeed, mseLoss, randn } from '../../src/index.js';
import { Linear, Module } from '../../src/nn/index.js';
import { exportOnnx, TraceError } from '../../src/onnx/index.js';
import { compileValueAndGrad, OrtModel } from '../../src/ort/index.js';
import { rotateOp, rowMaxOp, sinCosOp } from './multi-output-ops.js';

/** Built-in layers around two multi-output ops, one output of each used twice. */
class Net extends Module {
  readonly first = this.registerModule('first', new Linear(4, 6));
  readonly second = this.registerModule('second', new Linear(6, 3));
  forward(x: Tensor): Tensor {
    const [s, c] = sinCosOp.apply([this.first.call(x)]);
    const [u, v] = rotateOp.apply([s, c.mul(s)], { angle: 0.6 });
    return this.second.call(u.add(v.tanh()).mul(u));
  }
}

const close = { rtol: 1e-4, atol: 1e-6 };

describe('multi-output custom ops in ONNX', () => {
  it('a model using them runs in ONNX Runtime with the eager outputs, at another batch size', () => {
    manualSeed(7);
    const net = new Net();
    const model = OrtModel.fromModule(net, [randn([2, 4])], { dynamicAxes: { input: { 0: 'batch' } } });
    const x = randn([9, 4]).mul(2);
    expect(model.runSync([x])[0]!).toBeAllClose(net.call(x), { rtol: 1e-5, atol: 1e-6 });
  });

  it('both outputs exported, one of them int32', () => {
    manualSeed(8);
    const x = randn([4, 5]);
    const [values, index] = OrtModel.fromModule((t: Tensor) => rowMaxOp.apply([t]), [x]).runSync([x]);
    const [v, i] = rowMaxOp.apply([x]);
    expect(values!).toBeAllClose(v, { rtol: 1e-6 });
    expect(index!.dtype).toBe('int32');
    expect(index!.toArray()).toEqual(i.toArray());
  });

  it('compileValueAndGrad through a model using them: the eager loss and gradients', () => {
    manualSeed(9);
    const net = new Net();
    const [x, y] = [randn([16, 4]), randn([16, 3])];
    const lossFn = (xs: Tensor, ys: Tensor): Tensor => mseLoss(net.call(xs), ys);
    const loss = lossFn(x, y);
    loss.backward();
    const grads = net.parameters().map((p) => p.grad!);
    for (const p of net.parameters()) p.grad = null;
    const compiledLoss = compileValueAndGrad(net, lossFn)(x, y);
    expect(compiledLoss).toBeAllClose(loss.detach(), close);
    net.parameters().forEach((p, i) => {
      expect(p.grad!).toBeAllClose(grads[i]!, close);
    });
  });

  it('an op defined without onnx, or whose lowering returns the wrong names, fails with a TraceError naming it', () => {
    const forward = ([x]: [Tensor]): [Tensor, Tensor] => [x.exp(), x.sin()];
    const noOnnx = defineMultiOutputOp({ name: 'expSin', forward });
    const f = (x: Tensor): Tensor => noOnnx.apply([x])[0];
    expect(() => exportOnnx(f, [randn([2])])).toThrow(TraceError);
    expect(() => exportOnnx(f, [randn([2])])).toThrow(
      /exportOnnx: op 'expSin' cannot be exported: it was defined without an onnx lowering; give defineMultiOutputOp an onnx/,
    );
    const short = defineMultiOutputOp({ name: 'expSin', forward, onnx: (g, [x]) => g.node('Exp', [x]) });
    expect(() => exportOnnx((x: Tensor) => short.apply([x])[1], [randn([2])])).toThrow(
      /op 'expSin' cannot be exported: its onnx lowering returned an array of 1 instead of 2 value names/,
    );
  });
});
