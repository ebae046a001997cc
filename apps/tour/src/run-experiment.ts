import { performance } from 'node:perf_hooks';
import type { Backend, Experiment, Size } from './experiment.js';
import type { ExperimentRecord } from './results.js';
import { checkResult } from './validate.js';

/**
 * Runs one experiment, timing it and catching whatever it throws: a failure becomes a record
 * with status `error` and the message, so the rest of the tour goes on.
 */
export async function runExperiment(
  experiment: Experiment,
  run: { size: Size; seed: number; backend: Backend },
  onProgress: (fraction: number, label?: string) => void,
): Promise<ExperimentRecord> {
  const base = {
    id: experiment.id,
    topic: experiment.topic,
    section: experiment.section,
    title: experiment.title,
    claim: experiment.claim,
  };
  const started = performance.now();
  let finished = false;
  const progress = (fraction: number, label?: string) => {
    if (finished || !Number.isFinite(fraction)) return;
    onProgress(Math.min(1, Math.max(0, fraction)), label);
  };
  try {
    const result = checkResult(await experiment.run({ ...run, progress }));
    finished = true;
    return { ...base, status: 'ok', durationMs: performance.now() - started, ...result };
  } catch (error) {
    finished = true;
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    return {
      ...base,
      status: 'error',
      error: stack === undefined ? { message } : { message, stack },
      durationMs: performance.now() - started,
      verdicts: [],
      metrics: {},
      figures: [],
      settings: {},
    };
  }
}
