import type { Tensor } from '@shinkei/core-tensor';
import { Generator } from '@shinkei/core-tensor';
import { loadDigits } from '@shinkei/core-tensor/data';
import type { AnyOptimizer } from '@shinkei/core-tensor/optim';
import { Adam, AdamW, CosineAnnealingLR, LinearWarmup, SGD } from '@shinkei/core-tensor/optim';
import { MLP } from '../mlp/mlp.js';
import { train } from '../mlp/train.js';
import { minimize } from '../optimization/minimize.js';
import { rosenbrock } from '../optimization/rosenbrock.js';
import { bySize, fmt, oneTo, percent, runContext } from './context.js';
import type { ExperimentOptions, ExperimentResult, PerceptronExperiment, Series } from './types.js';

const sizes = {
  quick: { rosenbrockSteps: 3000, epochs: 8, scheduleEpochs: 4, scheduleSeeds: 1, hidden: 64 },
  default: { rosenbrockSteps: 3000, epochs: 20, scheduleEpochs: 10, scheduleSeeds: 2, hidden: 128 },
  full: { rosenbrockSteps: 10000, epochs: 60, scheduleEpochs: 30, scheduleSeeds: 5, hidden: 256 },
};

const START = [-1.2, 1] as const;
const BATCH = 32;
/** Peak lr of the schedule comparison: high enough that training at a constant lr is unstable. */
const SCHEDULE_LR = 0.5;
const WARMUP_SHARE = 0.1;

/** The optimizers of chapter 6.1.4 with the learning rates used on each problem. */
const OPTIMIZERS: readonly {
  name: string;
  rosenbrockLr: number;
  digitsLr: number;
  make(params: Tensor[], lr: number): AnyOptimizer;
}[] = [
  { name: 'SGD', rosenbrockLr: 1e-3, digitsLr: 0.1, make: (p, lr) => new SGD(p, { lr }) },
  { name: 'momentum 0.9', rosenbrockLr: 1e-3, digitsLr: 0.1, make: (p, lr) => new SGD(p, { lr, momentum: 0.9 }) },
  {
    name: 'Nesterov 0.9',
    rosenbrockLr: 1e-3,
    digitsLr: 0.1,
    make: (p, lr) => new SGD(p, { lr, momentum: 0.9, nesterov: true }),
  },
  { name: 'Adam', rosenbrockLr: 2e-2, digitsLr: 3e-3, make: (p, lr) => new Adam(p, { lr }) },
  {
    name: 'AdamW (λ=0.01)',
    rosenbrockLr: 2e-2,
    digitsLr: 3e-3,
    make: (p, lr) => new AdamW(p, { lr, weightDecay: 1e-2 }),
  },
];

/** Every k-th point (and the last), so long curves stay light. */
function thinned(name: string, values: readonly number[], most = 400): Series {
  const stride = Math.max(1, Math.ceil(values.length / most));
  const kept = values.map((v, i) => ({ i, v })).filter(({ i }) => i % stride === 0 || i === values.length - 1);
  return { name, x: kept.map((p) => p.i), y: kept.map((p) => p.v) };
}

/**
 * The optimizers of chapter 6.1.4 on two problems. (a) The Rosenbrock valley from
 * (−1.2, 1): at the same lr, momentum and Nesterov move along the curved valley where plain
 * SGD crawls; Adam's per-coordinate step sizes reach the minimum (1, 1). (b) An MLP on the
 * 8×8 digits: loss curves and test accuracy of each. (c) SGD with momentum at a high peak lr:
 * a linear warm-up followed by cosine annealing against a constant lr.
 */
