import type { Generator, Tensor } from '@shinkei/core-tensor';
import { DataLoader, TensorDataset } from '@shinkei/core-tensor/data';
import type { AnyOptimizer, EarlyStopping, LRScheduler } from '@shinkei/core-tensor/optim';
import type { MLP } from './mlp.js';

export interface TrainOptions {
  optimizer: AnyOptimizer;
  epochs: number;
  batchSize: number;
  /** Shuffles the training set every epoch (default: the global generator). */
  generator?: Generator;
  /** Stepped after every optimizer step (warm-up, cosine annealing, …). */
  scheduler?: LRScheduler;
  /** Held-out data: its loss and score are recorded after every epoch. */
  validation?: { x: Tensor; y: Tensor };
  /** Checked with the validation loss after every epoch; the best weights are restored at the end. */
  earlyStopping?: EarlyStopping;
  /** Called after every epoch with what was measured. */
  onEpoch?(record: EpochRecord): void;
}

export interface EpochRecord {
  epoch: number;
  /** Mean of the minibatch losses during the epoch. */
  trainLoss: number;
  validationLoss?: number;
  /** Accuracy (classifier) or R² (regression) on the validation data. */
  validationScore?: number;
  /** The learning rate at the end of the epoch. */
  lr: number;
}

export interface TrainHistory {
  epochs: EpochRecord[];
  /** The loss of every minibatch, in order. */
  stepLosses: number[];
  /** The epoch (1-based) whose weights early stopping restored, when it was used. */
  bestEpoch?: number;
  stoppedEarly: boolean;
}

/**
 * Minibatch training (chapter 6.1.4): for each epoch, for each shuffled batch B,
 * θ ← update(θ, ∇L_B(θ)) by the optimizer, then the scheduler's step. With early
 * stopping (6.1.5) training ends once the validation loss has not improved for
 * `patience` epochs and the best weights are loaded back.
 */
export function train(model: MLP, x: Tensor, y: Tensor, options: TrainOptions): TrainHistory {
  const { optimizer, epochs, batchSize, scheduler, validation, earlyStopping } = options;
  const loader = new DataLoader({
    dataset: new TensorDataset(x, y),
    batchSize,
    shuffle: true,
    ...(options.generator === undefined ? {} : { generator: options.generator }),
  });
  const history: TrainHistory = { epochs: [], stepLosses: [], stoppedEarly: false };
  model.train();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let total = 0;
    let batches = 0;
    for (const [xb, yb] of loader) {
      optimizer.zeroGrad();
      const loss = model.loss(xb, yb);
      loss.backward();
      optimizer.step();
      scheduler?.step();
      const value = loss.item();
      history.stepLosses.push(value);
      total += value;
      batches++;
    }
    const record: EpochRecord = { epoch, trainLoss: total / batches, lr: optimizer.paramGroups[0]!.lr };
    if (validation !== undefined) {
      const { loss, score } = model.evaluate(validation.x, validation.y);
      record.validationLoss = loss;
      record.validationScore = score;
    }
    history.epochs.push(record);
    options.onEpoch?.(record);
    if (
      earlyStopping !== undefined &&
      record.validationLoss !== undefined &&
      earlyStopping.step(record.validationLoss, model)
    ) {
      history.stoppedEarly = true;
      break;
    }
  }
  if (earlyStopping !== undefined && earlyStopping.bestCheck >= 0) {
    earlyStopping.restoreBest(model);
    history.bestEpoch = earlyStopping.bestCheck + 1;
  }
  return history;
}
