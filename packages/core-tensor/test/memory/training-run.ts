import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { crossEntropy } from '../../src/index.js';
import type { Module } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Memory after two full collections: V8's heap plus ArrayBuffers (where tensor data lives), and the RSS. */
function memoryAfterGc(): { heap: number; rss: number } {
  collect();
  collect();
  const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
  return { heap: heapUsed + arrayBuffers, rss };
}

/**
 * Train `model` with Adam for 100 warm-up steps, then 400 more, and report how much memory
 * the 400 steps left behind and the losses: a steady run leaves nothing, whatever it allocated.
 */
export function memoryGrowthOfTraining(
  model: Module & { forward(x: Tensor): Tensor },
  x: Tensor,
  y: Tensor,
): { heap: number; rss: number; losses: number[] } {
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const losses: number[] = [];
  const step = (): void => {
    const loss = crossEntropy(model.forward(x), y);
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    losses.push(loss.item());
  };
  for (let i = 0; i < 100; i++) step();
  const before = memoryAfterGc();
  for (let i = 0; i < 400; i++) step();
  const after = memoryAfterGc();
  return { heap: after.heap - before.heap, rss: after.rss - before.rss, losses };
}
