import { Generator, Tensor } from '@shinkei/core-tensor';
import { loadDigits, loadMnist } from '@shinkei/core-tensor/data';
import { classificationAccuracy, softmaxClassifier, trainClassifier } from '../dbn/classifier.js';
import { DBN } from '../dbn/dbn.js';
import {
  bySize,
  type ExperimentResult,
  formatNumber,
  type HopfieldExperiment,
  type Image,
  type RunOptions,
  stage,
} from './types.js';

interface BinaryImages {
  name: string;
  side: number;
  trainX: Tensor;
  trainY: Tensor;
  testX: Tensor;
  testY: Tensor;
}

/** Pixels in [0, 1] thresholded at ½: the binary data an RBM with Bernoulli visible units models. */
export function binarize(x: Tensor): Tensor {
  return new Tensor(
    Float64Array.from(x.data, (p) => (p > 0.5 ? 1 : 0)),
    [x.shape[0]!, x.size / x.shape[0]!],
  );
}

function loadData(size: RunOptions['size']): BinaryImages {
  if (size === 'full') {
    const train = loadMnist({ split: 'train', flatten: true });
    const test = loadMnist({ split: 'test', flatten: true });
    return {
      name: 'MNIST',
      side: 28,
      trainX: binarize(train.x),
      trainY: train.y,
      testX: binarize(test.x),
      testY: test.y,
    };
  }
  const train = loadDigits({ split: 'train', flatten: true });
  const test = loadDigits({ split: 'test', flatten: true });
  return {
    name: '8×8 digits',
    side: 8,
    trainX: binarize(train.x),
    trainY: train.y,
    testX: binarize(test.x),
    testY: test.y,
  };
}

function images(values: ArrayLike<number>, count: number, side: number, label: string): Image[] {
  const pixels = side * side;
  return Array.from({ length: count }, (_, i) => ({
    label: i === 0 ? label : '',
    width: side,
    height: side,
    pixels: Array.from(values).slice(i * pixels, (i + 1) * pixels),
  }));
}

/** Row i of the transposed first-layer weights: the receptive field (filter) of hidden unit i. */
function filters(dbn: DBN, count: number): number[] {
  const first = dbn.rbms[0]!;
  const w = first.params.weights;
  const out: number[] = [];
  for (let j = 0; j < count; j++) for (let i = 0; i < first.nVisible; i++) out.push(w[i * first.nHidden + j]!);
  return out;
}

/**
 * Greedy layer-wise pretraining of a DBN on binarized digits (8×8 digits for quick/default,
 * MNIST for full), a softmax classifier on its top-layer features against the same classifier
 * on raw pixels, and the DBN unrolled into an MLP and fine-tuned with core-tensor autograd.
 */
