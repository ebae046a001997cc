import type { AnyModule } from '../nn/module.js';
import type { StateDict } from '../nn/state-dict.js';

export interface EarlyStoppingOptions {
  /** How many checks without improvement to tolerate before stopping. */
  patience: number;
  /** The least change that counts as an improvement (default 0). */
  minDelta?: number;
  /** 'min' for a loss (default), 'max' for an accuracy. */
  mode?: 'min' | 'max';
}

/**
 * Early stopping (chapter 6.1.5): after each validation check call `step(metric, model)`;
 * it keeps a copy of the best model's state dict and returns true once the metric has
 * not improved by more than minDelta for `patience` checks in a row. Then
 * `restoreBest(model)` loads the best weights back.
 */
export class EarlyStopping {
  readonly patience: number;
  readonly minDelta: number;
  readonly mode: 'min' | 'max';
  /** Best metric seen so far (null before the first check). */
  bestScore: number | null = null;
  /** Index (0-based) of the check that gave the best metric. */
  bestCheck = -1;
  /** Checks since the last improvement. */
  checksWithoutImprovement = 0;
  /** Whether the patience has run out. */
  shouldStop = false;
  #checks = 0;
  #bestState: StateDict | null = null;

  constructor(options: EarlyStoppingOptions) {
    const { patience, minDelta = 0, mode = 'min' } = options;
    if (!Number.isInteger(patience) || patience < 1)
      throw new RangeError(`EarlyStopping: patience must be an integer ≥ 1, got ${patience}`);
    if (!(minDelta >= 0)) throw new RangeError(`EarlyStopping: minDelta must be ≥ 0, got ${minDelta}`);
    this.patience = patience;
    this.minDelta = minDelta;
    this.mode = mode;
  }

  /** Record one check of `metric` for `module`; returns true when training should stop. */
  step(metric: number, module: AnyModule): boolean {
    const check = this.#checks++;
    if (this.improves(metric)) {
      this.bestScore = metric;
      this.bestCheck = check;
      this.checksWithoutImprovement = 0;
      this.#bestState = module.stateDict();
    } else {
      this.checksWithoutImprovement++;
    }
    this.shouldStop = this.checksWithoutImprovement >= this.patience;
    return this.shouldStop;
  }

  private improves(metric: number): boolean {
    if (Number.isNaN(metric)) return false;
    if (this.bestScore === null) return true;
    return this.mode === 'min' ? metric < this.bestScore - this.minDelta : metric > this.bestScore + this.minDelta;
  }

  /** A copy of the best state dict seen (null before the first check). */
  get bestState(): StateDict | null {
    return this.#bestState;
  }

  /** Load the best weights into `module`. */
  restoreBest(module: AnyModule): void {
    if (this.#bestState === null) throw new RangeError('EarlyStopping.restoreBest: no check has been recorded yet');
    module.loadStateDict(this.#bestState);
  }
}
