import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../../src/backend/index.js';
import { crossEntropy, manualSeed, randint, randn } from '../../src/index.js';
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { everything } from '../backend/both.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function memoryAfterGc(): { heap: number; rss: number } {
  collect();
  collect();
  const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
  // tensor data lives in ArrayBuffers, outside V8's heap
  return { heap: heapUsed + arrayBuffers, rss };
}

describe('memory on the ort backend', () => {
  it('a long CNN training run holds a steady JS heap and a steady RSS (no session, buffer or graph leaks)', () => {
    withBackend(
      'ort',
      () => {
        manualSeed(0);
        const model = new Sequential(
          new Conv2d(1, 8, 3),
          new ReLU(),
          new MaxPool2d(3, { stride: 2 }),
          new Conv2d(8, 8, 3),
          new ReLU(),
          new MaxPool2d(2),
          new Flatten(),
          new Linear(8, 10),
        );
        const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
        const x = randn([16, 1, 14, 14]);
        const y = randint(0, 10, [16]);
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
        // every op runs in ONNX Runtime here: a leaked native buffer of even 100 kB per step would add 40 MB
        expect(after.heap - before.heap).toBeLessThan(2 * 1024 * 1024);
        expect(after.rss - before.rss).toBeLessThan(24 * 1024 * 1024);
        expect(losses.at(-1)!).toBeLessThan(losses[0]!);
      },
      everything,
    );
  });
});