async function run({ size, seed, progress }: RunOptions): Promise<ExperimentResult> {
  const data = loadData(size);
  const visible = data.side * data.side;
  const hidden = bySize(size, { quick: [256], default: [256, 256], full: [500, 500] });
  const rbmEpochs = bySize(size, { quick: 10, default: 10, full: 5 });
  const classifierEpochs = bySize(size, { quick: 20, default: 30, full: 10 });
  const fineTuneEpochs = bySize(size, { quick: 5, default: 10, full: 2 });
  const batchSize = bySize(size, { quick: 20, default: 20, full: 100 });
  const generator = new Generator(seed);
  const classifier = { epochs: classifierEpochs, learningRate: 0.05, momentum: 0.9, batchSize: 32, generator };
  const rbmSettings = { epochs: rbmEpochs, learningRate: 0.1, batchSize, generator };

  const raw = softmaxClassifier(visible, 10, { generator });
  trainClassifier(raw, data.trainX, data.trainY, classifier);
  const rawAccuracy = classificationAccuracy(raw, data.testX, data.testY);
  progress?.(0.05, 'raw-pixel classifier');

  const dbn = new DBN([visible, ...hidden], { generator });
  const pretrainProgress = stage(progress, 0.05, 0.75, 'pretraining');
  dbn.pretrain(data.trainX, {
    layers: hidden.map((_, layer) => ({
      ...rbmSettings,
      onEpoch: (epoch: number) => pretrainProgress((layer + (epoch + 1) / rbmEpochs) / hidden.length),
    })),
  });
  const top = softmaxClassifier(hidden[hidden.length - 1]!, 10, { generator });
  trainClassifier(top, dbn.transform(data.trainX), data.trainY, classifier);
  const dbnAccuracy = classificationAccuracy(top, dbn.transform(data.testX), data.testY);
  progress?.(0.8, 'fine-tuning');

  const mlp = dbn.toMLP(10, { generator });
  trainClassifier(mlp, data.trainX, data.trainY, { ...classifier, epochs: fineTuneEpochs });
  const fineTunedAccuracy = classificationAccuracy(mlp, data.testX, data.testY);
  progress?.(0.95, 'samples');

  const first = dbn.rbms[0]!;
  const shownFilters = Math.min(64, hidden[0]!);
  const gibbsSteps = bySize(size, { quick: 200, default: 1000, full: 1000 });
  const rbmSamples = first.sample(16, { steps: gibbsSteps, generator, probabilities: true });
  const dbnSamples = dbn.sample(16, { gibbsSteps, generator, probabilities: true });
  progress?.(1);
  return {
    verdicts: [
      {
        claim: `DBN pretraining + softmax classifier beats the same classifier on raw pixels (binarized ${data.name})`,
        measured: `test accuracy ${formatNumber(dbnAccuracy)} (DBN ${[visible, ...hidden].join('–')} features) vs ${formatNumber(rawAccuracy)} (raw pixels); fine-tuned as an MLP: ${formatNumber(fineTunedAccuracy)}`,
        chapter: 'train each layer as an RBM, a classifier on the top features, then fine-tune the whole stack',
        pass: dbnAccuracy > rawAccuracy,
      },
    ],
    metrics: {
      test_accuracy_raw: rawAccuracy,
      test_accuracy_dbn_features: dbnAccuracy,
      test_accuracy_fine_tuned: fineTunedAccuracy,
      reconstruction_error_layer1: first.reconstructionError(data.testX),
      pseudo_likelihood_layer1: first.pseudoLikelihood(data.testX),
    },
    figures: [
      {
        kind: 'bar',
        title: `Test accuracy on binarized ${data.name}: softmax classifier on raw pixels vs on DBN features`,
        yLabel: 'accuracy',
        bars: [
          { label: 'raw pixels', value: rawAccuracy },
          { label: 'DBN features', value: dbnAccuracy },
          { label: 'DBN fine-tuned (MLP)', value: fineTunedAccuracy },
        ],
      },
      {
        kind: 'images',
        title: `First-layer RBM filters (weights of ${shownFilters} hidden units)`,
        images: images(filters(dbn, shownFilters), shownFilters, data.side, 'filters'),
        columns: 8,
      },
      {
        kind: 'images',
        title: `Fantasies: first RBM alone, and the whole DBN (${gibbsSteps} Gibbs steps at the top, then a top-down pass)`,
        images: [...images(rbmSamples.data, 16, data.side, 'RBM'), ...images(dbnSamples.data, 16, data.side, 'DBN')],
        columns: 8,
      },
    ],
    settings: {
      data: data.name,
      train: data.trainY.size,
      test: data.testY.size,
      layers: [visible, ...hidden],
      rbm: {
        epochs: rbmEpochs,
        learningRate: 0.1,
        batchSize,
        k: 1,
        momentum: '0.5 → 0.9 after 5 epochs',
        weightDecay: 0.0001,
      },
      classifier: { epochs: classifierEpochs, optimizer: 'SGD', learningRate: 0.05, momentum: 0.9, batchSize: 32 },
      fineTuning: { epochs: fineTuneEpochs, optimizer: 'SGD (core-tensor/optim)', learningRate: 0.05, momentum: 0.9 },
    },
  };
}

export const dbnDigitsExperiment: HopfieldExperiment = {
  id: 'dbn-digits',
  topic: 'hopfield',
  section: '6.1.6',
  title: 'RBM filters and samples; DBN features vs raw pixels for classification',
  claim:
    'RBMs trained layer by layer extract features from unlabeled data; a classifier on the top features, and fine-tuning of the whole stack, improve on the same classifier fed raw pixels.',
  run,
};
