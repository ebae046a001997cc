import { quickIterations } from '../cases/plan.js';
import type { BenchCase, Variant } from '../cases/registry.js';
import type { BenchReport } from '../run/bench.js';
import type { Summary } from '../stats.js';
import { REFERENCES, type SystemLabel } from '../systems/registry.js';
import { type Cell, cellOf, overBudget } from './cells.js';
import { figure, formatFigure, formatIterations, formatRatio } from './format.js';
import { markdownTable } from './table.js';

interface Row {
  system: SystemLabel;
  cells: Cell[];
}

/** The systems with something to show for the case, each with one cell per variant. */
function rowsOf(report: BenchReport, benchCase: BenchCase): Row[] {
  return report.systems.flatMap((system) => {
    const run = report.runs.find((r) => r.system === system.id);
    if (run === undefined) return [];
    const cells = benchCase.variants.map((v) => cellOf(run, benchCase.id, v.id));
    return cells.every((c) => c.kind === 'absent') ? [] : [{ system, cells }];
  });
}

/**
 * One case: its absolute figures (with spread, iteration counts and ‡ for a cut-short
 * measurement) and the speed of each system relative to the references, medians against
 * medians; n/a cells get their reason as a footnote.
 */
export function caseSection(report: BenchReport, benchCase: BenchCase): string {
  const lines = [`## ${benchCase.title}`, '', benchCase.what, ''];
  if (benchCase.unavailable !== undefined) {
    lines.push(
      `Not available: ${benchCase.unavailable}. The case is registered (same shapes for every system) and measured as soon as it has implementations.`,
    );
    return lines.join('\n');
  }
  const variants: readonly Variant<unknown>[] = benchCase.variants;
  const planned = variants.map((v) => (report.quick ? quickIterations(v.full) : v.full));
  const rows = rowsOf(report, benchCase);
  const footnotes = new Set<string>();
  const show = (system: SystemLabel, cell: Cell, variant: number, text: (summary: Summary) => string): string => {
    if (cell.kind === 'absent') return '—';
    if (cell.kind === 'failed') {
      footnotes.add(`n/a, ${system.label}: ${cell.reason}`);
      return 'n/a';
    }
    const budgetNote = overBudget(cell.timed, planned[variant]!);
    if (budgetNote === undefined) return text(cell.summary);
    footnotes.add(`‡ ${system.label}, ${variants[variant]!.label}: ${budgetNote}`);
    return `${text(cell.summary)} ‡`;
  };

  const figures = rows.map(({ system, cells }) => [
    system.label,
    ...cells.map((cell, i) =>
      show(system, cell, i, (s) => formatFigure(figure(s, benchCase.metric, variants[i]!.flops), s)),
    ),
  ]);
  const unit = benchCase.metric === 'GFLOP/s' ? 'GFLOP/s, higher is better' : 'ms per call, lower is better';
  lines.push(
    `Figures in ${unit}:`,
    '',
    markdownTable(
      ['system', ...variants.map((v) => v.label)],
      [...figures, ['*iterations: warm-up, reps × calls*', ...planned.map(formatIterations)]],
    ),
  );

  const references = REFERENCES.map((ref) => ({ ...ref, run: report.runs.find((r) => r.system === ref.id) }));
  const ratio = (s: Summary, variant: number): string =>
    references
      .map(({ run }) => {
        const ref = run === undefined ? undefined : cellOf(run, benchCase.id, variants[variant]!.id);
        if (ref?.kind !== 'timed') return '—';
        return `${formatRatio(ref.summary.median / s.median)}${s.noisy || ref.summary.noisy ? ' ⚠' : ''}`;
      })
      .join(' / ');
  const ratios = rows.map(({ system, cells }) => [
    system.label,
    ...cells.map((cell, i) => show(system, cell, i, (s) => ratio(s, i))),
  ]);
  lines.push(
    '',
    `Speed relative to ${references.map((r) => r.short).join(' / ')} (their median time ÷ this median time: 2.00× is twice as fast, 0.50× half as fast):`,
    '',
    markdownTable(['system', ...variants.map((v) => v.label)], ratios),
  );
  if (footnotes.size > 0) lines.push('', ...[...footnotes].map((note) => `- ${note}`));
  return lines.join('\n');
}
