import type { Optimizer } from '../optimizer.js';

/** An optimizer of any kind (what a scheduler drives). */
export type AnyOptimizer = Optimizer<any, any>;

/**
 * A learning-rate schedule as pure functions of the step count t = 0, 1, 2, …: the lr
 * of parameter group `group` given its base lr, and optionally the momentum (β₁ for
 * Adam-type optimizers).
 */
export interface Schedule {
  lr(step: number, baseLr: number, group: number): number;
  momentum?(step: number): number;
}

export interface SchedulerStateDict {
  lastEpoch: number;
  baseLrs: number[];
}

/**
 * Drives an optimizer's learning rates along a schedule, like PyTorch's LRScheduler:
 * construction sets step 0's lr; each `step()` (called after `optimizer.step()`)
 * advances one step. Base lrs are the groups' lr when the first scheduler is attached.
 */
export class LRScheduler {
  /** The step the current lr belongs to (0 right after construction). */
  lastEpoch = -1;
  readonly baseLrs: number[];

  constructor(
    readonly optimizer: AnyOptimizer,
    readonly schedule: Schedule,
  ) {
    for (const group of optimizer.paramGroups) group.initialLr ??= group.lr;
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr as number);
    this.step();
  }

  /** Advance to the next step and set every group's lr (and momentum, when scheduled). */
  step(): void {
    this.lastEpoch++;
    const t = this.lastEpoch;
    this.optimizer.paramGroups.forEach((group, i) => {
      group.lr = this.schedule.lr(t, this.baseLrs[i]!, i);
      if (this.schedule.momentum !== undefined) setMomentum(group, this.schedule.momentum(t));
    });
  }

  /** The lr of each group as last set. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  stateDict(): SchedulerStateDict {
    return { lastEpoch: this.lastEpoch, baseLrs: [...this.baseLrs] };
  }

  /** Resume from `stateDict()` (load the optimizer's state dict too: it holds the current lr). */
  loadStateDict(state: SchedulerStateDict): void {
    if (state.baseLrs.length !== this.baseLrs.length) {
      throw new RangeError(
        `${this.constructor.name}.loadStateDict: ${state.baseLrs.length} base lrs for ${this.baseLrs.length} parameter groups`,
      );
    }
    this.lastEpoch = state.lastEpoch;
    this.baseLrs.splice(0, this.baseLrs.length, ...state.baseLrs);
  }
}

/** Set SGD/RMSprop's `momentum` or Adam's β₁. */
function setMomentum(group: Record<string, unknown>, momentum: number): void {
  if (Array.isArray(group.betas)) group.betas = [momentum, group.betas[1]];
  else if (typeof group.momentum === 'number') group.momentum = momentum;
  else
    throw new TypeError('LRScheduler: this schedule cycles momentum, but the optimizer has neither momentum nor betas');
}

/** Throw unless the scheduler drives `optimizer` (for composed schedules). */
export function expectSameOptimizer(name: string, optimizer: AnyOptimizer, scheduler: LRScheduler): void {
  if (scheduler.optimizer !== optimizer)
    throw new RangeError(`${name}: every composed scheduler must drive the same optimizer`);
}
