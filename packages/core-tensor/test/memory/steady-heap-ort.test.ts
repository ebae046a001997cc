import { describe, expect, it } from 'vitest';
import { withBackend } from '../../src/backend/index.js';
import { manualSeed, randint, randn } from '../../src/index.js';
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '../../src/nn/index.js';
import { everything } from '../backend/both.js';
import { memoryGrowthOfTraining } from './training-run.js';

describe('memory on the ort backend', () => {
  it('a long CNN training run holds a steady JS heap and a steady RSS (no session, buffer or graph leaks)', () => {
    const growth = withBackend(
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
        return memoryGrowthOfTraining(model, randn([16, 1, 14, 14]), randint(0, 10, [16]));
      },
      everything,
    );
    // every op runs in ONNX Runtime here: a leaked native buffer of even 100 kB per step would add 40 MB
    expect(growth.heap).toBeLessThan(2 * 1024 * 1024);
    expect(growth.rss).toBeLessThan(24 * 1024 * 1024);
    expect(growth.losses.at(-1)!).toBeLessThan(growth.losses[0]!);
  });
});
