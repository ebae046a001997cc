import { formatDuration } from './format.js';
import type { TourResults } from './results.js';
import type { Paint } from './style.js';

/**
 * The summary printed at the end: one line per verdict
 * (`✓ claim: measured (chapter: …)`), one per failed experiment, then the totals.
 */
export function formatSummary(results: TourResults, colors: Paint): string {
  const lines: string[] = ['', colors.bold('Summary')];
  for (const record of results.experiments) {
    if (record.status === 'error') {
      lines.push(
        `${colors.red('✗')} ${record.topic}/${record.id} (§${record.section}) failed: ${record.error?.message ?? ''}`,
      );
      continue;
    }
    for (const v of record.verdicts) {
      const mark = v.pass ? colors.green('✓') : colors.red('✗');
      lines.push(`${mark} ${v.claim}: ${v.measured} ${colors.dim(`(chapter: ${v.chapter})`)}`);
    }
  }
  const { experiments, errors, verdicts, passed } = results.counts;
  if (experiments === 0) lines.push('No experiments ran: no topic is registered in apps/tour/src/topics/index.ts yet.');
  const failedPart = errors > 0 ? colors.red(`, ${errors} failed`) : '';
  lines.push(
    `${passed}/${verdicts} claims reproduced · ${experiments} experiment${experiments === 1 ? '' : 's'}${failedPart} · size ${results.size} · seed ${results.seed} · backend ${results.backend} · total ${formatDuration(results.totalMs)}`,
  );
  return `${lines.join('\n')}\n`;
}
