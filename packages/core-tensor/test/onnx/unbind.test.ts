/**
 * unbind lowers to one Split and a Squeeze per slice (opset 17): exported graphs run in
 * ONNX Runtime with the eager results, including a recurrence over the slices with a
 * dynamic batch.
 */
import type {} from '@shinkei/vitest-config/matchers';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../../src/onnx/index.js';
import { stack, unbind } from '../../src/ops/indexing/index.js';
import { OrtModel } from '../../src/ort/index.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';

/** x_k = sin(0.7·k + 0.3) over the flat index k, float32. */
function sample(shape: readonly number[]): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return tensor(
    Float32Array.from({ length: n }, (_, k) => Math.sin(0.7 * k + 0.3)),
    { shape },
  );
}

const W = sample([3, 3]).mul(0.8);

/** hₜ = tanh(xₜ + hₜ₋₁ W) over the time dim 1 of x [B, T, 3], all hₜ stacked back to [B, T, 3]. */
function recurrence(x: Tensor): Tensor {
  const steps = unbind(x, 1);
  const states: Tensor[] = [];
  let h = steps[0]!.tanh();
  for (const xt of steps) {
    h = xt.add(h.matmul(W)).tanh();
    states.push(h);
  }
  return stack(states, 1);
}

describe('unbind in ONNX Runtime', () => {
  it.each([0, 1, -1])('every slice along dim %i, and a combination of some', (dim) => {
    const f = (x: Tensor): Tensor[] => {
      const slices = unbind(x, dim);
      return [...slices, slices[0]!.mul(slices[slices.length - 1]!).sub(slices[1]!)];
    };
    const x = sample([3, 4, 5]);
    const eager = f(x);
    const outputs = OrtModel.fromModule(f, [x]).runSync([x]);
    expect(outputs.length).toBe(eager.length);
    eager.forEach((e, i) => {
      expect(outputs[i]!.shape).toEqual(e.shape);
      expect(outputs[i]!).toBeAllClose(e, { rtol: 1e-6, atol: 1e-6 });
    });
  });

  it('is one Split and one Squeeze per slice', () => {
    const graph = onnxProto.onnx.ModelProto.decode(exportOnnx((x: Tensor) => unbind(x, 1), [sample([2, 4, 3])])).graph!;
    const types = graph.node!.map((n) => n.opType);
    expect(types.filter((t) => t === 'Split')).toHaveLength(1);
    expect(types.filter((t) => t === 'Squeeze')).toHaveLength(4);
    expect(graph.node!.find((n) => n.opType === 'Split')!.output).toHaveLength(4);
  });

  it('a recurrence over the slices keeps the batch dim dynamic', () => {
    const model = OrtModel.fromModule(recurrence, [sample([2, 5, 3])], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
    for (const batch of [2, 7]) {
      const x = sample([batch, 5, 3]).mul(-0.7);
      expect(model.runSync([x])[0]!).toBeAllClose(recurrence(x), { rtol: 1e-5, atol: 1e-6 });
    }
  });
});
