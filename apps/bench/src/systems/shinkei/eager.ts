import type { BackendName } from '@shinkei/core-tensor';
import { manualSeed, matmul, noGrad, randint, randn } from '@shinkei/core-tensor';
import { CNN, MLP_LAYERS } from '../../cases/registry.js';
import type { NodeSystem } from '../node-system.js';
import { ortThreads, selectBackend } from './backend.js';
import { shinkeiCnn, shinkeiMlp } from './models.js';
import { shinkeiTrainStep } from './train-step.js';
import { packageVersion } from './version.js';

const { inputSize, classes } = CNN;

/**
 * shinkei's eager engine on one backend: every case through the public API (tensors,
 * nn modules, optimizers), as a user would write it. Throws when the backend is missing.
 */
export function shinkeiEager(backend: BackendName): NodeSystem {
  const unavailable = selectBackend(backend);
  if (unavailable !== undefined) throw new Error(unavailable);
  manualSeed(0);
  return {
    version: `@shinkei/core-tensor ${packageVersion('@shinkei/core-tensor')}`,
    threads: backend === 'js' ? '1 (JS main thread)' : `1 JS + ${ortThreads} ONNX Runtime intra-op`,
    cases: {
      gemm: ({ m, k, n }) => {
        const a = randn([m, k]);
        const b = randn([k, n]);
        return () => {
          matmul(a, b);
        };
      },
      'mlp-train': (params) =>
        shinkeiTrainStep(
          shinkeiMlp(),
          randn([params.batch, MLP_LAYERS[0]]),
          randint(0, MLP_LAYERS[3], [params.batch]),
          params,
        ),
      'cnn-train': (params) =>
        shinkeiTrainStep(
          shinkeiCnn(),
          randn([params.batch, 1, inputSize, inputSize]),
          randint(0, classes, [params.batch]),
          params,
        ),
      'cnn-infer': ({ batch }) => {
        const model = shinkeiCnn().eval();
        const input = randn([batch, 1, inputSize, inputSize]);
        return () => {
          noGrad(() => model.call(input));
        };
      },
    },
  };
}
