import { optim } from '@shinkei/core-tensor';
import { type CompileValueAndGradOptions, compileValueAndGrad } from '@shinkei/core-tensor/ort';
import type { Step } from '../../measure.js';
import type { TrainingProblem } from './training-problems.js';

function optimizerFor({ model, params }: TrainingProblem) {
  return params.optimizer === 'sgd'
    ? new optim.SGD(model.parameters(), { lr: params.lr })
    : new optim.Adam(model.parameters(), { lr: params.lr });
}

/** One eager training step on the problem's fixed batch: zero the gradients, forward, loss, `backward()`, update. */
export function eagerTrainStep(problem: TrainingProblem): Step {
  const optimizer = optimizerFor(problem);
  return () => {
    optimizer.zeroGrad();
    problem.loss(...problem.batch).backward();
    optimizer.step();
  };
}

/**
 * The same step with forward and backward as one ONNX Runtime call (`compileValueAndGrad`
 * fills every `.grad`), the optimizer stepping in JS. The first call traces the loss and
 * creates the session; `onFirstCall` gets its duration in milliseconds.
 */
export function compiledTrainStep(
  problem: TrainingProblem,
  options: CompileValueAndGradOptions,
  onFirstCall: (ms: number) => void,
): Step {
  const optimizer = optimizerFor(problem);
  const valueAndGrad = compileValueAndGrad(problem.model, problem.loss, options);
  const step = (): void => {
    optimizer.zeroGrad();
    valueAndGrad(...problem.batch);
    optimizer.step();
  };
  let first = true;
  return () => {
    if (!first) return step();
    first = false;
    const started = performance.now();
    step();
    onFirstCall(performance.now() - started);
  };
}
