import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { crossEntropy, manualSeed, mseLoss, randint, randn } from '../../src/index.js';
import type { Module } from '../../src/nn/index.js';
import {
  BatchNorm1d,
  Conv2d,
  Dropout,
  Flatten,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
  Tanh,
} from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { compileValueAndGrad } from '../../src/ort/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';

type Model = Module & { forward(x: Tensor): Tensor };
const close = { rtol: 1e-4, atol: 1e-6 };

/** Loss and every parameter's gradient from the eager `loss.backward()`. */
function eager(model: Model, loss: () => Tensor): { loss: Tensor; grads: Tensor[] } {
  for (const p of model.parameters()) p.grad = null;
  const l = loss();
  l.backward();
  return { loss: l.detach(), grads: model.parameters().map((p) => p.grad!) };
}

function compiledGrads(model: Model): Tensor[] {
  return model.parameters().map((p) => p.grad!);
}

describe('compileValueAndGrad: forward and backward as one ONNX Runtime call', () => {
  it('an MLP: the same loss and gradients as loss.backward()', () => {
    manualSeed(1);
    const model = new Sequential(new Linear(12, 32), new Tanh(), new Linear(32, 16), new ReLU(), new Linear(16, 4));
    const x = randn([24, 12]);
    const y = randint(0, 4, [24]);
    const lossFn = (xs: Tensor, ys: Tensor): Tensor => crossEntropy(model.forward(xs), ys);
    const reference = eager(model, () => lossFn(x, y));
    for (const p of model.parameters()) p.grad = null;
    const loss = compileValueAndGrad(model, lossFn)(x, y);
    expect(loss.requiresGrad).toBe(false);
    expect(loss).toBeAllClose(reference.loss, close);
    compiledGrads(model).forEach((g, i) => {
      expect(g).toBeAllClose(reference.grads[i]!, close);
    });
  });

  it('a CNN (conv, ReLU, max pooling, linear): the same gradients, at two batch sizes (one graph each)', () => {
    manualSeed(2);
    const model = new Sequential(
      new Conv2d(1, 4, 3),
      new ReLU(),
      new MaxPool2d(2),
      new Conv2d(4, 6, 3, { padding: 1 }),
      new ReLU(),
      new Flatten(),
      new Linear(6 * 5 * 5, 3),
    );
    const lossFn = (xs: Tensor, ys: Tensor): Tensor => crossEntropy(model.forward(xs), ys);
    const valueAndGrad = compileValueAndGrad(model, lossFn);
    for (const batch of [8, 3]) {
      const x = randn([batch, 1, 12, 12]);
      const y = randint(0, 3, [batch]);
      const reference = eager(model, () => lossFn(x, y));
      for (const p of model.parameters()) p.grad = null;
      expect(valueAndGrad(x, y)).toBeAllClose(reference.loss, close);
      compiledGrads(model).forEach((g, i) => {
        expect(g).toBeAllClose(reference.grads[i]!, close);
      });
    }
    expect(valueAndGrad.graphs).toBe(2);
  });

  it('gradients accumulate into .grad, as loss.backward() does', () => {
    manualSeed(3);
    const model = new Sequential(new Linear(3, 2));
    const x = randn([5, 3]);
    const t = randn([5, 2]);
    const valueAndGrad = compileValueAndGrad(model, (xs, ts) => mseLoss(model.forward(xs), ts));
    valueAndGrad(x, t);
    const once = model.parameters().map((p) => p.grad!.clone());
    valueAndGrad(x, t);
    model.parameters().forEach((p, i) => {
      expect(p.grad!).toBeAllClose(once[i]!.mul(2), close);
    });
  });

  it('trains with the eager optimizer: the same trajectory as eager steps', () => {
    const run = (compiled: boolean): number[] => {
      manualSeed(4);
      const model = new Sequential(new Linear(8, 16), new ReLU(), new Linear(16, 3));
      const optimizer = new Adam(model.parameters(), { lr: 1e-2 });
      const x = randn([32, 8]);
      const y = randint(0, 3, [32]);
      const lossFn = (xs: Tensor, ys: Tensor): Tensor => crossEntropy(model.forward(xs), ys);
      const valueAndGrad = compileValueAndGrad(model, lossFn);
      const losses: number[] = [];
      for (let step = 0; step < 30; step++) {
        optimizer.zeroGrad();
        if (compiled) losses.push(valueAndGrad(x, y).item());
        else {
          const loss = lossFn(x, y);
          loss.backward();
          losses.push(loss.item());
        }
        optimizer.step();
      }
      return losses;
    };
    const eagerLosses = run(false);
    const compiledLosses = run(true);
    compiledLosses.forEach((l, i) => {
      expect(l).toBeCloseTo(eagerLosses[i]!, 4);
    });
    expect(compiledLosses.at(-1)!).toBeLessThan(compiledLosses[0]! * 0.5);
  });

  it('frozen parameters get no gradient and stay graph inputs (their later values are used)', () => {
    manualSeed(5);
    const first = new Linear(4, 4);
    const model = new Sequential(first, new ReLU(), new Linear(4, 2));
    for (const p of first.parameters()) p.requiresGrad = false;
    const x = randn([6, 4]);
    const t = randn([6, 2]);
    const lossFn = (xs: Tensor, ts: Tensor): Tensor => mseLoss(model.forward(xs), ts);
    const valueAndGrad = compileValueAndGrad(model, lossFn);
    valueAndGrad(x, t);
    expect(first.weight.grad).toBeNull();
    first.weight.data.fill(0.5);
    for (const p of model.parameters()) p.grad = null;
    expect(valueAndGrad(x, t)).toBeAllClose(lossFn(x, t).detach(), close);
  });

  it('freezing a parameter after compiling builds a new graph, which gives it no gradient', () => {
    manualSeed(6);
    const first = new Linear(3, 3);
    const model = new Sequential(first, new Tanh(), new Linear(3, 1));
    const x = randn([5, 3]);
    const t = randn([5, 1]);
    const valueAndGrad = compileValueAndGrad(model, (xs, ts) => mseLoss(model.forward(xs), ts));
    valueAndGrad(x, t);
    expect(first.weight.grad).not.toBeNull();
    for (const p of model.parameters()) p.grad = null;
    first.weight.requiresGrad = false;
    valueAndGrad(x, t);
    expect(first.weight.grad).toBeNull();
    expect(first.bias!.grad).not.toBeNull();
    expect(valueAndGrad.graphs).toBe(2);
    for (const p of model.parameters()) p.requiresGrad = false;
    expect(() => valueAndGrad(x, t)).toThrow(/no parameter that requires grad/);
  });

  it('buffers are graph inputs: eval-mode BatchNorm follows running statistics loaded after compiling', () => {
    manualSeed(7);
    const norm = new BatchNorm1d(4);
    const model = new Sequential(new Linear(3, 4), norm, new ReLU(), new Linear(4, 2));
    norm.eval();
    const x = randn([6, 3]);
    const t = randn([6, 2]);
    const lossFn = (xs: Tensor, ts: Tensor): Tensor => mseLoss(model.forward(xs), ts);
    const valueAndGrad = compileValueAndGrad(model, lossFn);
    valueAndGrad(x, t);
    norm.runningMean!.copy_(randn([4]));
    norm.runningVar!.copy_(randn([4]).abs().add(0.5));
    const reference = eager(model, () => lossFn(x, t));
    for (const p of model.parameters()) p.grad = null;
    expect(valueAndGrad(x, t)).toBeAllClose(reference.loss, close);
    compiledGrads(model).forEach((g, i) => {
      expect(g).toBeAllClose(reference.grads[i]!, close);
    });
    expect(valueAndGrad.graphs).toBe(1);
  });

  it('switching a module between train and eval compiles anew', () => {
    manualSeed(8);
    const dropout = new Dropout(0);
    const model = new Sequential(new Linear(3, 3), dropout, new Linear(3, 1));
    model.eval();
    const x = randn([4, 3]);
    const t = randn([4, 1]);
    const valueAndGrad = compileValueAndGrad(model, (xs, ts) => mseLoss(model.forward(xs), ts));
    valueAndGrad(x, t);
    dropout.train();
    valueAndGrad(x, t);
    expect(valueAndGrad.graphs).toBe(2);
  });

  it('refuses what a static graph would get wrong, naming it', () => {
    const dropout = new Sequential(new Linear(3, 3), new Dropout(0.5), new Linear(3, 1));
    const x = randn([4, 3]);
    const t = randn([4, 1]);
    expect(() => compileValueAndGrad(dropout, (xs, ts) => mseLoss(dropout.forward(xs), ts))(x, t)).toThrow(
      /Dropout '1' draws a fresh random mask every step/,
    );
    const norm = new Sequential(new Linear(3, 3), new BatchNorm1d(3), new Linear(3, 1));
    expect(() => compileValueAndGrad(norm, (xs, ts) => mseLoss(norm.forward(xs), ts))(x, t)).toThrow(
      /BatchNorm1d '1' updates its running statistics in place/,
    );
    const linear = new Linear(3, 1);
    const branchy = (xs: Tensor, ts: Tensor): Tensor => {
      const y = linear.forward(xs);
      return y.sum().item() > 0 ? mseLoss(y, ts) : mseLoss(y.neg(), ts);
    };
    expect(() => compileValueAndGrad(linear, branchy)(x, t)).toThrow(
      /^compileValueAndGrad: the function reads the values of a traced tensor with item\(\).*data-dependent control flow/,
    );
    expect(() => compileValueAndGrad(linear, (xs) => linear.forward(xs))(x)).toThrow(
      /the loss function must return a scalar tensor, got shape \[4,1\]/,
    );
  });
});
