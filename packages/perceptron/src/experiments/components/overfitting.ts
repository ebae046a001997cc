import type { Tensor } from '@shinkei/core-tensor';
import { Generator, randperm } from '@shinkei/core-tensor';
import { takeRows } from '@shinkei/core-tensor/data';
import { EarlyStopping, SGD } from '@shinkei/core-tensor/optim';
import { MLP } from '../../mlp/mlp.js';
import { train } from '../../mlp/train.js';

/** A labelled set. */
export interface Split {
  x: Tensor;
  y: Tensor;
}

export interface OverfittingSettings {
  trainSize: number;
  validationSize: number;
  epochs: number;
  hidden: number;
  dropout: number;
  weightDecay: number;
  patience: number;
  lr: number;
  batch: number;
}

/** One regularization variant's run. */
export interface RegularizedRun {
  name: string;
  trainLosses: number[];
  validationLosses: number[];
  testLoss: number;
  testAccuracy: number;
  bestEpoch?: number;
}

/**
 * Overfitting and three remedies of chapter 6.1.5, on a small training set drawn from
 * `pool`: the same MLP trained plainly, with dropout, with weight decay (SGD's
 * L + (λ/2)‖w‖², the chapter's λ‖w‖² with λ halved), and plainly with early stopping on the
 * validation loss (the best weights restored). Test loss and accuracy are measured on
 * `test`, which none of them saw.
 */
export function overfittingRuns(pool: Split, test: Split, s: OverfittingSettings, seed: number): RegularizedRun[] {
  const order = randperm(pool.x.shape[0]!, { generator: new Generator(seed) }).data;
  const pick = (from: number, count: number): Split => {
    const rows = order.subarray(from, from + count);
    return { x: takeRows(pool.x, rows), y: takeRows(pool.y, rows) };
  };
  const trainSet = pick(0, s.trainSize);
  const validation = pick(s.trainSize, s.validationSize);
  const variants = [
    { name: 'plain', dropout: 0, weightDecay: 0, patience: 0 },
    { name: `dropout p=${s.dropout}`, dropout: s.dropout, weightDecay: 0, patience: 0 },
    { name: `weight decay λ=${s.weightDecay}`, dropout: 0, weightDecay: s.weightDecay, patience: 0 },
    { name: `early stopping (patience ${s.patience})`, dropout: 0, weightDecay: 0, patience: s.patience },
  ];
  return variants.map((v) => {
    const generator = new Generator(seed + 1);
    const mlp = new MLP({ sizes: [64, s.hidden, s.hidden, 10], dropout: v.dropout, generator });
    const earlyStopping = v.patience > 0 ? new EarlyStopping({ patience: v.patience }) : undefined;
    const history = train(mlp, trainSet.x, trainSet.y, {
      optimizer: new SGD(mlp.parameters(), { lr: s.lr, momentum: 0.9, weightDecay: v.weightDecay }),
      epochs: s.epochs,
      batchSize: s.batch,
      generator,
      validation,
      ...(earlyStopping === undefined ? {} : { earlyStopping }),
    });
    const tested = mlp.evaluate(test.x, test.y);
    return {
      name: v.name,
      trainLosses: history.epochs.map((e) => e.trainLoss),
      validationLosses: history.epochs.map((e) => e.validationLoss!),
      testLoss: tested.loss,
      testAccuracy: tested.score,
      ...(history.bestEpoch === undefined ? {} : { bestEpoch: history.bestEpoch }),
    };
  });
}
