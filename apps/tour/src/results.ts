import type { Backend, Figure, Size, Verdict } from './experiment.js';

/** What the tour recorded about one experiment. */
export interface ExperimentRecord {
  id: string;
  topic: string;
  section: string;
  title: string;
  claim: string;
  /** `error` when run() threw or returned something that is not an ExperimentResult. */
  status: 'ok' | 'error';
  error?: { message: string; stack?: string };
  durationMs: number;
  verdicts: Verdict[];
  metrics: Record<string, number>;
  figures: Figure[];
  settings: Record<string, unknown>;
}

/** Counts shown in the summary line and the report header. */
export interface TourCounts {
  experiments: number;
  errors: number;
  verdicts: number;
  passed: number;
}

/** Everything a tour run produced: the content of results.json and the input of the HTML report. */
export interface TourResults {
  tool: 'shinkei tour';
  date: string;
  size: Size;
  seed: number;
  backend: Backend;
  /** The topics asked for with --only, or null for all. */
  only: string[] | null;
  environment: { node: string; platform: string; arch: string; cpus: number };
  totalMs: number;
  counts: TourCounts;
  experiments: ExperimentRecord[];
}

/** Counts experiments, failures and verdicts of a run. */
export function countResults(experiments: ExperimentRecord[]): TourCounts {
  const verdicts = experiments.flatMap((e) => e.verdicts);
  return {
    experiments: experiments.length,
    errors: experiments.filter((e) => e.status === 'error').length,
    verdicts: verdicts.length,
    passed: verdicts.filter((v) => v.pass).length,
  };
}
