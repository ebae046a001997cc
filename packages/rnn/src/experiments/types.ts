/**
 * The experiment contract shared with the tour app (apps/tour/src/experiment.ts): an
 * experiment reproduces one claim of the chapter and returns what it measured, with figures
 * for the report to draw. Declared here structurally so the package does not depend on the app.
 */

/** `quick`: seconds (CI smoke runs and tests); `default`: the tour; `full`: paper size. */
export type Size = 'quick' | 'default' | 'full';

/** What an experiment is run with. */
export interface RunOptions {
  size: Size;
  seed: number;
  /** Reports progress in [0, 1], optionally with a label of what is being done. */
  progress?: (fraction: number, label?: string) => void;
}

/** A point series of a line or scatter plot. */
export interface Series {
  name: string;
  x: number[];
  y: number[];
}

/** One grayscale image, row-major; the report normalises each image on its own. */
export interface Image {
  label?: string;
  width: number;
  height: number;
  pixels: number[];
}

/** A figure for the report to draw. */
export type Figure =
  | {
      kind: 'line';
      title: string;
      xLabel: string;
      yLabel: string;
      logX?: boolean;
      logY?: boolean;
      series: Series[];
      markers?: { x: number; label: string }[];
    }
  | { kind: 'scatter'; title: string; xLabel: string; yLabel: string; series: Series[] }
  | { kind: 'bar'; title: string; yLabel: string; logY?: boolean; bars: { label: string; value: number }[] }
  | { kind: 'images'; title: string; images: Image[]; columns?: number }
  | {
      kind: 'heatmap';
      title: string;
      width: number;
      height: number;
      values: number[];
      xLabel?: string;
      yLabel?: string;
    }
  | { kind: 'text'; title: string; text: string };

/** One claim of the chapter next to what was measured. */
export interface Verdict {
  claim: string;
  measured: string;
  chapter: string;
  pass: boolean;
}

/** What an experiment returns. */
export interface ExperimentResult {
  verdicts: Verdict[];
  metrics: Record<string, number>;
  figures: Figure[];
  settings: Record<string, unknown>;
}

/** One reproducible experiment of §6.1.8. */
export interface Experiment {
  id: string;
  topic: 'rnn';
  section: string;
  title: string;
  claim: string;
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
