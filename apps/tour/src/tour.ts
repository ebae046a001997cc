import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Backend, Size, Topic } from './experiment.js';
import { chooseProgressMode, createProgress, type ProgressMode } from './progress.js';
import { countResults, type ExperimentRecord, type TourResults } from './results.js';
import { runExperiment } from './run-experiment.js';
import { selectExperiments } from './select.js';
import { paint } from './style.js';
import { formatSummary } from './summary.js';
import { writeReport } from './write-report.js';

/** How to run the tour. */
export interface TourOptions {
  size: Size;
  seed: number;
  backend: Backend;
  /** Absolute directory for index.html and results.json. */
  outDir: string;
  /** Topic names to run; all topics when undefined. */
  only?: string[] | undefined;
  /** `auto` (the default) picks a bar on a terminal and plain lines elsewhere. */
  progress?: ProgressMode | 'auto';
  /** Where output goes; defaults to stdout. */
  write?: (text: string) => void;
}

/** What a tour run produced. */
export interface TourOutcome {
  /** 0 when every experiment ran, 1 when one threw. */
  exitCode: 0 | 1;
  results: TourResults;
  htmlPath: string;
  jsonPath: string;
}

/**
 * Runs the chosen topics' experiments one after another, each with the same seed, size and
 * backend; a throwing experiment is recorded as failed and the tour goes on. Prints a summary,
 * writes the HTML report and results.json, and returns exit code 1 if any experiment failed.
 */
export async function runTour(options: TourOptions, topics: readonly Topic[]): Promise<TourOutcome> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const interactive = options.write === undefined && process.stdout.isTTY === true;
  const colors = paint(interactive && !process.env.NO_COLOR);
  const mode =
    options.progress === undefined || options.progress === 'auto'
      ? chooseProgressMode(interactive, process.env)
      : options.progress;
  const experiments = selectExperiments(topics, options.only);
  const run = { size: options.size, seed: options.seed, backend: options.backend };
  const reporter = createProgress(mode, write, colors);
  const date = new Date().toISOString();
  const started = performance.now();
  const records: ExperimentRecord[] = [];
  for (const [index, experiment] of experiments.entries()) {
    reporter.start(experiment, index, experiments.length);
    const record = await runExperiment(experiment, run, (fraction, label) => reporter.update(fraction, label));
    reporter.finish(record);
    records.push(record);
  }
  const results: TourResults = {
    tool: 'shinkei tour',
    date,
    ...run,
    only: options.only ?? null,
    environment: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: availableParallelism(),
    },
    totalMs: performance.now() - started,
    counts: countResults(records),
    experiments: records,
  };
  const { htmlPath, jsonPath } = await writeReport(results, options.outDir);
  write(formatSummary(results, colors));
  write(`Report: ${htmlPath}\n`);
  return { exitCode: results.counts.errors > 0 ? 1 : 0, results, htmlPath, jsonPath };
}
