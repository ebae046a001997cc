import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { crossEntropy, manualSeed, randint, randn } from '../../src/index.js';
import { Linear, ReLU, Sequential } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  collect();
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  // tensor data lives in ArrayBuffers, outside V8's heap
  return heapUsed + arrayBuffers;
}

describe('memory', () => {
  it('a long training run holds a steady heap (no graph or cache keeps tensors alive)', () => {
    manualSeed(0);
    const model = new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10));
    const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
    const x = randn([64, 64]);
    const y = randint(0, 10, [64]);
    const losses: number[] = [];
    const step = (): void => {
      const loss = crossEntropy(model.forward(x), y);
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
      losses.push(loss.item());
    };
    for (let i = 0; i < 100; i++) step();
    const before = heapAfterGc();
    for (let i = 0; i < 400; i++) step();
    const after = heapAfterGc();
    // 400 more steps allocate ~100 MB of temporaries; what survives must not grow with them
    expect(after - before).toBeLessThan(2 * 1024 * 1024);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
  });
});
