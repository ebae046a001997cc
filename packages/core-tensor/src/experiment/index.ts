/**
 * The experiment contract shared by the topic packages and the tour app: an experiment
 * reproduces one claim of the chapter and returns what it measured, with figures for the
 * report to draw. Types only; it lives here because every topic package depends on
 * core-tensor and packages never depend on apps.
 */

/** How big a run is: `quick` for CI smoke runs (seconds), `default` for the tour (minutes), `full` for paper-size runs. */
export type Size = 'quick' | 'default' | 'full';

/** Which compute backend the experiment should use. */
export type Backend = 'js' | 'ort';

/** What the tour hands to each experiment. */
export interface RunContext {
  size: Size;
  seed: number;
  backend: Backend;
  /** Reports progress in [0, 1]; an optional label says what is being done. */
  progress(fraction: number, label?: string): void;
}

/** A point series of a line or scatter plot. */
export interface Series {
  name: string;
  x: number[];
  y: number[];
}

/** One grayscale image, row-major, any range: the report normalises each image on its own. */
export interface Image {
  label?: string;
  width: number;
  height: number;
  pixels: number[];
}

/** A figure an experiment asks the report to draw. */
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

/** The kinds of figure the report can draw. */
export type FigureKind = Figure['kind'];

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

/** One reproducible experiment of a chapter section. */
export interface Experiment {
  /** Unique within its topic; used in anchors and results.json. */
  id: string;
  topic: string;
  /** The chapter section, e.g. `'6.1.7'`. */
  section: string;
  title: string;
  claim: string;
  run(ctx: RunContext): Promise<ExperimentResult> | ExperimentResult;
}
