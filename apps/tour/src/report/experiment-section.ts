import { formatDuration } from '../format.js';
import { reproduceCommand } from '../reproduce.js';
import type { ExperimentRecord, TourResults } from '../results.js';
import { experimentAnchor } from './anchors.js';
import { experimentBadge, verdictBadge } from './badges.js';
import { escapeHtml } from './escape.js';
import { renderFigure } from './figure.js';
import { metricsTable, settingsTable } from './tables.js';

function verdictList(record: ExperimentRecord): string {
  if (record.verdicts.length === 0) return '';
  const items = record.verdicts
    .map(
      (v) =>
        `<li class="${v.pass ? 'pass' : 'fail'}">${verdictBadge(v.pass)} <span class="verdict-claim">${escapeHtml(v.claim)}</span>: <strong>${escapeHtml(v.measured)}</strong> <span class="muted">(chapter: ${escapeHtml(v.chapter)})</span></li>`,
    )
    .join('');
  return `<ul class="verdicts">${items}</ul>`;
}

function errorBox(record: ExperimentRecord): string {
  if (record.status !== 'error') return '';
  const stack = record.error?.stack
    ? `<details><summary>Stack trace</summary><pre>${escapeHtml(record.error.stack)}</pre></details>`
    : '';
  return `<div class="error-box"><p><strong>This experiment failed:</strong> ${escapeHtml(record.error?.message ?? 'unknown error')}</p>${stack}</div>`;
}

/** One experiment's section: title, claim, verdicts, figures, metrics, settings and how to reproduce it. */
export function experimentSection(record: ExperimentRecord, run: TourResults): string {
  const figures = record.figures.map(renderFigure).join('');
  const runLine = `seed ${run.seed} · size ${run.size} · backend ${run.backend} · ran in ${formatDuration(record.durationMs)}`;
  const measured =
    record.status === 'ok'
      ? `<div class="columns"><div><h4>Measured</h4>${metricsTable(record.metrics)}</div><div><h4>Settings</h4><p class="muted">${escapeHtml(runLine)}</p>${settingsTable(record.settings)}</div></div>`
      : `<p class="muted">${escapeHtml(runLine)}</p>`;
  return `<section class="experiment" id="${experimentAnchor(record.topic, record.id)}">
<h3><span class="section-number">§${escapeHtml(record.section)}</span> ${escapeHtml(record.title)} ${experimentBadge(record)}</h3>
<p class="claim"><span class="label">Claim</span> ${escapeHtml(record.claim)}</p>
${verdictList(record)}${errorBox(record)}
${figures ? `<div class="figures">${figures}</div>` : ''}
${measured}
<p class="reproduce"><span class="label">Reproduce</span> <code>${escapeHtml(reproduceCommand(record.topic, run))}</code></p>
</section>`;
}
