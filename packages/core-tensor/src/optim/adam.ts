import type { FloatArray } from '../kernels/types.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectInRange } from './hyperparameters.js';
import type { BaseHyperparameters, ParamGroupSpec } from './optimizer.js';
import { Optimizer, zerosLike } from './optimizer.js';

export interface AdamHyperparameters extends BaseHyperparameters {
  /** Decay rates (β₁, β₂) of the first- and second-moment estimates (default 0.9, 0.999). */
  betas: [number, number];
  /** ε added to √v̂ (default 1e-8). */
  eps: number;
  /** Weight decay λ: an L2 term g ← g + λθ for Adam, decoupled θ ← θ(1 − ηλ) for AdamW. */
  weightDecay: number;
  /** AMSGrad (Reddi et al. 2018): divide by the running maximum of v̂ (default false). */
  amsgrad: boolean;
}

export type AdamOptions = Partial<AdamHyperparameters>;

interface AdamState extends Record<string, number | FloatArray | null> {
  step: number;
  expAvg: FloatArray;
  expAvgSq: FloatArray;
  maxExpAvgSq: FloatArray | null;
}

/** One Adam step on one parameter; `decoupled` selects AdamW's weight decay. */
function adamUpdate(
  param: FloatArray,
  grad: FloatArray,
  group: AdamHyperparameters,
  state: AdamState,
  decoupled: boolean,
): void {
  const { lr, eps, weightDecay, amsgrad } = group;
  const [beta1, beta2] = group.betas;
  const step = ++state.step;
  const stepSize = lr / (1 - beta1 ** step);
  const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
  const l2 = decoupled ? 0 : weightDecay;
  const shrink = decoupled ? 1 - lr * weightDecay : 1;
  const m = state.expAvg;
  const v = state.expAvgSq;
  const vMax = amsgrad ? (state.maxExpAvgSq ??= zerosLike(param)) : v;
  for (let i = 0; i < param.length; i++) {
    param[i] = param[i]! * shrink;
    const theta = param[i]!;
    const g = grad[i]! + l2 * theta;
    m[i] = beta1 * m[i]! + (1 - beta1) * g;
    v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
    if (amsgrad && v[i]! > vMax[i]!) vMax[i] = v[i]!;
    param[i] = theta - (stepSize * m[i]!) / (Math.sqrt(vMax[i]!) / biasCorrection2Sqrt + eps);
  }
}

function validateAdam(name: string, group: AdamHyperparameters): void {
  expectInRange(name, 'lr', group.lr, 0);
  expectInRange(name, 'betas[0]', group.betas[0], 0, 1);
  expectInRange(name, 'betas[1]', group.betas[1], 0, 1);
  expectInRange(name, 'eps', group.eps, 0);
  expectInRange(name, 'weightDecay', group.weightDecay, 0);
}

function freshState(param: Tensor): AdamState {
  const data = param.data as FloatArray;
  return { step: 0, expAvg: zerosLike(data), expAvgSq: zerosLike(data), maxExpAvgSq: null };
}

/**
 * Adam (Kingma & Ba 2015), as in the chapter and PyTorch: g ← ∇L + λθ;
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ),
 * θ ← θ − η m̂/(√v̂ + ε). Defaults lr 1e-3, β (0.9, 0.999), ε 1e-8.
 */
export class Adam extends Optimizer<AdamHyperparameters, AdamState> {
  constructor(params: Iterable<Tensor> | readonly ParamGroupSpec<AdamHyperparameters>[], options: AdamOptions = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false }, options);
  }

  protected validate(group: AdamHyperparameters): void {
    validateAdam('Adam', group);
  }

  protected initState(param: Tensor): AdamState {
    return freshState(param);
  }

  protected update(param: FloatArray, grad: FloatArray, group: AdamHyperparameters, state: AdamState): void {
    adamUpdate(param, grad, group, state, false);
  }
}

/**
 * AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay — first
 * θ ← θ(1 − ηλ), then the Adam step on the plain gradient. Default λ = 0.01.
 */
export class AdamW extends Optimizer<AdamHyperparameters, AdamState> {
  constructor(params: Iterable<Tensor> | readonly ParamGroupSpec<AdamHyperparameters>[], options: AdamOptions = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false }, options);
  }

  protected validate(group: AdamHyperparameters): void {
    validateAdam('AdamW', group);
  }

  protected initState(param: Tensor): AdamState {
    return freshState(param);
  }

  protected update(param: FloatArray, grad: FloatArray, group: AdamHyperparameters, state: AdamState): void {
    adamUpdate(param, grad, group, state, true);
  }
}
