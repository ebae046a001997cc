import { nn } from '@shinkei/core-tensor';
import { SequenceRegressor } from '@shinkei/rnn';
import { CNN, MLP_LAYERS, type SequenceTrainParams } from '../../cases/registry.js';

/** The 784-256-256-10 ReLU MLP (PyTorch's default initialization). */
export function shinkeiMlp(): nn.Sequential {
  const [input, hidden1, hidden2, classes] = MLP_LAYERS;
  return new nn.Sequential(
    new nn.Linear(input, hidden1),
    new nn.ReLU(),
    new nn.Linear(hidden1, hidden2),
    new nn.ReLU(),
    new nn.Linear(hidden2, classes),
  );
}

/** The LeNet-size CNN, NCHW: conv 5×5 ×32, ReLU, pool 2, conv 5×5 ×64, ReLU, pool 2, dense → 10. */
export function shinkeiCnn(): nn.Sequential {
  const [inChannels, conv1, conv2] = CNN.channels;
  return new nn.Sequential(
    new nn.Conv2d(inChannels!, conv1!, CNN.kernel),
    new nn.ReLU(),
    new nn.MaxPool2d(CNN.pool),
    new nn.Conv2d(conv1!, conv2!, CNN.kernel),
    new nn.ReLU(),
    new nn.MaxPool2d(CNN.pool),
    new nn.Flatten(),
    new nn.Linear(CNN.flatFeatures, CNN.classes),
  );
}

/** The LSTM sequence regressor of @shinkei/rnn: time-major [steps, batch, inputSize] → LSTM → linear readout of h_T → [batch]. */
export function shinkeiLstmRegressor({ inputSize, hiddenSize }: SequenceTrainParams): SequenceRegressor {
  return new SequenceRegressor('lstm', inputSize, hiddenSize);
}
