import type { NodeSystem } from '../node-system.js';
import { tfjsSystem } from './setup.js';

/** TensorFlow.js's plain-JavaScript cpu backend (single-threaded). */
export async function tfjsCpu(): Promise<NodeSystem> {
  await import('@tensorflow/tfjs-backend-cpu');
  return tfjsSystem('cpu', () => '1 (JS main thread)');
}
