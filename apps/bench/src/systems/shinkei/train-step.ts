import type { Tensor } from '@shinkei/core-tensor';
import { nn, optim } from '@shinkei/core-tensor';
import type { TrainParams } from '../../cases/registry.js';
import type { Step } from '../../measure.js';

/** One training step of `model` on a fixed batch: zero the gradients, forward, cross-entropy, backward, update. */
export function shinkeiTrainStep(model: nn.Sequential, inputs: Tensor, labels: Tensor, params: TrainParams): Step {
  const lossFn = new nn.CrossEntropyLoss();
  const optimizer =
    params.optimizer === 'sgd'
      ? new optim.SGD(model.parameters(), { lr: params.lr })
      : new optim.Adam(model.parameters(), { lr: params.lr });
  return () => {
    optimizer.zeroGrad();
    const loss = lossFn.call(model.call(inputs), labels);
    loss.backward();
    optimizer.step();
  };
}
