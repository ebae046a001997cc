import type { Tensor } from '@shinkei/core-tensor';
import { manualSeed, matmul, randn } from '@shinkei/core-tensor';
import { exportOnnx } from '@shinkei/core-tensor/onnx';
import { OrtModel } from '@shinkei/core-tensor/ort';
import { CNN, cases } from '../../cases/registry.js';
import type { Step } from '../../measure.js';
import type { NodeSystem } from '../node-system.js';
import { ortSessionOptions, ortThreads } from './backend.js';
import { shinkeiCnn } from './models.js';
import { compiledTrainStep } from './train-step.js';
import { type TrainingCaseId, trainingCases } from './training-problems.js';
import { packageVersion, shinkeiVersions } from './version.js';

function runStep(model: OrtModel, inputs: Tensor[]): Step {
  return () => {
    model.runSync(inputs);
  };
}

const OPTIMIZER_NAMES = { sgd: 'SGD', adam: 'Adam' } as const;

/** "MLP training step (Adam)": a training variant as the report names it. */
function variantName(caseId: TrainingCaseId, optimizer: keyof typeof OPTIMIZER_NAMES): string {
  return `${cases.find((c) => c.id === caseId)?.title ?? caseId} (${OPTIMIZER_NAMES[optimizer]})`;
}

/**
 * shinkei's static-graph (define-then-run) path, every case as ONNX graphs run by ONNX
 * Runtime with the ort backend's session settings. Training steps: forward and backward
 * traced into one graph by `compileValueAndGrad`, which fills each parameter's `.grad`, and
 * the eager optimizer steps in JS. GEMM and inference: the computation exported with
 * `exportOnnx` and run with `OrtModel.runSync` (inputs copied in, outputs copied back to
 * shinkei tensors on every call). A training step's first call traces and creates the
 * session: it falls in the warm-up, and its time is reported as a note.
 */
export function shinkeiStaticGraph(): NodeSystem {
  manualSeed(0);
  const firstCalls: string[] = [];
  const training = trainingCases((problem, caseId) =>
    compiledTrainStep(problem, { session: ortSessionOptions }, (ms) => {
      firstCalls.push(`${variantName(caseId, problem.params.optimizer)} ${(ms / 1000).toFixed(2)} s`);
    }),
  );
  return {
    version: `onnxruntime-node ${packageVersion('onnxruntime-node')}, ${shinkeiVersions()}`,
    threads: `1 JS + ${ortThreads} ONNX Runtime intra-op`,
    notes: () => [
      'training steps run forward and backward as one ONNX graph (`compileValueAndGrad`) with the optimizer in JS; GEMM and CNN inference run the graph `exportOnnx` writes (`OrtModel.runSync`)',
      ...(firstCalls.length === 0
        ? []
        : [
            `one-time compile cost, the first call of each training step (trace forward and backward, create the ONNX Runtime session, run once), untimed in the warm-up: ${firstCalls.join('; ')}`,
          ]),
    ],
    cases: {
      gemm: ({ m, k, n }) => {
        const inputs = [randn([m, k]), randn([k, n])];
        const model = OrtModel.fromOnnx(
          exportOnnx((a: Tensor, b: Tensor) => matmul(a, b), inputs),
          ortSessionOptions,
        );
        return runStep(model, inputs);
      },
      ...training,
      'cnn-infer': ({ batch }) => {
        const input = randn([batch, 1, CNN.inputSize, CNN.inputSize]);
        const model = OrtModel.fromOnnx(exportOnnx(shinkeiCnn(), [input]), ortSessionOptions);
        return runStep(model, [input]);
      },
    },
  };
}
