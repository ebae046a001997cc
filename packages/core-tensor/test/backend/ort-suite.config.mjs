import { fileURLToPath } from 'node:url';
import { shinkeiPreset } from '@shinkei/vitest-config';
import { defineConfig } from 'vitest/config';

/**
 * The op tests of the ops the `ort` backend accelerates, run on that backend (every size in
 * ONNX Runtime): `npx vitest run --config test/backend/ort-suite.config.mjs`.
 */
const preset = shinkeiPreset();
export default defineConfig({
  ...preset,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    ...preset.test,
    include: [
      'test/core/matmul.test.ts',
      'test/core/reduce.test.ts',
      'test/core/unary.test.ts',
      'test/functional/conv.test.ts',
      'test/functional/pool.test.ts',
      'test/functional/linear-embedding.test.ts',
      'test/functional/torch-golden.test.ts',
      'test/kernels/torch-golden.test.ts',
      'test/nn/*.test.ts',
    ],
    setupFiles: [...preset.test.setupFiles, fileURLToPath(new URL('./ort-setup.ts', import.meta.url))],
    reporters: ['default'],
  },
});
