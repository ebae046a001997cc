import type { FloatArray } from '../kernels/types.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectInRange } from './hyperparameters.js';
import type { BaseHyperparameters, ParamGroupSpec } from './optimizer.js';
import { Optimizer, zerosLike } from './optimizer.js';

export interface RMSpropHyperparameters extends BaseHyperparameters {
  /** Decay α of the running mean of g² (default 0.99). */
  alpha: number;
  /** ε added to the root (default 1e-8). */
  eps: number;
  /** L2 penalty g ← g + λθ (default 0). */
  weightDecay: number;
  /** Momentum μ applied to the normalized step (default 0). */
  momentum: number;
  /** Normalize by the estimated variance E[g²] − E[g]² instead of E[g²] (default false). */
  centered: boolean;
}

export type RMSpropOptions = Partial<RMSpropHyperparameters>;

interface RMSpropState extends Record<string, number | FloatArray | null> {
  step: number;
  squareAvg: FloatArray;
  gradAvg: FloatArray | null;
  momentumBuffer: FloatArray | null;
}

/**
 * RMSprop (Tieleman & Hinton 2012), PyTorch's variant: g ← ∇L + λθ;
 * s ← αs + (1 − α)g²; centered: ḡ ← αḡ + (1 − α)g and s̃ = s − ḡ², else s̃ = s;
 * u = g/(√s̃ + ε); with momentum b ← μb + u, θ ← θ − ηb, else θ ← θ − ηu.
 * Defaults lr 1e-2, α 0.99, ε 1e-8.
 */
export class RMSprop extends Optimizer<RMSpropHyperparameters, RMSpropState> {
  constructor(
    params: Iterable<Tensor> | readonly ParamGroupSpec<RMSpropHyperparameters>[],
    options: RMSpropOptions = {},
  ) {
    super(params, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false }, options);
  }

  protected validate(group: RMSpropHyperparameters): void {
    expectInRange('RMSprop', 'lr', group.lr, 0);
    expectInRange('RMSprop', 'alpha', group.alpha, 0);
    expectInRange('RMSprop', 'eps', group.eps, 0);
    expectInRange('RMSprop', 'weightDecay', group.weightDecay, 0);
    expectInRange('RMSprop', 'momentum', group.momentum, 0);
  }

  protected initState(param: Tensor): RMSpropState {
    return { step: 0, squareAvg: zerosLike(param.data as FloatArray), gradAvg: null, momentumBuffer: null };
  }

  protected update(param: FloatArray, grad: FloatArray, group: RMSpropHyperparameters, state: RMSpropState): void {
    const { lr, alpha, eps, weightDecay, momentum, centered } = group;
    state.step++;
    const s = state.squareAvg;
    const mean = centered ? (state.gradAvg ??= zerosLike(param)) : null;
    const buffer = momentum > 0 ? (state.momentumBuffer ??= zerosLike(param)) : null;
    for (let i = 0; i < param.length; i++) {
      const g = grad[i]! + weightDecay * param[i]!;
      s[i] = alpha * s[i]! + (1 - alpha) * g * g;
      let variance = s[i]!;
      if (mean !== null) {
        mean[i] = alpha * mean[i]! + (1 - alpha) * g;
        variance -= mean[i]! * mean[i]!;
      }
      const normalized = g / (Math.sqrt(variance) + eps);
      if (buffer === null) {
        param[i] = param[i]! - lr * normalized;
      } else {
        buffer[i] = momentum * buffer[i]! + normalized;
        param[i] = param[i]! - lr * buffer[i]!;
      }
    }
  }
}
