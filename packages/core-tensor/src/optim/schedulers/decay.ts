import type { AnyOptimizer } from './scheduler.js';
import { LRScheduler } from './scheduler.js';

function expectPositive(name: string, field: string, value: number): void {
  if (!(value > 0)) throw new RangeError(`${name}: ${field} must be > 0, got ${value}`);
}

/** Step decay η_t = η₀·γ^⌊t / stepSize⌋ (default γ = 0.1). */
export class StepLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, options: { stepSize: number; gamma?: number }) {
    const { stepSize, gamma = 0.1 } = options;
    expectPositive('StepLR', 'stepSize', stepSize);
    super(optimizer, { lr: (t, base) => base * gamma ** Math.floor(t / stepSize) });
  }
}

/** Exponential decay η_t = η₀·γᵗ. */
export class ExponentialLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, options: { gamma: number }) {
    const { gamma } = options;
    expectPositive('ExponentialLR', 'gamma', gamma);
    super(optimizer, { lr: (t, base) => base * gamma ** t });
  }
}

/** η_t = η₀·λ(t) for a user function λ. */
export class LambdaLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, options: { lrLambda: (step: number) => number }) {
    const { lrLambda } = options;
    super(optimizer, { lr: (t, base) => base * lrLambda(t) });
  }
}

/**
 * Cosine annealing (Loshchilov & Hutter 2017) over tMax steps:
 * η_t = η_min + (η₀ − η_min)(1 + cos(πt / tMax))/2.
 */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, options: { tMax: number; etaMin?: number }) {
    const { tMax, etaMin = 0 } = options;
    expectPositive('CosineAnnealingLR', 'tMax', tMax);
    super(optimizer, { lr: (t, base) => etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2 });
  }
}

/**
 * SGDR, cosine annealing with warm restarts: cycle i lasts T_i = t0·tMultⁱ steps and
 * η = η_min + (η₀ − η_min)(1 + cos(π t_cur / T_i))/2 with t_cur the steps into the cycle.
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  constructor(optimizer: AnyOptimizer, options: { t0: number; tMult?: number; etaMin?: number }) {
    const { t0, tMult = 1, etaMin = 0 } = options;
    if (!Number.isInteger(t0) || t0 < 1)
      throw new RangeError(`CosineAnnealingWarmRestarts: t0 must be an integer ≥ 1, got ${t0}`);
    if (!Number.isInteger(tMult) || tMult < 1)
      throw new RangeError(`CosineAnnealingWarmRestarts: tMult must be an integer ≥ 1, got ${tMult}`);
    super(optimizer, {
      lr: (t, base) => {
        let cycle = t0;
        let into = t;
        while (into >= cycle) {
          into -= cycle;
          cycle *= tMult;
        }
        return etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * into) / cycle))) / 2;
      },
    });
  }
}
