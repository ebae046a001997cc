import type { Experiment, ExperimentResult, Size } from '@shinkei/core-tensor/experiment';

export type { ExperimentResult, Figure, Series, Size, Verdict } from '@shinkei/core-tensor/experiment';

/** What an experiment of this package takes: the tour's RunContext fits, and so does `{ size: 'quick' }`. */
export interface ExperimentOptions {
  /** 'quick' (seconds, for tests and CI), 'default' (the tour) or 'full' (paper size); default 'default'. */
  size?: Size;
  /** Every random draw follows from it (default 42). */
  seed?: number;
  /** Called now and then with the fraction done in [0, 1] and what is being done. */
  progress?(fraction: number, label?: string): void;
}

/**
 * One experiment of chapter 6.1.1–6.1.5: the tour's Experiment without its topic, runnable
 * with plain options. Most run synchronously; one that loads an optional dependency
 * (onnxruntime-node) returns a promise, so await the result.
 */
export interface PerceptronExperiment extends Omit<Experiment, 'topic' | 'run'> {
  run(options?: ExperimentOptions): ExperimentResult | Promise<ExperimentResult>;
}
