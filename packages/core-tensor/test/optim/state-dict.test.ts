import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { Generator, randn, tensor } from '../../src/index.js';
import type { StateDict } from '../../src/nn/index.js';
import { Linear, Sequential, Tanh } from '../../src/nn/index.js';
import type { AnyOptimizer, OptimizerStateDict, SchedulerStateDict } from '../../src/optim/index.js';
import { Adam, AdamW, CosineAnnealingLR, LinearWarmup, RMSprop, SGD } from '../../src/optim/index.js';

const x = randn([16, 4], { generator: new Generator(1) });
const y = randn([16, 2], { generator: new Generator(2) });

function setup(makeOptimizer: (params: Tensor[]) => AnyOptimizer) {
  const model = new Sequential(
    new Linear(4, 8, { generator: new Generator(3) }),
    new Tanh(),
    new Linear(8, 2, { generator: new Generator(4) }),
  );
  const optimizer = makeOptimizer(model.parameters());
  const scheduler = new LinearWarmup(optimizer, {
    warmupSteps: 3,
    startFactor: 0.1,
    after: new CosineAnnealingLR(optimizer, { tMax: 10 }),
  });
  const train = (steps: number): void => {
    for (let i = 0; i < steps; i++) {
      optimizer.zeroGrad();
      model.call(x).sub(y).square().mean().backward();
      optimizer.step();
      scheduler.step();
    }
  };
  return { model, optimizer, scheduler, train };
}

const optimizers: Record<string, (params: Tensor[]) => AnyOptimizer> = {
  'SGD with Nesterov momentum': (p) => new SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }),
  'Adam with AMSGrad': (p) => new Adam(p, { lr: 0.01, amsgrad: true }),
  AdamW: (p) => new AdamW(p, { lr: 0.01 }),
  'centered RMSprop with momentum': (p) => new RMSprop(p, { lr: 0.01, centered: true, momentum: 0.5 }),
};

describe('optimizer + model state dicts resume training bit for bit', () => {
  for (const [name, makeOptimizer] of Object.entries(optimizers)) {
    it(name, () => {
      const straight = setup(makeOptimizer);
      straight.train(10);

      const first = setup(makeOptimizer);
      first.train(5);
      const saved: { model: StateDict; optimizer: OptimizerStateDict; scheduler: SchedulerStateDict } = {
        model: first.model.stateDict(),
        optimizer: first.optimizer.stateDict(),
        scheduler: first.scheduler.stateDict(),
      };
      first.train(3); // training on must not change what was saved

      const resumed = setup(makeOptimizer);
      resumed.model.loadStateDict(saved.model);
      resumed.optimizer.loadStateDict(saved.optimizer);
      resumed.scheduler.loadStateDict(saved.scheduler);
      resumed.train(5);

      for (const [key, value] of Object.entries(straight.model.stateDict())) {
        expect(Array.from(resumed.model.stateDict()[key]!.data), key).toEqual(Array.from(value.data));
      }
      expect(resumed.optimizer.paramGroups[0]!.lr).toBe(straight.optimizer.paramGroups[0]!.lr);
    });
  }
});

describe('optimizer state dict', () => {
  it('holds copies of the moment buffers and the hyperparameters, PyTorch-style', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const opt = new Adam([w], { lr: 0.5 });
    w.square().sum().backward();
    opt.step();
    const sd = opt.stateDict();
    expect(sd.paramGroups).toEqual([
      { lr: 0.5, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, params: [0] },
    ]);
    expect(Object.keys(sd.state[0]!)).toEqual(['step', 'expAvg', 'expAvgSq']);
    expect(sd.state[0]!.step).toBe(1);
    const expAvg = sd.state[0]!.expAvg as Tensor;
    expect(expAvg.shape).toEqual([2]);
    const before = Array.from(expAvg.data);
    opt.step();
    expect(Array.from(expAvg.data)).toEqual(before);
  });

  it('refuses a state dict of another optimizer or shape', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const adam = new Adam([w]);
    w.sum().backward();
    adam.step();
    const sgd = new SGD([w], { lr: 0.1, momentum: 0.9 });
    expect(() => sgd.loadStateDict(adam.stateDict())).toThrow(/unknown state 'step'/);
    const other = new Adam([tensor([1, 2, 3], { requiresGrad: true })]);
    expect(() => other.loadStateDict(adam.stateDict())).toThrow(
      /state 'expAvg' of parameter 0 has shape \[2\], the parameter \[3\]/,
    );
    const two = new Adam([tensor([1], { requiresGrad: true }), tensor([1], { requiresGrad: true })]);
    expect(() => two.loadStateDict(adam.stateDict())).toThrow(
      /group 0 has 1 parameters in the state dict, 2 in the optimizer/,
    );
  });
});
