import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import * as T from '../../src/index.js';
import { exportOnnx, TraceError } from '../../src/onnx/index.js';
import { OrtModel } from '../../src/ort/index.js';

T.manualSeed(21);
const W = T.randn([4, 3]);
const b = T.randn([3]);

describe('ONNX export and ONNX Runtime parity', () => {
  it('a function of tensors runs in ORT with the same outputs, at another batch size', () => {
    const f = (x: T.Tensor): T.Tensor => x.matmul(W).add(b).relu().softmax(1).mul(2).sub(x.sum(1, true).sigmoid());
    const model = OrtModel.fromModule(f, [T.randn([2, 4])], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
    for (const batch of [2, 5]) {
      const x = T.randn([batch, 4]);
      expect(model.runSync([x])[0]!).toBeAllClose(f(x), { rtol: 1e-4, atol: 1e-6 });
    }
  });

  it('elementwise, reductions and shape ops', async () => {
    const f = (x: T.Tensor, y: T.Tensor): T.Tensor[] => [
      x.exp().log1p().sqrt().tanh().add(y.abs().clamp(0.1, 2).reciprocal()),
      x.reshape([3, 2, 2]).permute(2, 0, 1).amax(1),
      T.where(x.gt(0), x, y.neg()).logSoftmax(0).mean(1, true),
      x.var(1).add(y.std(0).sum()).pow(2),
      x.argmax(1),
      x.gelu().silu().softplus().erf().expand([2, 3, 4]).sum([0, 2]),
    ];
    const x = T.randn([3, 4]);
    const y = T.randn([3, 4]);
    const model = OrtModel.fromModule(f, [x, y]);
    const eager = f(x, y);
    const sync = model.runSync([x, y]);
    const viaAsync = await model.run({ input_0: x, input_1: y });
    eager.forEach((e, i) => {
      expect(sync[i]!).toBeAllClose(e, { rtol: 1e-4, atol: 1e-5 });
      expect(viaAsync[i]!).toBeAllClose(e, { rtol: 1e-4, atol: 1e-5 });
    });
    expect(sync[4]!.dtype).toBe('int32');
  });

  it('writes parameters as named initializers and folds constants', () => {
    const module = {
      weight: W,
      training: true,
      forward(x: T.Tensor) {
        return x.matmul(this.weight.mul(2));
      },
      *namedParameters(): Iterable<[string, T.Tensor]> {
        yield ['weight', this.weight];
      },
    };
    const graph = onnxProto.onnx.ModelProto.decode(exportOnnx(module, [T.randn([1, 4])])).graph!;
    expect(graph.node!.map((n) => n.opType)).toEqual(['MatMul', 'Identity']); // W·2 folded into one constant
    expect(graph.initializer!.map((i) => i.name)).toEqual(['const_0']);
    const direct = onnxProto.onnx.ModelProto.decode(exportOnnx(module, [T.randn([1, 4])])).graph!;
    expect(direct.input!.map((i) => i.name)).toEqual(['input']);
  });

  it('refuses data-dependent control flow with a clear error', () => {
    const f = (x: T.Tensor): T.Tensor => (x.sum().item() > 0 ? x : x.neg());
    expect(() => exportOnnx(f, [T.randn([3])])).toThrow(TraceError);
    expect(() => exportOnnx(f, [T.randn([3])])).toThrow(/reads the values of a traced tensor with item\(\)/);
  });
});
