import type { Experiment, ExperimentResult, Size } from '@shinkei/core-tensor/experiment';

export type { ExperimentResult, Figure, Series, Size, Verdict } from '@shinkei/core-tensor/experiment';

/** What an experiment of this package takes: the tour's RunContext fits, and so does `{ size: 'quick', seed: 1 }`. */
export interface RunOptions {
  /** 'quick' (seconds, for tests and CI), 'default' (the tour, minutes) or 'full' (paper size). */
  size: Size;
  /** Every random draw follows from it. */
  seed: number;
  /** Called now and then with the fraction done in [0, 1] and what is being done. */
  progress?(fraction: number, label?: string): void;
}

/** One experiment of §6.1.8: the tour's Experiment, runnable with plain options. */
export interface RnnExperiment extends Omit<Experiment, 'run'> {
  topic: 'rnn';
  run(options: RunOptions): ExperimentResult;
}

/** Pick the setting of a run size. */
export function bySize<T>(size: Size, choices: { quick: T; default: T; full: T }): T {
  return choices[size];
}

/** A number for a verdict's text: 4 significant digits, scientific notation when small. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) < 1e-3 ? value.toExponential(2) : Number(value.toPrecision(4)).toString();
}
