import * as tfjs from '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { CNN, MLP_LAYERS, type SequenceTrainParams, type TrainParams } from '../../cases/registry.js';
import type { Step } from '../../measure.js';
import type { CaseImplementations } from '../node-system.js';

type Forward = (x: tf.Tensor) => tf.Tensor;

interface Model {
  forward: Forward;
  variables: tf.Variable[];
}

/** A trainable variable initialized like PyTorch: U(−1/√fanIn, 1/√fanIn). */
function parameter(shape: number[], fanIn: number): tf.Variable {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', 1));
}

/** The 784-256-256-10 ReLU MLP; weights [in, out]. */
function mlp(): Model {
  const layers = MLP_LAYERS.slice(1).map((out, i) => {
    const fanIn = MLP_LAYERS[i]!;
    return { weight: parameter([fanIn, out], fanIn), bias: parameter([out], fanIn) };
  });
  const forward: Forward = (x) =>
    layers.reduce((h, { weight, bias }, i) => {
      const z = tf.add(tf.matMul(h, weight), bias);
      return i < layers.length - 1 ? tf.relu(z) : z;
    }, x);
  return { forward, variables: layers.flatMap(({ weight, bias }) => [weight, bias]) };
}

/** The LeNet-size CNN in TensorFlow.js's native NHWC layout; filters [kH, kW, in, out]. */
function cnn(): Model {
  const [inChannels, conv1Out, conv2Out] = CNN.channels as [number, number, number];
  const { kernel, pool, flatFeatures, classes } = CNN;
  const conv1 = parameter([kernel, kernel, inChannels, conv1Out], inChannels * kernel * kernel);
  const bias1 = parameter([conv1Out], inChannels * kernel * kernel);
  const conv2 = parameter([kernel, kernel, conv1Out, conv2Out], conv1Out * kernel * kernel);
  const bias2 = parameter([conv2Out], conv1Out * kernel * kernel);
  const dense = parameter([flatFeatures, classes], flatFeatures);
  const denseBias = parameter([classes], flatFeatures);
  const block = (x: tf.Tensor4D, filter: tf.Variable, bias: tf.Variable): tf.Tensor4D => {
    const activated = tf.relu(tf.add(tf.conv2d(x, filter as tf.Tensor4D, 1, 'valid'), bias)) as tf.Tensor4D;
    return tf.maxPool(activated, pool, pool, 'valid');
  };
  const forward: Forward = (x) => {
    const features = block(block(x as tf.Tensor4D, conv1, bias1), conv2, bias2);
    return tf.add(tf.matMul(tf.reshape(features, [features.shape[0], flatFeatures]), dense), denseBias);
  };
  return { forward, variables: [conv1, bias1, conv2, bias2, dense, denseBias] };
}

/**
 * The LSTM sequence regressor from tfjs-layers (`tf.layers.lstm`, its default initializers,
 * then a dense readout of the last hidden state), applied eagerly. tfjs's recurrent layers
 * are batch-major, so sequences are [batch, steps, inputSize].
 */
function lstmRegressor({ steps, inputSize, hiddenSize, batch }: SequenceTrainParams): Model {
  const model = tfjs.sequential({
    layers: [tfjs.layers.lstm({ units: hiddenSize, inputShape: [steps, inputSize] }), tfjs.layers.dense({ units: 1 })],
  });
  return {
    forward: (x) => tf.reshape(model.apply(x) as tf.Tensor, [batch]),
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
  };
}

/** One `optimizer.minimize` of the loss over the model's variables. */
function trainStep(
  model: Model,
  loss: (prediction: tf.Tensor) => tf.Tensor,
  inputs: tf.Tensor,
  params: TrainParams,
): Step {
  const optimizer = params.optimizer === 'sgd' ? tf.train.sgd(params.lr) : tf.train.adam(params.lr);
  return () => {
    optimizer.minimize(() => loss(model.forward(inputs)) as tf.Scalar, false, model.variables);
  };
}

/** A training step with softmax cross-entropy on random labels. */
function classificationStep(model: Model, inputShape: number[], classes: number, params: TrainParams): Step {
  const inputs = tf.randomNormal(inputShape, 0, 1, 'float32', 2);
  const labels = tf.oneHot(tf.randomUniform([params.batch], 0, classes, 'int32', 3) as tf.Tensor1D, classes);
  return trainStep(model, (logits) => tf.losses.softmaxCrossEntropy(labels, logits), inputs, params);
}

/** Every case in TensorFlow.js: tfjs-core ops, variables, tf.train optimizers and tf.losses; the LSTM from tfjs-layers. */
export const tfjsCases: CaseImplementations = {
  gemm: ({ m, k, n }) => {
    const a = tf.randomNormal([m, k], 0, 1, 'float32', 1);
    const b = tf.randomNormal([k, n], 0, 1, 'float32', 2);
    return () => {
      tf.tidy(() => {
        tf.matMul(a, b).dataSync();
      });
    };
  },
  'mlp-train': (params) => classificationStep(mlp(), [params.batch, MLP_LAYERS[0]], MLP_LAYERS[3], params),
  'cnn-train': (params) =>
    classificationStep(cnn(), [params.batch, CNN.inputSize, CNN.inputSize, 1], CNN.classes, params),
  'cnn-infer': ({ batch }) => {
    const { forward } = cnn();
    const input = tf.randomNormal([batch, CNN.inputSize, CNN.inputSize, 1], 0, 1, 'float32', 2);
    return () => {
      tf.tidy(() => {
        forward(input).dataSync();
      });
    };
  },
  'lstm-train': (params) => {
    const inputs = tf.randomNormal([params.batch, params.steps, params.inputSize], 0, 1, 'float32', 2);
    const targets = tf.randomNormal([params.batch], 0, 1, 'float32', 3);
    return trainStep(
      lstmRegressor(params),
      (prediction) => tf.losses.meanSquaredError(targets, prediction),
      inputs,
      params,
    );
  },
};
