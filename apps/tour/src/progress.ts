import { Presets, SingleBar } from 'cli-progress';
import type { Experiment } from './experiment.js';
import { formatDuration } from './format.js';
import type { ExperimentRecord } from './results.js';
import type { Paint } from './style.js';

/** How progress is shown: a live bar on a terminal, a line per start and end otherwise, or nothing. */
export type ProgressMode = 'bar' | 'lines' | 'silent';

/** Receives the tour's progress events. */
export interface ProgressReporter {
  start(experiment: Experiment, index: number, total: number): void;
  update(fraction: number, label?: string): void;
  finish(record: ExperimentRecord): void;
}

/** A live bar only on an interactive terminal outside CI; one line per experiment otherwise. */
export function chooseProgressMode(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): ProgressMode {
  return isTTY === true && !env.CI ? 'bar' : 'lines';
}

function heading(experiment: Experiment): string {
  return `§${experiment.section} ${experiment.topic} · ${experiment.title}`;
}

function outcome(record: ExperimentRecord, colors: Paint): string {
  const time = colors.dim(formatDuration(record.durationMs));
  const where = `§${record.section} ${record.topic} · ${record.title}`;
  if (record.status === 'error')
    return `${colors.red('✗')} ${where} failed after ${time}: ${record.error?.message ?? ''}`;
  const passed = record.verdicts.filter((v) => v.pass).length;
  const mark = passed === record.verdicts.length ? colors.green('✓') : colors.red('✗');
  return `${mark} ${where} — ${passed}/${record.verdicts.length} claims in ${time}`;
}

/** Creates the reporter for a mode; `write` receives whole lines (with their newline). */
export function createProgress(mode: ProgressMode, write: (text: string) => void, colors: Paint): ProgressReporter {
  if (mode === 'silent') return { start() {}, update() {}, finish() {} };
  if (mode === 'lines') {
    return {
      start: (experiment, index, total) => write(`▶ [${index + 1}/${total}] ${heading(experiment)}\n`),
      update() {},
      finish: (record) => write(`  ${outcome(record, colors)}\n`),
    };
  }
  let bar: SingleBar | undefined;
  return {
    start(experiment, index, total) {
      bar = new SingleBar(
        {
          format: ` {bar} {percentage}% | [${index + 1}/${total}] {heading} {label}`,
          hideCursor: false,
          clearOnComplete: true,
          barsize: 24,
          stream: process.stdout,
          etaBuffer: 20,
        },
        Presets.shades_classic,
      );
      bar.start(100, 0, { heading: heading(experiment), label: '' });
    },
    update(fraction, label) {
      bar?.update(Math.round(fraction * 100), { label: label ? `· ${label}` : '' });
    },
    finish(record) {
      bar?.stop();
      bar = undefined;
      write(`${outcome(record, colors)}\n`);
    },
  };
}