export function optimizers(options?: ExperimentOptions): ExperimentResult {
  const ctx = runContext(options);
  const s = bySize(ctx.size, sizes);
  const total = OPTIMIZERS.length * 2 + s.scheduleSeeds * 2;
  let done = 0;
  const tick = (label: string): void => ctx.progress(done++ / total, label);

  const valleys = OPTIMIZERS.map((o) => {
    tick(`Rosenbrock · ${o.name}`);
    const path = minimize(
      (p) => rosenbrock(p),
      START,
      (params) => o.make(params, o.rosenbrockLr),
      s.rosenbrockSteps,
    );
    const [x, y] = path.points.at(-1)!;
    return { ...o, path, final: path.values.at(-1)!, distance: Math.hypot(x! - 1, y! - 1) };
  });

  const trainSet = loadDigits({ split: 'train', flatten: true, seed: ctx.seed });
  const testSet = loadDigits({ split: 'test', flatten: true, seed: ctx.seed });
  const sizesOfNet = [64, s.hidden, 10];
  const digits = OPTIMIZERS.map((o) => {
    tick(`digits · ${o.name}`);
    const generator = new Generator(ctx.seed);
    const mlp = new MLP({ sizes: sizesOfNet, generator });
    const history = train(mlp, trainSet.x, trainSet.y, {
      optimizer: o.make(mlp.parameters(), o.digitsLr),
      epochs: s.epochs,
      batchSize: BATCH,
      generator,
    });
    return { ...o, losses: history.epochs.map((e) => e.trainLoss), accuracy: mlp.score(testSet.x, testSet.y) };
  });

  const stepsPerEpoch = Math.ceil(trainSet.x.shape[0]! / BATCH);
  const schedules = (['constant', 'warm-up + cosine'] as const).map((kind) => {
    const runs = Array.from({ length: s.scheduleSeeds }, (_, k) => {
      tick(`schedule · ${kind}`);
      const generator = new Generator(ctx.seed + k);
      const mlp = new MLP({ sizes: sizesOfNet, generator });
      const optimizer = new SGD(mlp.parameters(), { lr: SCHEDULE_LR, momentum: 0.9 });
      const steps = s.scheduleEpochs * stepsPerEpoch;
      const warmupSteps = Math.max(1, Math.round(WARMUP_SHARE * steps));
      const scheduler =
        kind === 'constant'
          ? undefined
          : new LinearWarmup(optimizer, {
              warmupSteps,
              after: new CosineAnnealingLR(optimizer, { tMax: steps - warmupSteps }),
            });
      const history = train(mlp, trainSet.x, trainSet.y, {
        optimizer,
        epochs: s.scheduleEpochs,
        batchSize: BATCH,
        generator,
        ...(scheduler === undefined ? {} : { scheduler }),
      });
      return {
        losses: history.epochs.map((e) => e.trainLoss),
        lrs: history.epochs.map((e) => e.lr),
        accuracy: mlp.score(testSet.x, testSet.y),
      };
    });
    const mean = (pick: (r: (typeof runs)[number]) => number): number =>
      runs.reduce((a, r) => a + pick(r), 0) / runs.length;
    return {
      kind,
      losses: oneTo(s.scheduleEpochs).map((_, e) => mean((r) => r.losses[e]!)),
      lrs: runs[0]!.lrs,
      finalLoss: mean((r) => r.losses.at(-1)!),
      accuracy: mean((r) => r.accuracy),
    };
  });
  ctx.progress(1);

  const valley = (name: string) => valleys.find((v) => v.name === name)!;
  const [sgd, momentum, nesterov, adam] = [
    valley('SGD'),
    valley('momentum 0.9'),
    valley('Nesterov 0.9'),
    valley('Adam'),
  ];
  const bestDigits = digits.reduce((a, d) => (d.accuracy > a.accuracy ? d : a));
  const [constant, cosine] = schedules as [(typeof schedules)[number], (typeof schedules)[number]];
  return {
    verdicts: [
      {
        claim: 'Momentum and Nesterov move along the narrow valley where plain SGD crawls (same lr)',
        measured: `Rosenbrock after ${s.rosenbrockSteps} steps at lr 1e-3: SGD f = ${fmt(sgd.final)}, momentum ${fmt(momentum.final)}, Nesterov ${fmt(nesterov.final)}`,
        chapter: 'v ← μv − η∇L, θ ← θ + v smooths and accelerates; Nesterov looks ahead',
        pass: momentum.final < sgd.final && nesterov.final < sgd.final,
      },
      {
        claim: "Adam's per-parameter step sizes reach the minimum of the valley",
        measured: `Adam (lr ${adam.rosenbrockLr}) ends ${fmt(adam.distance)} from (1, 1), f = ${fmt(adam.final)}`,
        chapter: 'm̂/(√v̂ + ε): adaptive, per-parameter learning rates (distance < 0.01)',
        pass: adam.distance < 0.01,
      },
      {
        claim: 'Every optimizer trains the MLP on the 8×8 digits',
        measured: digits.map((d) => `${d.name} ${percent(d.accuracy)}`).join(', '),
        chapter: `minibatch SGD and its variants train an MLP (best test accuracy ≥ 97%)`,
        pass: bestDigits.accuracy >= 0.97 && digits.every((d) => d.losses.at(-1)! < d.losses[0]! / 3),
      },
      {
        claim: 'A cosine schedule with warm-up improves on a constant learning rate',
        measured: `SGD+momentum at lr ${SCHEDULE_LR}, ${s.scheduleEpochs} epochs: final train loss ${fmt(cosine.finalLoss)} vs ${fmt(constant.finalLoss)}, test ${percent(cosine.accuracy)} vs ${percent(constant.accuracy)}`,
        chapter: 'learning-rate schedules (cosine annealing, warm-up) improve performance (lower final loss)',
        pass: cosine.finalLoss < constant.finalLoss,
      },
    ],
    metrics: {
      ...Object.fromEntries(valleys.map((v) => [`rosenbrock_${v.name.split(' ')[0]}`, v.final])),
      ...Object.fromEntries(digits.map((d) => [`digitsAccuracy_${d.name.split(' ')[0]}`, d.accuracy])),
      scheduleConstantLoss: constant.finalLoss,
      scheduleCosineLoss: cosine.finalLoss,
      scheduleConstantAccuracy: constant.accuracy,
      scheduleCosineAccuracy: cosine.accuracy,
    },
    figures: [
      {
        kind: 'line',
        title: `Rosenbrock f(θ) from (−1.2, 1), ${s.rosenbrockSteps} steps`,
        xLabel: 'step',
        yLabel: 'f(x, y)',
        logY: true,
        series: valleys.map((v) => thinned(v.name, v.path.values)),
      },
      {
        kind: 'scatter',
        title: 'Paths through the Rosenbrock valley (minimum at (1, 1))',
        xLabel: 'x',
        yLabel: 'y',
        series: valleys.map((v) => {
          const stride = Math.max(1, Math.ceil(v.path.points.length / 300));
          const points = v.path.points.filter((_, i) => i % stride === 0);
          return { name: v.name, x: points.map((p) => p[0]!), y: points.map((p) => p[1]!) };
        }),
      },
      {
        kind: 'line',
        title: `MLP ${sizesOfNet.join('-')} on the 8×8 digits: training loss`,
        xLabel: 'epoch',
        yLabel: 'mean minibatch cross-entropy',
        logY: true,
        series: digits.map((d) => ({ name: `${d.name} (lr ${d.digitsLr})`, x: oneTo(s.epochs), y: d.losses })),
      },
      {
        kind: 'line',
        title: `Constant lr vs warm-up + cosine (SGD, momentum 0.9, peak lr ${SCHEDULE_LR})`,
        xLabel: 'epoch',
        yLabel: 'mean minibatch cross-entropy',
        logY: true,
        series: schedules.map((r) => ({ name: r.kind, x: oneTo(s.scheduleEpochs), y: r.losses })),
      },
      {
        kind: 'line',
        title: 'The learning rate at the end of each epoch',
        xLabel: 'epoch',
        yLabel: 'lr',
        series: schedules.map((r) => ({ name: r.kind, x: oneTo(s.scheduleEpochs), y: r.lrs })),
      },
    ],
    settings: {
      rosenbrock: {
        start: START,
        steps: s.rosenbrockSteps,
        lr: Object.fromEntries(OPTIMIZERS.map((o) => [o.name, o.rosenbrockLr])),
      },
      digits: {
        net: sizesOfNet,
        epochs: s.epochs,
        batch: BATCH,
        lr: Object.fromEntries(OPTIMIZERS.map((o) => [o.name, o.digitsLr])),
        split: 'stratified 80/20, seeded',
      },
      schedule: {
        peakLr: SCHEDULE_LR,
        momentum: 0.9,
        epochs: s.scheduleEpochs,
        warmupShare: WARMUP_SHARE,
        seeds: s.scheduleSeeds,
      },
    },
  };
}

export const optimizersExperiment: PerceptronExperiment = {
  id: 'optimizers',
  section: '6.1.4',
  title: 'SGD, momentum, Nesterov, Adam and learning-rate schedules',
  claim: 'Momentum and Adam handle ill-conditioned valleys better than plain SGD; schedules with warm-up help',
  run: optimizers,
};
