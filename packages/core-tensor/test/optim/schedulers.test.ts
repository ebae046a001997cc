import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/index.js';
import type { AnyOptimizer, LRScheduler } from '../../src/optim/index.js';
import {
  Adagrad,
  Adam,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  ExponentialLR,
  LambdaLR,
  LinearWarmup,
  OneCycleLR,
  SequentialLR,
  SGD,
  StepLR,
} from '../../src/optim/index.js';
import type { SchedulerCase } from './golden.js';
import { golden } from './golden.js';

function optimizerFor(kind: 'adam' | 'sgd'): AnyOptimizer {
  const p = tensor([0], { requiresGrad: true });
  return kind === 'adam' ? new Adam([p], { lr: 0.1 }) : new SGD([p], { lr: 0.1, momentum: 0.9 });
}

function schedulerFor(spec: SchedulerCase, opt: AnyOptimizer): LRScheduler {
  const o = spec.options as Record<string, number> & {
    maxLr: number;
    annealStrategy: 'cos' | 'linear';
    threePhase: boolean;
  };
  switch (spec.kind) {
    case 'StepLR':
      return new StepLR(opt, { stepSize: o.stepSize!, gamma: o.gamma });
    case 'ExponentialLR':
      return new ExponentialLR(opt, { gamma: o.gamma! });
    case 'CosineAnnealingLR':
      return new CosineAnnealingLR(opt, { tMax: o.tMax!, etaMin: o.etaMin });
    case 'CosineAnnealingWarmRestarts':
      return new CosineAnnealingWarmRestarts(opt, { t0: o.t0!, tMult: o.tMult, etaMin: o.etaMin });
    case 'OneCycleLR':
      return new OneCycleLR(opt, o as unknown as ConstructorParameters<typeof OneCycleLR>[1]);
    case 'LinearWarmup+Cosine':
      return new LinearWarmup(opt, {
        warmupSteps: o.warmupSteps!,
        startFactor: o.startFactor,
        after: new CosineAnnealingLR(opt, { tMax: o.tMax! }),
      });
    default:
      throw new Error(`unknown scheduler ${spec.kind}`);
  }
}

function momentumOf(opt: AnyOptimizer): number {
  const g = opt.paramGroups[0]!;
  return 'betas' in g ? (g.betas as number[])[0]! : (g.momentum as number);
}

describe('schedulers match PyTorch (fixtures/optim/golden.json)', () => {
  for (const [name, spec] of Object.entries(golden.schedulers)) {
    it(name, () => {
      const opt = optimizerFor(spec.optimizer ?? 'sgd');
      const scheduler = schedulerFor(spec, opt);
      const lrs: number[] = [];
      const momenta: number[] = [];
      for (let i = 0; i < spec.lr.length; i++) {
        lrs.push(opt.paramGroups[0]!.lr);
        momenta.push(momentumOf(opt));
        opt.step();
        scheduler.step();
      }
      expect(lrs).toBeAllClose(spec.lr, { rtol: 1e-12, atol: 1e-15 });
      expect(momenta).toBeAllClose(spec.momentum, { rtol: 1e-12 });
    });
  }
});

describe('scheduler behaviour', () => {
  it('LambdaLR multiplies the base lr by λ(t), per group', () => {
    const opt = new SGD(
      [{ params: [tensor([0], { requiresGrad: true })], lr: 1 }, { params: [tensor([0], { requiresGrad: true })] }],
      { lr: 0.5 },
    );
    const scheduler = new LambdaLR(opt, { lrLambda: (t) => 1 / (t + 1) });
    scheduler.step();
    expect(scheduler.getLastLr()).toEqual([0.5, 0.25]);
  });

  it('LinearWarmup without a follow-up holds the base lr after warming up', () => {
    const opt = optimizerFor('sgd');
    const warmup = new LinearWarmup(opt, { warmupSteps: 4 });
    const lrs = [opt.paramGroups[0]!.lr];
    for (let i = 0; i < 5; i++) {
      warmup.step();
      lrs.push(opt.paramGroups[0]!.lr);
    }
    expect(lrs).toBeAllClose([0, 0.025, 0.05, 0.075, 0.1, 0.1]);
  });

  it('SequentialLR chains schedulers at milestones', () => {
    const opt = optimizerFor('sgd');
    const a = new ExponentialLR(opt, { gamma: 0.5 });
    const b = new StepLR(opt, { stepSize: 2, gamma: 0.1 });
    const seq = new SequentialLR(opt, { schedulers: [a, b], milestones: [2] });
    const lrs = [opt.paramGroups[0]!.lr];
    for (let i = 0; i < 4; i++) {
      seq.step();
      lrs.push(opt.paramGroups[0]!.lr);
    }
    expect(lrs).toBeAllClose([0.1, 0.05, 0.1, 0.1, 0.01]);
    expect(() => new SequentialLR(opt, { schedulers: [a, b], milestones: [] })).toThrow(
      /2 schedulers need 1 milestones/,
    );
    expect(() => new SequentialLR(optimizerFor('sgd'), { schedulers: [a], milestones: [] })).toThrow(/same optimizer/);
  });

  it('OneCycleLR refuses to step past totalSteps', () => {
    const opt = optimizerFor('sgd');
    const cycle = new OneCycleLR(opt, { maxLr: 1, totalSteps: 2 });
    cycle.step();
    cycle.step();
    expect(() => cycle.step()).toThrow(/past totalSteps 2/);
  });

  it('OneCycleLR needs momentum or betas to cycle, unless told not to', () => {
    const adagrad = (): Adagrad => new Adagrad([tensor([0], { requiresGrad: true })]);
    expect(() => new OneCycleLR(adagrad(), { maxLr: 1, totalSteps: 4 })).toThrow(/neither momentum nor betas/);
    expect(new OneCycleLR(adagrad(), { maxLr: 1, totalSteps: 4, cycleMomentum: false }).getLastLr()).toBeAllClose([
      0.04,
    ]);
  });
});
