import type { AnyOptimizer } from './scheduler.js';
import { LRScheduler } from './scheduler.js';

export interface OneCycleOptions {
  /** Peak learning rate (one per group, or one for all). */
  maxLr: number | readonly number[];
  /** Length of the cycle in steps. */
  totalSteps: number;
  /** Fraction of the steps spent rising to maxLr (default 0.3). */
  pctStart?: number;
  /** Cosine (default) or linear interpolation between the phase ends. */
  annealStrategy?: 'cos' | 'linear';
  /** Starting lr = maxLr / divFactor (default 25). */
  divFactor?: number;
  /** Final lr = starting lr / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Fast.ai's three phases: up, back down to the start, then the final anneal (default false). */
  threePhase?: boolean;
  /** Cycle momentum (or β₁) inversely to the lr between maxMomentum and baseMomentum (default true). */
  cycleMomentum?: boolean;
  baseMomentum?: number;
  maxMomentum?: number;
}

interface Phase {
  end: number;
  lr: [from: 'initial' | 'max' | 'min', to: 'initial' | 'max' | 'min'];
  momentum: [from: 'base' | 'max', to: 'base' | 'max'];
}

/**
 * The 1cycle policy (Smith & Topin 2018), as PyTorch's OneCycleLR: the lr rises from
 * maxLr/divFactor to maxLr over pctStart of the steps, then anneals to
 * maxLr/(divFactor·finalDivFactor), while momentum moves the opposite way.
 * Between phase ends a and b, cos: b + (a − b)(1 + cos(π·p))/2, linear: a + (b − a)·p.
 */
export class OneCycleLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, options: OneCycleOptions) {
    const {
      totalSteps,
      pctStart = 0.3,
      annealStrategy = 'cos',
      divFactor = 25,
      finalDivFactor = 1e4,
      threePhase = false,
    } = options;
    const { cycleMomentum = true, baseMomentum = 0.85, maxMomentum = 0.95 } = options;
    if (!Number.isInteger(totalSteps) || totalSteps < 1)
      throw new RangeError(`OneCycleLR: totalSteps must be an integer ≥ 1, got ${totalSteps}`);
    if (!(pctStart >= 0 && pctStart <= 1))
      throw new RangeError(`OneCycleLR: pctStart must be in [0, 1], got ${pctStart}`);
    const groups = optimizer.paramGroups;
    const maxLrs = typeof options.maxLr === 'number' ? groups.map(() => options.maxLr as number) : [...options.maxLr];
    if (maxLrs.length !== groups.length)
      throw new RangeError(`OneCycleLR: ${maxLrs.length} maxLr values for ${groups.length} parameter groups`);
    const phases: Phase[] = threePhase
      ? [
          { end: pctStart * totalSteps - 1, lr: ['initial', 'max'], momentum: ['max', 'base'] },
          { end: 2 * pctStart * totalSteps - 2, lr: ['max', 'initial'], momentum: ['base', 'max'] },
          { end: totalSteps - 1, lr: ['initial', 'min'], momentum: ['max', 'max'] },
        ]
      : [
          { end: pctStart * totalSteps - 1, lr: ['initial', 'max'], momentum: ['max', 'base'] },
          { end: totalSteps - 1, lr: ['max', 'min'], momentum: ['base', 'max'] },
        ];
    const anneal = annealStrategy === 'cos' ? cosineAnneal : linearAnneal;
    const locate = (t: number): { phase: Phase; pct: number } => {
      if (t > totalSteps) throw new RangeError(`OneCycleLR: stepped ${t} times, past totalSteps ${totalSteps}`);
      let start = 0;
      for (const phase of phases.slice(0, -1)) {
        if (t <= phase.end) return { phase, pct: (t - start) / (phase.end - start) };
        start = phase.end;
      }
      const last = phases[phases.length - 1]!;
      return { phase: last, pct: (t - start) / (last.end - start) };
    };
    for (const [i, group] of groups.entries()) group.initialLr = maxLrs[i]! / divFactor;
    const momentumValue = { base: baseMomentum, max: maxMomentum };
    super(optimizer, {
      lr: (t, initial, group) => {
        const { phase, pct } = locate(t);
        const value = { initial, max: maxLrs[group]!, min: initial / finalDivFactor };
        return anneal(value[phase.lr[0]], value[phase.lr[1]], pct);
      },
      ...(cycleMomentum && {
        momentum: (t: number) => {
          const { phase, pct } = locate(t);
          return anneal(momentumValue[phase.momentum[0]], momentumValue[phase.momentum[1]], pct);
        },
      }),
    });
  }
}

function cosineAnneal(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
}

function linearAnneal(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}
