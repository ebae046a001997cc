import { BUDGET_SECONDS, quickIterations } from '../cases/plan.js';
import type { BenchCase, Iterations, Variant } from '../cases/registry.js';
import { isTimed, type SystemRun, type Timed } from '../results.js';
import type { BenchReport } from '../run/bench.js';
import { NOISY_SPREAD, type Summary, summarize } from '../stats.js';
import { notInstallable, REFERENCES, type SystemLabel } from '../systems/registry.js';
import { figure, formatFigure, formatIterations, formatNumber, formatRatio, formatRss } from './format.js';
import { markdownTable } from './table.js';

type Cell = { kind: 'timed'; summary: Summary; timed: Timed } | { kind: 'failed'; reason: string } | { kind: 'absent' };

function cellOf(run: SystemRun, caseId: string, variantId: string): Cell {
  if (run.unavailable !== undefined) return { kind: 'failed', reason: run.unavailable };
  const m = run.measurements.find((x) => x.caseId === caseId && x.variantId === variantId);
  if (m === undefined) return { kind: 'absent' };
  return isTimed(m)
    ? { kind: 'timed', summary: summarize(m.samples), timed: m }
    : { kind: 'failed', reason: m.unavailable };
}

/** Why a figure rests on fewer iterations than planned, or undefined when it does not. */
function overBudget(timed: Timed, planned: Iterations): string | undefined {
  if (timed.coldOnly) return 'one call, the first (cold) one: it alone took longer than the time budget per variant';
  const { warmup, reps, inner } = timed.iterations;
  if (warmup === planned.warmup && reps === planned.reps && inner === planned.inner) return undefined;
  return `over the time budget per variant, so ${formatIterations(timed.iterations)} (warm-up, reps × calls) instead of ${formatIterations(planned)}`;
}

function covers(system: SystemLabel, benchCase: BenchCase): boolean {
  return system.covers === undefined || system.covers.includes(benchCase.id);
}

function caseSection(report: BenchReport, benchCase: BenchCase): string {
  const lines = [`## ${benchCase.title}`, '', benchCase.what, ''];
  if (benchCase.unavailable !== undefined) {
    lines.push(
      `Not available: ${benchCase.unavailable}. The case is registered (same shapes for every system) and measured as soon as it has implementations.`,
    );
    return lines.join('\n');
  }
  const variants: readonly Variant<unknown>[] = benchCase.variants;
  const unit = benchCase.metric === 'GFLOP/s' ? 'GFLOP/s, higher is better' : 'ms per call, lower is better';
  const rows = report.systems
    .filter((s) => covers(s, benchCase))
    .flatMap((system) => {
      const run = report.runs.find((r) => r.system === system.id);
      if (run === undefined) return [];
      const cells = variants.map((v) => cellOf(run, benchCase.id, v.id));
      return cells.every((c) => c.kind === 'absent') ? [] : [{ system, cells }];
    });
  const planned = variants.map((v) => (report.quick ? quickIterations(v.full) : v.full));
  const footnotes = new Set<string>();
  const show = (system: SystemLabel, cell: Cell, variant: number, text: (summary: Summary) => string): string => {
    if (cell.kind === 'timed') {
      const budgetNote = overBudget(cell.timed, planned[variant]!);
      if (budgetNote === undefined) return text(cell.summary);
      footnotes.add(`‡ ${system.label}, ${variants[variant]!.label}: ${budgetNote}`);
      return `${text(cell.summary)} ‡`;
    }
    if (cell.kind === 'absent') return '—';
    footnotes.add(`n/a, ${system.label}: ${cell.reason}`);
    return 'n/a';
  };
  const figures = rows.map(({ system, cells }) => [
    system.label,
    ...cells.map((cell, i) =>
      show(system, cell, i, (s) => formatFigure(figure(s, benchCase.metric, variants[i]!.flops), s)),
    ),
  ]);
  const iterations = planned.map(formatIterations);
  lines.push(
    `Figures in ${unit}:`,
    '',
    markdownTable(
      ['system', ...variants.map((v) => v.label)],
      [...figures, ['*iterations: warm-up, reps × calls*', ...iterations]],
    ),
  );
  const references = REFERENCES.map((ref) => ({ ...ref, run: report.runs.find((r) => r.system === ref.id) }));
  const ratioRows = rows.map(({ system, cells }) => [
    system.label,
    ...cells.map((cell, i) =>
      show(system, cell, i, (s) =>
        references
          .map(({ run }) => {
            const ref = run === undefined ? undefined : cellOf(run, benchCase.id, variants[i]!.id);
            if (ref?.kind !== 'timed') return '—';
            const noisy = s.noisy || ref.summary.noisy;
            return `${formatRatio(ref.summary.median / s.median)}${noisy ? ' ⚠' : ''}`;
          })
          .join(' / '),
      ),
    ),
  ]);
  lines.push(
    '',
    `Speed relative to ${references.map((r) => r.short).join(' / ')} (their median time ÷ this median time: 2.00× is twice as fast, 0.50× half as fast):`,
    '',
    markdownTable(['system', ...variants.map((v) => v.label)], ratioRows),
  );
  if (footnotes.size > 0) lines.push('', ...[...footnotes].map((note) => `- ${note}`));
  return lines.join('\n');
}

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
