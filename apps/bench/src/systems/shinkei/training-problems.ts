import type { Tensor } from '@shinkei/core-tensor';
import { mseLoss, nn, randint, randn } from '@shinkei/core-tensor';
import type { LossFunction } from '@shinkei/core-tensor/ort';
import { CNN, MLP_LAYERS, type TrainParams } from '../../cases/registry.js';
import type { Step } from '../../measure.js';
import type { CaseImplementations } from '../node-system.js';
import { shinkeiCnn, shinkeiLstmRegressor, shinkeiMlp } from './models.js';

/** The cases that are one training step. */
export type TrainingCaseId = 'mlp-train' | 'cnn-train' | 'lstm-train';

/**
 * One training case as every shinkei system runs it: the model, a fixed random batch, the
 * loss of a batch, and the optimizer's settings. How the step computes the gradients
 * (eager `backward()` or a compiled graph) is up to the system.
 */
export interface TrainingProblem {
  model: nn.Module<[Tensor]>;
  batch: Tensor[];
  loss: LossFunction;
  params: TrainParams;
}

function classification(model: nn.Sequential, inputShape: number[], classes: number, params: TrainParams) {
  const crossEntropy = new nn.CrossEntropyLoss();
  return {
    model,
    batch: [randn(inputShape), randint(0, classes, [params.batch])],
    loss: (x: Tensor, labels: Tensor) => crossEntropy.call(model.call(x), labels),
    params,
  };
}

/**
 * The training cases with a step built by `makeStep` from each case's problem: the MLP and
 * the CNN with softmax cross-entropy on random labels, the LSTM regressor with mean
 * squared error on random targets.
 */
export function trainingCases(
  makeStep: (problem: TrainingProblem, caseId: TrainingCaseId) => Step,
): Pick<CaseImplementations, TrainingCaseId> {
  return {
    'mlp-train': (params) =>
      makeStep(classification(shinkeiMlp(), [params.batch, MLP_LAYERS[0]], MLP_LAYERS[3], params), 'mlp-train'),
    'cnn-train': (params) =>
      makeStep(
        classification(shinkeiCnn(), [params.batch, 1, CNN.inputSize, CNN.inputSize], CNN.classes, params),
        'cnn-train',
      ),
    'lstm-train': (params) => {
      const model = shinkeiLstmRegressor(params);
      const batch = [randn([params.steps, params.batch, params.inputSize]), randn([params.batch])];
      const loss = (x: Tensor, targets: Tensor) => mseLoss(model.call(x), targets);
      return makeStep({ model, batch, loss, params }, 'lstm-train');
    },
  };
}
