import { formatNumber } from '../format.js';
import { toJson } from '../json.js';
import { escapeHtml } from './escape.js';

/** The measured metrics as a two-column table (name, value); full precision in the cell's title. */
export function metricsTable(metrics: Record<string, number>): string {
  const rows = Object.entries(metrics)
    .map(
      ([name, value]) =>
        `<tr><th scope="row">${escapeHtml(name)}</th><td title="${escapeHtml(String(value))}">${escapeHtml(formatNumber(value))}</td></tr>`,
    )
    .join('');
  return rows ? `<table class="kv metrics"><tbody>${rows}</tbody></table>` : '<p class="muted">No metrics.</p>';
}

function settingValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (value === undefined) return 'undefined';
  return toJson(value, 0) ?? String(value);
}

/** The settings as a table; structured values are shown as compact JSON. */
export function settingsTable(settings: Record<string, unknown>): string {
  const rows = Object.entries(settings)
    .map(([name, value]) => {
      return `<tr><th scope="row">${escapeHtml(name)}</th><td><code>${escapeHtml(settingValue(value))}</code></td></tr>`;
    })
    .join('');
  return rows ? `<table class="kv settings"><tbody>${rows}</tbody></table>` : '';
}
