import type { Tensor } from '@shinkei/core-tensor';
import { noGrad, optim } from '@shinkei/core-tensor';

/** A model mapping input sequences to one prediction per sequence. */
export interface Regressor {
  call(inputs: Tensor): Tensor;
  parameters(): Tensor[];
  train(mode?: boolean): unknown;
  training: boolean;
}

/** A batch of inputs and targets. */
export interface RegressionBatch {
  inputs: Tensor;
  targets: Tensor;
}

export interface TrainRegressorOptions {
  /** The batch of each step (fresh data each step, or a sample from a training set). */
  batch: (step: number) => RegressionBatch;
  /** The most optimizer steps to take. */
  steps: number;
  /** Adam's learning rate (default 1e-2). */
  lr?: number;
  /** Clip the gradient's global norm to this before each step (default 1). */
  clipNorm?: number;
  /** 'cosine' anneals the learning rate to 0 over `steps` (Loshchilov & Hutter); default 'constant'. */
  schedule?: 'constant' | 'cosine';
  /**
   * Stop early once the smoothed training MSE (an exponential average over about 50
   * steps) falls below this value (default: never).
   */
  stopBelow?: number;
  /** Called after each step with the fraction of `steps` done. */
  progress?: (fraction: number) => void;
}

/** What trainRegressor did. */
export interface RegressionHistory {
  /** The training MSE of every step taken. */
  losses: number[];
  /** The smoothed training MSE (the stopping criterion) after every step. */
  smoothed: number[];
  /** Steps taken (fewer than asked when stopBelow ended the run). */
  steps: number;
}

/**
 * Minimise the mean squared error (1/B) Σ (ŷ − y)² with Adam, clipping the gradient norm
 * (the usual guard against the exploding gradients of BPTT), one batch per step.
 */
export function trainRegressor(model: Regressor, options: TrainRegressorOptions): RegressionHistory {
  const { steps, batch } = options;
  const clipNorm = options.clipNorm ?? 1;
  const optimizer = new optim.Adam(model.parameters(), { lr: options.lr ?? 1e-2 });
  const scheduler = options.schedule === 'cosine' ? new optim.CosineAnnealingLR(optimizer, { tMax: steps }) : null;
  const losses: number[] = [];
  const smoothed: number[] = [];
  model.train();
  for (let step = 0; step < steps; step++) {
    const { inputs, targets } = batch(step);
    const loss = model.call(inputs).sub(targets).square().mean();
    optimizer.zeroGrad();
    loss.backward();
    optim.clipGradNorm(model.parameters(), clipNorm);
    optimizer.step();
    scheduler?.step();
    const value = loss.item();
    losses.push(value);
    smoothed.push(step === 0 ? value : 0.96 * smoothed[step - 1]! + 0.04 * value);
    options.progress?.((step + 1) / steps);
    if (options.stopBelow !== undefined && step >= 50 && smoothed[step]! < options.stopBelow) break;
  }
  return { losses, smoothed, steps: losses.length };
}

/** The mean squared error (1/N) Σ (ŷ − y)² of a model on a batch, in evaluation mode without a graph. */
export function meanSquaredError(model: Regressor, { inputs, targets }: RegressionBatch): number {
  const wasTraining = model.training;
  model.train(false);
  try {
    return noGrad(() => model.call(inputs).sub(targets).square().mean().item());
  } finally {
    model.train(wasTraining);
  }
}
