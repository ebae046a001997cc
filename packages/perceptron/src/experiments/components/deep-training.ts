import { Generator } from '@shinkei/core-tensor';
import { SGD } from '@shinkei/core-tensor/optim';
import { MLP } from '../../mlp/mlp.js';
import { train } from '../../mlp/train.js';
import type { Split } from './overfitting.js';

/** How a deep MLP is varied. */
export interface DeepVariant {
  name: string;
  normalization?: 'batch' | 'layer';
  residual?: boolean;
}

export interface DeepSettings {
  depth: number;
  width: number;
  epochs: number;
  lr: number;
  batch: number;
}

/**
 * Train the same deep ReLU MLP (PyTorch's default initialization, SGD with momentum 0.9)
 * in each variant and return the mean training loss of every epoch: how fast normalization
 * and residual connections let a deep net learn (chapter 6.1.3, 6.1.5).
 */
export function deepTrainingRuns(
  data: Split,
  variants: readonly DeepVariant[],
  s: DeepSettings,
  seed: number,
  progress: (done: number) => void,
): { name: string; losses: number[] }[] {
  return variants.map((v, k) => {
    progress(k);
    const generator = new Generator(seed);
    const mlp = new MLP({
      sizes: [64, ...Array<number>(s.depth).fill(s.width), 10],
      generator,
      ...(v.normalization === undefined ? {} : { normalization: v.normalization }),
      residual: v.residual ?? false,
    });
    const history = train(mlp, data.x, data.y, {
      optimizer: new SGD(mlp.parameters(), { lr: s.lr, momentum: 0.9 }),
      epochs: s.epochs,
      batchSize: s.batch,
      generator,
    });
    return { name: v.name, losses: history.epochs.map((e) => e.trainLoss) };
  });
}
