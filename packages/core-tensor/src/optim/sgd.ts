import type { FloatArray } from '../kernels/types.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectInRange } from './hyperparameters.js';
import type { BaseHyperparameters, ParamGroupSpec } from './optimizer.js';
import { Optimizer, zerosLike } from './optimizer.js';

export interface SGDHyperparameters extends BaseHyperparameters {
  /** Momentum μ (default 0: plain SGD). */
  momentum: number;
  /** Dampening d of the gradient added to the momentum buffer (default 0). */
  dampening: number;
  /** L2 penalty λ added to the gradient, g ← g + λθ (default 0). */
  weightDecay: number;
  /** Nesterov momentum: step along g + μb instead of b (default false). */
  nesterov: boolean;
}

export type SGDOptions = Partial<SGDHyperparameters> & { lr: number };

interface SGDState extends Record<string, FloatArray | null> {
  momentumBuffer: FloatArray | null;
}

/**
 * Stochastic gradient descent with momentum, in PyTorch's exact order:
 * g ← ∇L + λθ; b ← g on the first step, else b ← μb + (1 − d)g; the step direction is
 * g + μb (Nesterov: the gradient at the look-ahead point) or b; θ ← θ − η·direction.
 * With d = 0 this is the chapter's v ← μv − η∇L, θ ← θ + v with v = −ηb.
 */
export class SGD extends Optimizer<SGDHyperparameters, SGDState> {
  constructor(params: Iterable<Tensor> | readonly ParamGroupSpec<SGDHyperparameters>[], options: SGDOptions) {
    super(params, { lr: options.lr, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false }, options);
  }

  protected validate(group: SGDHyperparameters): void {
    expectInRange('SGD', 'lr', group.lr, 0);
    expectInRange('SGD', 'momentum', group.momentum, 0);
    expectInRange('SGD', 'weightDecay', group.weightDecay, 0);
    if (group.nesterov && (group.momentum <= 0 || group.dampening !== 0)) {
      throw new RangeError(
        `SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum ${group.momentum}, dampening ${group.dampening}`,
      );
    }
  }

  protected initState(): SGDState {
    return { momentumBuffer: null };
  }

  protected update(param: FloatArray, grad: FloatArray, group: SGDHyperparameters, state: SGDState): void {
    const { lr, momentum, dampening, weightDecay, nesterov } = group;
    if (momentum === 0) {
      for (let i = 0; i < param.length; i++) param[i] = param[i]! - lr * (grad[i]! + weightDecay * param[i]!);
      return;
    }
    const first = state.momentumBuffer === null;
    const buffer = (state.momentumBuffer ??= zerosLike(param));
    for (let i = 0; i < param.length; i++) {
      const g = grad[i]! + weightDecay * param[i]!;
      buffer[i] = first ? g : momentum * buffer[i]! + (1 - dampening) * g;
      const direction = nesterov ? g + momentum * buffer[i]! : buffer[i]!;
      param[i] = param[i]! - lr * direction;
    }
  }
}
