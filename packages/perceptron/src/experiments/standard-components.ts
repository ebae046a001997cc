import { loadDigits } from '@shinkei/core-tensor/data';
import type { DeepSettings } from './components/deep-training.js';
import { deepTrainingRuns } from './components/deep-training.js';
import type { OverfittingSettings } from './components/overfitting.js';
import { overfittingRuns } from './components/overfitting.js';
import { bySize, fmt, oneTo, percent, runContext } from './context.js';
import type { ExperimentOptions, ExperimentResult, PerceptronExperiment } from './types.js';

const common = { hidden: 128, dropout: 0.2, weightDecay: 5e-3, patience: 10, lr: 0.05, batch: 20 };
const sizes: Record<
  'quick' | 'default' | 'full',
  { overfit: OverfittingSettings; norm: DeepSettings; residual: DeepSettings }
> = {
  quick: {
    overfit: { ...common, trainSize: 100, validationSize: 200, epochs: 40 },
    norm: { depth: 10, width: 64, epochs: 2, lr: 0.01, batch: 64 },
    residual: { depth: 30, width: 64, epochs: 2, lr: 0.01, batch: 64 },
  },
  default: {
    overfit: { ...common, trainSize: 100, validationSize: 300, epochs: 120 },
    norm: { depth: 10, width: 64, epochs: 6, lr: 0.01, batch: 64 },
    residual: { depth: 30, width: 64, epochs: 5, lr: 0.01, batch: 64 },
  },
  full: {
    overfit: { ...common, trainSize: 100, validationSize: 500, epochs: 300 },
    norm: { depth: 10, width: 128, epochs: 20, lr: 0.01, batch: 64 },
    residual: { depth: 30, width: 128, epochs: 20, lr: 0.01, batch: 64 },
  },
};

/** The mean of the last tenth of a curve: a final value that epoch-to-epoch noise does not decide. */
function finalLevel(values: readonly number[]): number {
  const tail = values.slice(-Math.max(1, Math.round(values.length / 10)));
  return tail.reduce((a, v) => a + v, 0) / tail.length;
}

/** ln 10: the cross-entropy of a uniform guess over 10 classes, where a stalled net sits. */
const UNIFORM_LOSS = Math.log(10);

/**
 * The standard components of chapter 6.1.5, measured on the 8×8 digits. (1) On 100 training
 * samples a 2-hidden-layer MLP overfits: its training loss goes to 0 while the validation
 * loss turns up; dropout and weight decay end with a lower validation loss, early stopping
 * keeps the weights of the best validation epoch. (2) A 10-layer ReLU MLP barely moves
 * under SGD, where the same net with batch or layer normalization trains. (3) A 30-layer
 * plain MLP stalls at the uniform guess's loss ln 10, where residual connections train it.
 */
