import type { Tensor } from '@shinkei/core-tensor';
import { manualSeed, matmul, randn } from '@shinkei/core-tensor';
import { exportOnnx } from '@shinkei/core-tensor/onnx';
import { OrtModel } from '@shinkei/core-tensor/ort';
import { CNN } from '../../cases/registry.js';
import type { Step } from '../../measure.js';
import type { NodeSystem } from '../node-system.js';
import { ortThreads } from './backend.js';
import { shinkeiCnn } from './models.js';
import { packageVersion } from './version.js';

/**
 * shinkei's static-graph path: the computation exported with `exportOnnx` and run in
 * ONNX Runtime through `OrtModel.runSync` (inputs copied in, outputs copied back to
 * shinkei tensors on every call). Inference only.
 */
export function shinkeiOnnxRuntime(): NodeSystem {
  const session = { intraOpNumThreads: ortThreads, interOpNumThreads: 1 };
  manualSeed(0);
  const runStep = (model: OrtModel, inputs: Tensor[]): Step => {
    return () => {
      model.runSync(inputs);
    };
  };
  return {
    version: `onnxruntime-node ${packageVersion('onnxruntime-node')}, @shinkei/core-tensor ${packageVersion('@shinkei/core-tensor')}`,
    threads: `${ortThreads} ONNX Runtime intra-op`,
    cases: {
      gemm: ({ m, k, n }) => {
        const inputs = [randn([m, k]), randn([k, n])];
        const model = OrtModel.fromOnnx(
          exportOnnx((a: Tensor, b: Tensor) => matmul(a, b), inputs),
          session,
        );
        return runStep(model, inputs);
      },
      'cnn-infer': ({ batch }) => {
        const input = randn([batch, 1, CNN.inputSize, CNN.inputSize]);
        const model = OrtModel.fromOnnx(exportOnnx(shinkeiCnn(), [input]), session);
        return runStep(model, [input]);
      },
    },
  };
}
