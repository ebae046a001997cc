import { argmax, defaultGenerator, noGrad, ShapeError, Tensor } from '@shinkei/core-tensor';
import { CrossEntropyLoss, Linear, Sequential, type TensorModule } from '@shinkei/core-tensor/nn';
import { SGD } from '@shinkei/core-tensor/optim';
import { shuffle } from '../hopfield/dynamics.js';
import type { GeneratorOption } from '../hopfield/patterns.js';

export interface ClassifierTrainOptions extends GeneratorOption {
  /** Passes over the data (default 30). */
  epochs?: number;
  /** SGD step size η (default 0.1). */
  learningRate?: number;
  /** SGD momentum μ (default 0.9). */
  momentum?: number;
  /** L2 penalty λ (default 0). */
  weightDecay?: number;
  /** Mini-batch size (default 32). */
  batchSize?: number;
  /** Called after each epoch with the mean training cross-entropy. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Multinomial logistic regression, p(y = k | x) = softmax(Wx + b)ₖ: one Linear layer producing logits. */
export function softmaxClassifier(inFeatures: number, classes: number, options: GeneratorOption = {}): Sequential {
  return new Sequential(new Linear(inFeatures, classes, options));
}

/**
 * Train a logits-producing module by minibatch SGD with momentum (core-tensor optim) on the
 * cross-entropy L = −(1/B) Σ log softmax(f(x))_y, gradients by core-tensor autograd.
 * x: [M, d] (any float dtype; cast to float32), labels: int32 [M]. Returns the mean loss per epoch.
 */
export function trainClassifier(
  model: TensorModule,
  x: Tensor,
  labels: Tensor,
  options: ClassifierTrainOptions = {},
): number[] {
  const inputs = toFloat32Rows('trainClassifier', x);
  if (labels.dtype !== 'int32' || labels.ndim !== 1 || labels.size !== inputs.shape[0]) {
    throw new ShapeError(
      `trainClassifier: labels must be int32 [${inputs.shape[0]}], got ${labels.dtype} [${labels.shape.join(',')}]`,
    );
  }
  const generator = options.generator ?? defaultGenerator();
  const batchSize = Math.min(options.batchSize ?? 32, labels.size);
  const optimizer = new SGD(model.parameters(), {
    lr: options.learningRate ?? 0.1,
    momentum: options.momentum ?? 0.9,
    weightDecay: options.weightDecay ?? 0,
  });
  const lossFunction = new CrossEntropyLoss();
  const order = new Int32Array(labels.size);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const losses: number[] = [];
  model.train();
  for (let epoch = 0; epoch < (options.epochs ?? 30); epoch++) {
    shuffle(order, generator);
    let total = 0;
    let batches = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const rows = order.subarray(start, Math.min(start + batchSize, order.length));
      optimizer.zeroGrad();
      const loss = lossFunction.call(model.call(gatherRows(inputs, rows)), gatherLabels(labels, rows));
      loss.backward();
      optimizer.step();
      total += loss.item();
      batches++;
    }
    losses.push(total / batches);
    options.onEpoch?.(epoch, total / batches);
  }
  model.eval();
  return losses;
}

/** Fraction of rows whose arg-max logit is the label. */
export function classificationAccuracy(model: TensorModule, x: Tensor, labels: Tensor): number {
  const predictions = noGrad(() => argmax(model.call(toFloat32Rows('classificationAccuracy', x)), 1));
  let correct = 0;
  for (let i = 0; i < labels.size; i++) if (predictions.data[i] === labels.data[i]) correct++;
  return correct / labels.size;
}

function toFloat32Rows(op: string, x: Tensor): Tensor {
  if (x.ndim !== 2) throw new ShapeError(`${op}: expected inputs [M, d], got [${x.shape.join(',')}]`);
  return x.dtype === 'float32' ? x : new Tensor(Float32Array.from(x.data), x.shape);
}

function gatherRows(x: Tensor, rows: Int32Array): Tensor {
  const width = x.shape[1]!;
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, r) => {
    out.set(x.data.subarray(row * width, (row + 1) * width), r * width);
  });
  return new Tensor(out, [rows.length, width]);
}

function gatherLabels(labels: Tensor, rows: Int32Array): Tensor {
  return new Tensor(
    Int32Array.from(rows, (row) => labels.data[row]!),
    [rows.length],
  );
}