export function standardComponents(options?: ExperimentOptions): ExperimentResult {
  const ctx = runContext(options);
  const s = bySize(ctx.size, sizes);
  const pool = loadDigits({ split: 'train', flatten: true, seed: ctx.seed });
  const test = loadDigits({ split: 'test', flatten: true, seed: ctx.seed });

  ctx.progress(0, 'overfitting: plain, dropout, weight decay, early stopping');
  const regularized = overfittingRuns(pool, test, s.overfit, ctx.seed);
  const [plain, dropout, decay, stopped] = regularized as [
    (typeof regularized)[number],
    (typeof regularized)[number],
    (typeof regularized)[number],
    (typeof regularized)[number],
  ];
  const plainMin = Math.min(...plain.validationLosses);
  const plainMinEpoch = plain.validationLosses.indexOf(plainMin) + 1;
  const plainFinal = finalLevel(plain.validationLosses);
  const rise = plainFinal / plainMin - 1;

  const normVariants = [
    { name: 'plain' },
    { name: 'BatchNorm', normalization: 'batch' as const },
    { name: 'LayerNorm', normalization: 'layer' as const },
  ];
  const normalized = deepTrainingRuns(pool, normVariants, s.norm, ctx.seed, (k) =>
    ctx.progress(0.4 + (0.3 * k) / normVariants.length, `${s.norm.depth} layers: ${normVariants[k]!.name}`),
  );
  const resVariants = [{ name: 'plain' }, { name: 'residual', residual: true }];
  const residual = deepTrainingRuns(pool, resVariants, s.residual, ctx.seed, (k) =>
    ctx.progress(0.7 + (0.3 * k) / resVariants.length, `${s.residual.depth} layers: ${resVariants[k]!.name}`),
  );
  ctx.progress(1);
  const final = (runs: { name: string; losses: number[] }[], name: string): number =>
    runs.find((r) => r.name === name)!.losses.at(-1)!;
  const [normPlain, batchNorm, layerNorm] = [
    final(normalized, 'plain'),
    final(normalized, 'BatchNorm'),
    final(normalized, 'LayerNorm'),
  ];
  const [deepPlain, deepResidual] = [final(residual, 'plain'), final(residual, 'residual')];

  return {
    verdicts: [
      {
        claim: 'On a small training set the MLP overfits: validation loss turns up while training loss falls',
        measured: `${s.overfit.trainSize} samples: train loss ${fmt(plain.trainLosses.at(-1)!)}; validation loss min ${fmt(plainMin)} (epoch ${plainMinEpoch}) → ${fmt(plainFinal)} over the last tenth of ${s.overfit.epochs} epochs (+${percent(rise)})`,
        chapter: 'regularization prevents overfitting (validation loss rises ≥ 5% from its minimum)',
        pass: rise >= 0.05 && plain.trainLosses.at(-1)! < 0.1 * plainMin,
      },
      {
        claim: 'Dropout reduces overfitting',
        measured: `final validation loss ${fmt(finalLevel(dropout.validationLosses))} vs ${fmt(plainFinal)} plain; test accuracy ${percent(dropout.testAccuracy)} vs ${percent(plain.testAccuracy)}`,
        chapter: 'dropout: zero units with probability p, scale by 1/(1 − p); prevents co-adaptation',
        pass: finalLevel(dropout.validationLosses) < plainFinal,
      },
      {
        claim: 'Weight decay reduces overfitting',
        measured: `final validation loss ${fmt(finalLevel(decay.validationLosses))} vs ${fmt(plainFinal)} plain; test accuracy ${percent(decay.testAccuracy)} vs ${percent(plain.testAccuracy)}`,
        chapter: 'L + λ‖w‖² keeps weights small',
        pass: finalLevel(decay.validationLosses) < plainFinal,
      },
      {
        claim: 'Early stopping keeps the model of the best validation epoch',
        measured: `stopped after ${stopped.validationLosses.length} of ${s.overfit.epochs} epochs, kept epoch ${stopped.bestEpoch}; test loss ${fmt(stopped.testLoss)} vs ${fmt(plain.testLoss)} trained to the end`,
        chapter: 'stop when validation error has not improved for a number of checks, keep the best model',
        pass:
          stopped.bestEpoch !== undefined &&
          stopped.validationLosses.length < s.overfit.epochs &&
          stopped.testLoss < plain.testLoss,
      },
      {
        claim: 'Batch and layer normalization speed up training of a deep MLP',
        measured: `${s.norm.depth} ReLU layers, ${s.norm.epochs} epochs: train loss ${fmt(normPlain)} plain, ${fmt(batchNorm)} BatchNorm, ${fmt(layerNorm)} LayerNorm`,
        chapter: 'BN/LN stabilize and speed up learning (loss ≤ half the plain net’s)',
        pass: batchNorm <= 0.5 * normPlain && layerNorm <= 0.5 * normPlain,
      },
      {
        claim: 'Residual connections train a net too deep to train plainly',
        measured: `${s.residual.depth} ReLU layers, ${s.residual.epochs} epochs: train loss ${fmt(deepPlain)} plain (ln 10 = ${fmt(UNIFORM_LOSS)}), ${fmt(deepResidual)} residual`,
        chapter: 'h⁽ˡ⁺¹⁾ = h⁽ˡ⁾ + F(h⁽ˡ⁾) lets gradients through (plain ≥ 2.0, residual < 1.0)',
        pass: deepPlain >= 2 && deepResidual < 1,
      },
    ],
    metrics: {
      overfitValidationRise: rise,
      ...Object.fromEntries(
        regularized.flatMap((r, i) => {
          const key = ['plain', 'dropout', 'weightDecay', 'earlyStopping'][i]!;
          return [
            [`${key}ValidationLoss`, finalLevel(r.validationLosses)],
            [`${key}TestLoss`, r.testLoss],
            [`${key}TestAccuracy`, r.testAccuracy],
          ];
        }),
      ),
      earlyStoppingEpoch: stopped.bestEpoch ?? Number.NaN,
      deepPlainLoss: normPlain,
      batchNormLoss: batchNorm,
      layerNormLoss: layerNorm,
      veryDeepPlainLoss: deepPlain,
      residualLoss: deepResidual,
    },
    figures: [
      {
        kind: 'line',
        title: `Validation loss on ${s.overfit.trainSize} training samples (dashed: the epoch early stopping kept)`,
        xLabel: 'epoch',
        yLabel: 'validation cross-entropy',
        logY: true,
        series: regularized.map((r) => ({ name: r.name, x: oneTo(r.validationLosses.length), y: r.validationLosses })),
        ...(stopped.bestEpoch === undefined
          ? {}
          : { markers: [{ x: stopped.bestEpoch, label: `early stop keeps epoch ${stopped.bestEpoch}` }] }),
      },
      {
        kind: 'line',
        title: 'Training loss of the same runs',
        xLabel: 'epoch',
        yLabel: 'mean minibatch cross-entropy',
        logY: true,
        series: regularized.map((r) => ({ name: r.name, x: oneTo(r.trainLosses.length), y: r.trainLosses })),
      },
      {
        kind: 'line',
        title: `${s.norm.depth}-layer ReLU MLP: training loss with and without normalization`,
        xLabel: 'epoch',
        yLabel: 'mean minibatch cross-entropy',
        series: normalized.map((r) => ({ name: r.name, x: oneTo(r.losses.length), y: r.losses })),
      },
      {
        kind: 'line',
        title: `${s.residual.depth}-layer ReLU MLP: plain vs residual`,
        xLabel: 'epoch',
        yLabel: 'mean minibatch cross-entropy',
        series: residual.map((r) => ({ name: r.name, x: oneTo(r.losses.length), y: r.losses })),
      },
    ],
    settings: {
      data: '8×8 digits, stratified 80/20 split; overfitting runs train on a random subset of the training split and validate on another',
      overfitting: { ...s.overfit, net: [64, s.overfit.hidden, s.overfit.hidden, 10], optimizer: 'SGD, momentum 0.9' },
      normalization: { ...s.norm, optimizer: 'SGD, momentum 0.9', init: 'PyTorch default' },
      residual: { ...s.residual, optimizer: 'SGD, momentum 0.9', block: 'h + W·φ(h) + b' },
      finalValidationLoss: 'mean over the last tenth of the epochs',
    },
  };
}

export const standardComponentsExperiment: PerceptronExperiment = {
  id: 'standard-components',
  section: '6.1.5',
  title: 'Dropout, weight decay, early stopping, normalization and residual connections',
  claim: 'Regularizers curb overfitting; normalization and residual connections make deep MLPs trainable',
  run: standardComponents,
};
