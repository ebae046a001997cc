import { formatDuration } from '../format.js';
import type { TourResults } from '../results.js';
import { escapeHtml } from './escape.js';

/** The page header: what ran, how, and how much of the chapter was reproduced. */
export function header(results: TourResults): string {
  const { counts } = results;
  const allPassed = counts.verdicts > 0 && counts.passed === counts.verdicts && counts.errors === 0;
  const facts: [string, string][] = [
    ['Date', results.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')],
    ['Size', results.size],
    ['Seed', String(results.seed)],
    ['Backend', results.backend],
    ['Topics', results.only ? results.only.join(', ') : 'all'],
    ['Total time', formatDuration(results.totalMs)],
    [
      'Node',
      `${results.environment.node} on ${results.environment.platform}/${results.environment.arch}, ${results.environment.cpus} CPUs`,
    ],
  ];
  const dl = facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('');
  const failed =
    counts.errors > 0
      ? ` · <span class="fail-text">${counts.errors} experiment${counts.errors === 1 ? '' : 's'} failed</span>`
      : '';
  return `<header class="page-header">
<h1>shinkei — the chapter, measured</h1>
<p class="lead">Each claim of the chapter reproduced as an experiment: what the chapter says, what was measured, and the plots.</p>
<p class="score ${allPassed ? 'all-pass' : ''}"><strong>${counts.passed}/${counts.verdicts}</strong> claims reproduced in ${counts.experiments} experiment${counts.experiments === 1 ? '' : 's'}${failed}</p>
<dl class="facts">${dl}</dl>
</header>`;
}
