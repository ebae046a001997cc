import * as tf from '@tensorflow/tfjs-core';
import type { NodeSystem } from '../node-system.js';
import { packageVersion } from '../shinkei/version.js';
import { tfjsCases } from './cases.js';

/**
 * Select a TensorFlow.js backend in production mode (no debug checks, as tfjs recommends
 * for deployment) and return the system that measures it. `@tensorflow/tfjs` is loaded
 * first: its Node bundle registers the gradient functions (and the cpu backend) that
 * tfjs-core's own Node bundle leaves out, so training works as for a tfjs user.
 */
export async function tfjsSystem(backend: 'cpu' | 'wasm', threads: () => string): Promise<NodeSystem> {
  await import('@tensorflow/tfjs');
  tf.enableProdMode();
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js could not initialize its ${backend} backend`);
  await tf.ready();
  return {
    version: `@tensorflow/tfjs ${packageVersion('@tensorflow/tfjs')}, tfjs-backend-${backend} ${packageVersion(`@tensorflow/tfjs-backend-${backend}`)}`,
    threads: threads(),
    cases: tfjsCases,
  };
}
