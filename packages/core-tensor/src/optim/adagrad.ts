import type { FloatArray } from '../kernels/types.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectInRange } from './hyperparameters.js';
import type { BaseHyperparameters, ParamGroupSpec } from './optimizer.js';
import { Optimizer } from './optimizer.js';

export interface AdagradHyperparameters extends BaseHyperparameters {
  /** Learning-rate decay: step t uses η / (1 + (t − 1)·lrDecay) (default 0). */
  lrDecay: number;
  /** L2 penalty g ← g + λθ (default 0). */
  weightDecay: number;
  /** Starting value of the accumulated squared gradients (default 0). */
  initialAccumulatorValue: number;
  /** ε added to the root (default 1e-10). */
  eps: number;
}

export type AdagradOptions = Partial<AdagradHyperparameters>;

interface AdagradState extends Record<string, number | FloatArray | null> {
  step: number;
  sum: FloatArray;
}

/**
 * Adagrad (Duchi et al. 2011): g ← ∇L + λθ; G ← G + g²; θ ← θ − η_t g/(√G + ε) with
 * η_t = η / (1 + (t − 1)·lrDecay). Defaults lr 1e-2, ε 1e-10.
 */
export class Adagrad extends Optimizer<AdagradHyperparameters, AdagradState> {
  constructor(
    params: Iterable<Tensor> | readonly ParamGroupSpec<AdagradHyperparameters>[],
    options: AdagradOptions = {},
  ) {
    super(params, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10 }, options);
  }

  protected validate(group: AdagradHyperparameters): void {
    expectInRange('Adagrad', 'lr', group.lr, 0);
    expectInRange('Adagrad', 'lrDecay', group.lrDecay, 0);
    expectInRange('Adagrad', 'weightDecay', group.weightDecay, 0);
    expectInRange('Adagrad', 'initialAccumulatorValue', group.initialAccumulatorValue, 0);
    expectInRange('Adagrad', 'eps', group.eps, 0);
  }

  protected initState(param: Tensor, group: AdagradHyperparameters): AdagradState {
    const sum = param.dtype === 'float64' ? new Float64Array(param.size) : new Float32Array(param.size);
    return { step: 0, sum: sum.fill(group.initialAccumulatorValue) };
  }

  protected update(param: FloatArray, grad: FloatArray, group: AdagradHyperparameters, state: AdagradState): void {
    const { lr, lrDecay, weightDecay, eps } = group;
    const step = ++state.step;
    const clr = lr / (1 + (step - 1) * lrDecay);
    const sum = state.sum;
    for (let i = 0; i < param.length; i++) {
      const g = grad[i]! + weightDecay * param[i]!;
      sum[i] = sum[i]! + g * g;
      param[i] = param[i]! - (clr * g) / (Math.sqrt(sum[i]!) + eps);
    }
  }
}
