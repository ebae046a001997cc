import type { ExperimentRecord } from '../results.js';
import { escapeHtml } from './escape.js';

/** The badge next to an experiment's title: failed, or how many claims passed. */
export function experimentBadge(record: ExperimentRecord): string {
  if (record.status === 'error') return '<span class="badge fail">failed</span>';
  const passed = record.verdicts.filter((v) => v.pass).length;
  const total = record.verdicts.length;
  if (total === 0) return '<span class="badge neutral">no claims</span>';
  const kind = passed === total ? 'pass' : 'fail';
  return `<span class="badge ${kind}">${passed}/${total} pass</span>`;
}

/** A single pass or fail badge with its text. */
export function verdictBadge(pass: boolean): string {
  return pass ? '<span class="badge pass">✓ pass</span>' : '<span class="badge fail">✗ fail</span>';
}

/** An escaped inline `<code>`. */
export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}
