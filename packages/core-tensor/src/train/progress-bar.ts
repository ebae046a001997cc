import type { SingleBar } from 'cli-progress';
import { nodeBuiltin } from '../platform/node-builtin.js';
import { formatMetrics, formatSeconds } from './format-metrics.js';

/** How a ProgressBar shows itself: a live bar, one line when it stops, or nothing. */
export type ProgressMode = 'bar' | 'line' | 'silent';

export interface ProgressBarOptions {
  /** Steps to completion (batches in an epoch, say). */
  total: number;
  /** Text before the bar, e.g. `epoch 3/10`. */
  label?: string;
  /** Where to draw (default process.stdout). */
  stream?: NodeJS.WriteStream;
  /** Default: a live bar on an interactive terminal, one final line when not a TTY or when CI is set. */
  mode?: ProgressMode;
}

/** What ProgressBar's error advises in a browser, where it has no terminal. */
const BROWSER_HINT = 'In a browser, show progress yourself (RunningMean and formatMetrics give the numbers).';

/** The mode a bar takes by default: 'bar' on a TTY outside CI (`env` defaults to process.env), else 'line'. */
export function defaultProgressMode(stream: { isTTY?: boolean }, env?: NodeJS.ProcessEnv): ProgressMode {
  if (stream.isTTY !== true) return 'line';
  return (env ?? nodeBuiltin('process', 'defaultProgressMode').env).CI ? 'line' : 'bar';
}

/**
 * cli-progress, loaded when a live bar is drawn rather than imported, so that `/train` bundles
 * for browsers (cli-progress needs Node's events and readline).
 */
function cliProgress(): typeof import('cli-progress') {
  return nodeBuiltin('module', 'ProgressBar', BROWSER_HINT).createRequire(import.meta.url)('cli-progress');
}

/**
 * A terminal progress bar for training loops (over cli-progress), showing steps, running
 * metrics, elapsed time and ETA. Quiet where nobody watches a terminal: with no TTY or in CI
 * it draws nothing while running and prints one summary line on `stop()`. Node only.
 *
 * ```ts
 * const bar = new ProgressBar({ total: loader.length, label: `epoch ${epoch}` });
 * for (const [x, y] of loader) { …; bar.tick({ loss: meanLoss.value }); }
 * bar.stop();
 * ```
 */
export class ProgressBar {
  readonly total: number;
  readonly label: string;
  readonly mode: ProgressMode;
  private readonly stream: NodeJS.WriteStream;
  private readonly bar: SingleBar | undefined;
  private readonly startedAt = performance.now();
  private value = 0;
  private metrics: Record<string, number> = {};
  private stopped = false;

  constructor(options: ProgressBarOptions) {
    if (!(Number.isInteger(options.total) && options.total >= 0))
      throw new RangeError(`ProgressBar: total must be a non-negative integer, got ${options.total}`);
    this.total = options.total;
    this.label = options.label ?? '';
    this.stream = options.stream ?? nodeBuiltin('process', 'ProgressBar', BROWSER_HINT).stdout;
    this.mode = options.mode ?? defaultProgressMode(this.stream);
    if (this.mode === 'bar') {
      const { Presets, SingleBar } = cliProgress();
      this.bar = new SingleBar(
        {
          format: '{label} {bar} {value}/{total} {metrics} | {duration_formatted} < {eta_formatted}',
          barsize: 30,
          hideCursor: false,
          stream: this.stream,
          etaBuffer: 50,
        },
        Presets.shades_classic,
      );
      this.bar.start(this.total, 0, { label: this.label, metrics: '' });
    }
  }

  /** Advance by `steps` (default 1) and show the latest `metrics`. */
  tick(metrics?: Record<string, number>, steps = 1): void {
    this.update(this.value + steps, metrics);
  }

  /** Jump to step `value` and show the latest `metrics`. */
  update(value: number, metrics?: Record<string, number>): void {
    this.value = Math.min(value, this.total);
    if (metrics !== undefined) this.metrics = { ...metrics };
    this.bar?.update(this.value, { label: this.label, metrics: formatMetrics(this.metrics) });
  }

  /** Finish: leave the bar drawn, or print the one summary line; returns that line. */
  stop(): string {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const summary = [
      this.label,
      `${this.value}/${this.total}`,
      formatMetrics(this.metrics),
      `(${formatSeconds(seconds)})`,
    ]
      .filter((s) => s !== '')
      .join(' ');
    if (this.stopped) return summary;
    this.stopped = true;
    if (this.bar !== undefined) this.bar.stop();
    else if (this.mode === 'line') this.stream.write(`${summary}\n`);
    return summary;
  }
}
