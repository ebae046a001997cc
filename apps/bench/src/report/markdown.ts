import { BUDGET_SECONDS } from '../cases/plan.js';
import type { BenchReport } from '../run/bench.js';
import { NOISY_SPREAD } from '../stats.js';
import { notInstallable } from '../systems/registry.js';
import { caseSection } from './case-section.js';
import { formatNumber, formatRss } from './format.js';
import { markdownTable } from './table.js';

function systemsSection(report: BenchReport): string {
  const label = (id: string): string => report.systems.find((s) => s.id === id)?.label ?? id;
  const rows = report.runs.map((run) => [
    label(run.system),
    run.unavailable === undefined ? run.version : 'not available',
    run.threads || '—',
    run.unavailable === undefined ? formatRss(run.peakRssKiB) : '—',
    run.loadAtStart.toFixed(2),
    run.unavailable === undefined ? `${run.seconds.toFixed(0)} s` : '—',
  ]);
  const unavailable = report.runs.flatMap((run) =>
    run.unavailable === undefined ? [] : [`${label(run.system)}: not available — ${run.unavailable}.`],
  );
  const notedBy = new Map<string, string[]>();
  for (const run of report.runs) {
    for (const note of run.notes ?? []) notedBy.set(note, [...(notedBy.get(note) ?? []), label(run.system)]);
  }
  const notes = [...unavailable, ...[...notedBy].map(([note, systems]) => `${systems.join(', ')}: ${note}.`)];
  return [
    '## Systems',
    '',
    'Each system runs its cases in a process of its own (Node child processes; python3 for PyTorch), so the peak RSS is per system (Node: `process.resourceUsage().maxRSS`; Python: `ru_maxrss`).',
    '',
    markdownTable(['system', 'version', 'threads', 'peak RSS', 'load avg at start', 'wall time'], rows),
    '',
    ...notes.map((note) => `- ${note}`),
    ...notInstallable.map(({ label: name, reason }) => `- ${name}: not measured — ${reason}.`),
  ].join('\n');
}

function machineSection(report: BenchReport): string {
  const { machine } = report;
  const load = (values: readonly number[]): string => values.map((v) => v.toFixed(2)).join(', ');
  const flags = machine.vectorFlags.length > 0 ? machine.vectorFlags.join(' ') : 'none of the usual SIMD flags';
  const avx512 = machine.vectorFlags.includes('avx512f') ? '' : ' (no AVX-512)';
  return [
    '## Machine',
    '',
    markdownTable(
      ['', ''],
      [
        ['CPU', machine.cpuModel],
        ['logical CPUs', String(machine.cores)],
        ['vector flags', `${flags}${avx512}`],
        ['memory', `${formatNumber(machine.memoryGiB)} GiB`],
        ['OS', machine.os],
        ['Node', machine.node],
        ['load average (1, 5, 15 min) at start', load(machine.loadAverage)],
        ['load average at end', load(report.loadAfter)],
      ],
    ),
    '',
    `A load average above ${machine.cores} (the logical CPU count) means other processes competed for the CPUs during the run: absolute figures are then low and noisy, while ratios measured side by side suffer less.`,
  ].join('\n');
}

/** BENCHMARKS.md: machine, systems, method, and one section per case with absolute figures and ratios. */
export function renderMarkdown(report: BenchReport): string {
  const mode = report.quick ? ' with `--quick` (few iterations: a smoke run, not for quoting)' : '';
  return [
    '# Benchmarks',
    '',
    `Output of \`${report.command}\`${mode}, ${report.date.slice(0, 16).replace('T', ' ')} UTC, ${report.seconds.toFixed(0)} s. Regenerate with \`npx -y pnpm@10.34.9 bench\`; options in [apps/bench](apps/bench/README.md).`,
    '',
    machineSection(report),
    '',
    '## Method',
    '',
    `Every system runs the same shapes with the same number of warm-up calls and timed repetitions (listed under each table). A repetition times a number of consecutive calls and gives seconds per call; a figure is the median over repetitions, and ±x% is the spread, half the interquartile range relative to the median. ⚠ marks a spread above ±${NOISY_SPREAD * 100}%. Ratios compare medians. A system too slow for the plan gets a time budget per variant (${report.quick ? BUDGET_SECONDS.quick : BUDGET_SECONDS.full} s): it then runs fewer iterations, and its figure is marked ‡ with the counts it ran. Steps read their results back to JavaScript memory (\`dataSync\` for TensorFlow.js, copies out of ONNX Runtime) so no system is timed on work it has not finished.`,
    '',
    systemsSection(report),
    '',
    ...report.cases.flatMap((c) => [caseSection(report, c), '']),
  ].join('\n');
}
