import * as tf from '@tensorflow/tfjs-core';
import { CNN, MLP_LAYERS, type TrainParams } from '../../cases/registry.js';
import type { Step } from '../../measure.js';
import type { CaseImplementations } from '../node-system.js';

type Forward = (x: tf.Tensor) => tf.Tensor;

/** A trainable variable initialized like PyTorch: U(−1/√fanIn, 1/√fanIn). */
function parameter(shape: number[], fanIn: number): tf.Variable {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', 1));
}

/** The 784-256-256-10 ReLU MLP; weights [in, out]. */
function mlp(): { forward: Forward; variables: tf.Variable[] } {
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
function cnn(): { forward: Forward; variables: tf.Variable[] } {
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

function trainStep(
  model: { forward: Forward; variables: tf.Variable[] },
  inputShape: number[],
  classes: number,
  params: TrainParams,
): Step {
  const inputs = tf.randomNormal(inputShape, 0, 1, 'float32', 2);
  const labels = tf.oneHot(tf.randomUniform([params.batch], 0, classes, 'int32', 3) as tf.Tensor1D, classes);
  const optimizer = params.optimizer === 'sgd' ? tf.train.sgd(params.lr) : tf.train.adam(params.lr);
  const loss = () => tf.losses.softmaxCrossEntropy(labels, model.forward(inputs)) as tf.Scalar;
  return () => {
    optimizer.minimize(loss, false, model.variables);
  };
}

/** Every case in TensorFlow.js ops (tfjs-core only: variables, tf.train optimizers, tf.losses). */
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
  'mlp-train': (params) => trainStep(mlp(), [params.batch, MLP_LAYERS[0]], MLP_LAYERS[3], params),
  'cnn-train': (params) => trainStep(cnn(), [params.batch, CNN.inputSize, CNN.inputSize, 1], CNN.classes, params),
  'cnn-infer': ({ batch }) => {
    const { forward } = cnn();
    const input = tf.randomNormal([batch, CNN.inputSize, CNN.inputSize, 1], 0, 1, 'float32', 2);
    return () => {
      tf.tidy(() => {
        forward(input).dataSync();
      });
    };
  },
};
