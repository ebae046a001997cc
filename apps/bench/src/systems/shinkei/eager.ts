import type { BackendName } from '@shinkei/core-tensor';
import { manualSeed, matmul, noGrad, randn } from '@shinkei/core-tensor';
import { CNN } from '../../cases/registry.js';
import type { NodeSystem } from '../node-system.js';
import { ortThreads, selectBackend } from './backend.js';
import { shinkeiCnn } from './models.js';
import { eagerTrainStep } from './train-step.js';
import { trainingCases } from './training-problems.js';
import { shinkeiVersions } from './version.js';

/**
 * shinkei's eager engine on one backend: every case through the public API (tensors,
 * nn modules, optimizers), as a user would write it. Throws when the backend is missing.
 */
export function shinkeiEager(backend: BackendName): NodeSystem {
  const unavailable = selectBackend(backend);
  if (unavailable !== undefined) throw new Error(unavailable);
  manualSeed(0);
  return {
    version: shinkeiVersions(),
    threads: backend === 'js' ? '1 (JS main thread)' : `1 JS + ${ortThreads} ONNX Runtime intra-op`,
    cases: {
      gemm: ({ m, k, n }) => {
        const a = randn([m, k]);
        const b = randn([k, n]);
        return () => {
          matmul(a, b);
        };
      },
      ...trainingCases(eagerTrainStep),
      'cnn-infer': ({ batch }) => {
        const model = shinkeiCnn().eval();
        const input = randn([batch, 1, CNN.inputSize, CNN.inputSize]);
        return () => {
          noGrad(() => model.call(input));
        };
      },
    },
  };
}
