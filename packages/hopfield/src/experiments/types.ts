import type { Experiment, ExperimentResult, RunContext, Size } from '@shinkei/core-tensor/experiment';

export type { ExperimentResult, Figure, Image, Series, Size, Verdict } from '@shinkei/core-tensor/experiment';

/**
 * What a hopfield experiment needs of the tour's run context (core-tensor's experiment
 * contract): the size, the seed and, optionally, a progress callback.
 */
export type RunOptions = Pick<RunContext, 'size' | 'seed'> & Partial<Pick<RunContext, 'progress'>>;

/** One reproducible experiment of §6.1.6–6.1.7; assignable to the contract's `Experiment`. */
export interface HopfieldExperiment extends Omit<Experiment, 'topic' | 'run'> {
  topic: 'hopfield';
  run(options: RunOptions): Promise<ExperimentResult> | ExperimentResult;
}

/** Pick the setting of a run size. */
export function bySize<T>(size: Size, choices: { quick: T; default: T; full: T }): T {
  return choices[size];
}

/** Progress callback that maps a stage's [0, 1] onto [from, to] of the whole run. */
export function stage(
  progress: RunOptions['progress'],
  from: number,
  to: number,
  label?: string,
): (fraction: number) => void {
  return (fraction) => progress?.(from + (to - from) * Math.min(1, Math.max(0, fraction)), label);
}

/** A number for a verdict's text: 4 significant digits, scientific notation when small. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) < 1e-3 ? value.toExponential(2) : Number(value.toPrecision(4)).toString();
}
