import { describe, expect, it } from 'vitest';
import { manualSeed, randint, randn } from '../../src/index.js';
import { Linear, ReLU, Sequential } from '../../src/nn/index.js';
import { memoryGrowthOfTraining } from './training-run.js';

describe('memory', () => {
  it('a long training run holds a steady heap (no graph or cache keeps tensors alive)', () => {
    manualSeed(0);
    const model = new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10));
    const growth = memoryGrowthOfTraining(model, randn([64, 64]), randint(0, 10, [64]));
    // 400 more steps allocate ~100 MB of temporaries; what survives must not grow with them
    expect(growth.heap).toBeLessThan(2 * 1024 * 1024);
    expect(growth.losses.at(-1)!).toBeLessThan(growth.losses[0]!);
  });
});
