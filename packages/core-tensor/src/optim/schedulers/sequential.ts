import type { AnyOptimizer, LRScheduler } from './scheduler.js';
import { expectSameOptimizer, LRScheduler as Scheduler } from './scheduler.js';

/**
 * Run schedulers one after another (PyTorch's SequentialLR): scheduler k drives the
 * steps from milestones[k−1] on, counting its own steps from 0 there.
 */
export class SequentialLR extends Scheduler {
  constructor(optimizer: AnyOptimizer, options: { schedulers: readonly LRScheduler[]; milestones: readonly number[] }) {
    const { schedulers, milestones } = options;
    if (schedulers.length !== milestones.length + 1) {
      throw new RangeError(
        `SequentialLR: ${schedulers.length} schedulers need ${schedulers.length - 1} milestones, got ${milestones.length}`,
      );
    }
    if (milestones.some((m, i) => !Number.isInteger(m) || m < 1 || (i > 0 && m <= milestones[i - 1]!))) {
      throw new RangeError(`SequentialLR: milestones must be increasing integers ≥ 1, got [${milestones.join(', ')}]`);
    }
    for (const s of schedulers) expectSameOptimizer('SequentialLR', optimizer, s);
    const phase = (t: number): { scheduler: LRScheduler; local: number } => {
      let k = 0;
      while (k < milestones.length && t >= milestones[k]!) k++;
      return { scheduler: schedulers[k]!, local: k === 0 ? t : t - milestones[k - 1]! };
    };
    const withMomentum = schedulers.some((s) => s.schedule.momentum !== undefined);
    super(optimizer, {
      lr: (t, base, group) => {
        const { scheduler, local } = phase(t);
        return scheduler.schedule.lr(local, base, group);
      },
      ...(withMomentum && {
        momentum: (t: number) => {
          const { scheduler, local } = phase(t);
          if (scheduler.schedule.momentum === undefined)
            throw new TypeError('SequentialLR: either every scheduler or none may cycle momentum');
          return scheduler.schedule.momentum(local);
        },
      }),
    });
  }
}

/**
 * Linear warm-up over `warmupSteps` steps, η_t = η₀·(s + (1 − s)·t/warmupSteps) from the
 * start factor s (default 0) up to η₀; afterwards the `after` scheduler takes over,
 * counting its steps from 0 (or η₀ is held when there is none).
 */
export class LinearWarmup extends Scheduler {
  constructor(optimizer: AnyOptimizer, options: { warmupSteps: number; startFactor?: number; after?: LRScheduler }) {
    const { warmupSteps, startFactor = 0, after } = options;
    if (!Number.isInteger(warmupSteps) || warmupSteps < 1)
      throw new RangeError(`LinearWarmup: warmupSteps must be an integer ≥ 1, got ${warmupSteps}`);
    if (!(startFactor >= 0 && startFactor <= 1))
      throw new RangeError(`LinearWarmup: startFactor must be in [0, 1], got ${startFactor}`);
    if (after !== undefined) expectSameOptimizer('LinearWarmup', optimizer, after);
    super(optimizer, {
      lr: (t, base, group) => {
        if (t < warmupSteps) return base * (startFactor + ((1 - startFactor) * t) / warmupSteps);
        return after === undefined ? base : after.schedule.lr(t - warmupSteps, base, group);
      },
    });
  }
}
