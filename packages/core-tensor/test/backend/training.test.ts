import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import type { Module } from '../../src/nn/index.js';
import { Conv2d, CrossEntropyLoss, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { manualSeed } from '../../src/random/generator.js';
import { randint, randn } from '../../src/random/sample.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { onBothBackends } from './both.js';

type Model = Module & { forward(x: Tensor): Tensor };

/** Losses of `steps` Adam steps on a fixed batch, and the trained parameters, from a seeded model. */
function trajectory(makeModel: () => Model, xShape: number[], steps: number): () => Tensor[] {
  return () => {
    manualSeed(11);
    const model = makeModel();
    const x = randn(xShape);
    const y = randint(0, 10, [xShape[0]!]);
    const optimizer = new Adam(model.parameters(), { lr: 1e-2 });
    const lossFn = new CrossEntropyLoss();
    const losses: number[] = [];
    for (let step = 0; step < steps; step++) {
      optimizer.zeroGrad();
      const loss = lossFn.forward(model.forward(x), y);
      loss.backward();
      optimizer.step();
      losses.push(loss.item());
    }
    return [tensor(losses), ...model.parameters()];
  };
}

function expectSameWeights(js: readonly Tensor[], ort: readonly Tensor[]): void {
  for (const [i, p] of js.entries()) expect(ort[i]!).toBeAllClose(p, { rtol: 1e-4, atol: 1e-5 });
}

describe('ort backend: whole training steps', () => {
  it('an MLP follows the same loss trajectory and reaches the same weights as on js', () => {
    const mlp = (): Model =>
      new Sequential(new Linear(20, 32), new ReLU(), new Linear(32, 32), new ReLU(), new Linear(32, 10));
    const { js, ort, ortCalls } = onBothBackends(trajectory(mlp, [16, 20], 5));
    expect(ort[0]!).toBeAllClose(js[0]!, { rtol: 1e-4 });
    expectSameWeights(js.slice(1), ort.slice(1));
    expect(ortCalls.matmul).toBeGreaterThan(0);
  });

  it('a small CNN follows the same loss trajectory and reaches the same weights as on js', () => {
    const cnn = (): Model =>
      new Sequential(
        new Conv2d(1, 4, 3),
        new ReLU(),
        new MaxPool2d(3, { stride: 2 }), // ONNX Runtime's MaxPool
        new Conv2d(4, 8, 3),
        new ReLU(),
        new MaxPool2d(2), // JS's 2×2 kernel: faster than ONNX Runtime's
        new Flatten(),
        new Linear(8, 10),
      );
    const { js, ort, ortCalls } = onBothBackends(trajectory(cnn, [8, 1, 14, 14], 5));
    expect(ort[0]!).toBeAllClose(js[0]!, { rtol: 1e-4 });
    expectSameWeights(js.slice(1), ort.slice(1));
    expect(ortCalls.conv2d).toBeGreaterThan(0);
    expect(ortCalls.conv2dBackwardWeight).toBeGreaterThan(0);
    expect(ortCalls.maxPool2d).toBeGreaterThan(0);
  });
});
