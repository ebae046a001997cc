import type { Figure } from '../../experiment.js';
import { formatNumber } from '../../format.js';
import { escapeHtml } from '../escape.js';
import { grid, yAxis } from './axes.js';
import { type Chart, type ChartSize, defaultChartSize, svgRoot } from './chart.js';
import { palette } from './palette.js';
import { acceptFor } from './points.js';
import { linearScale, logScale } from './scale.js';
import { el, text, textWidth } from './svg.js';

type BarFigure = Extract<Figure, { kind: 'bar' }>;

const maxLabelChars = 28;
/** Labels that do not fit under their bar are turned by this angle (degrees) and shortened further. */
const labelAngle = 45;
const maxTurnedChars = 22;

function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Draws a bar chart: one bar per label from zero (or from the axis floor on a log axis). */
export function barChart(figure: BarFigure, size: ChartSize = defaultChartSize): Chart {
  const log = figure.logY === true;
  const accept = acceptFor(log);
  const bars = (Array.isArray(figure.bars) ? figure.bars : []).map((b) => ({
    full: String(b.label),
    label: shorten(String(b.label), maxLabelChars),
    value: b.value,
  }));
  const notes: string[] = [];
  const drawable = bars.filter((b) => accept(b.value)).map((b) => b.value);
  const nonFinite = bars.filter((b) => typeof b.value !== 'number' || !Number.isFinite(b.value)).length;
  const nonPositive = bars.length - drawable.length - nonFinite;
  if (nonFinite > 0) notes.push(`${nonFinite} non-finite value${nonFinite === 1 ? '' : 's'} (NaN or ±∞) not drawn.`);
  if (nonPositive > 0) notes.push(`${nonPositive} value${nonPositive === 1 ? '' : 's'} ≤ 0 not drawn on a log axis.`);
  if (bars.length === 0) notes.push('No bars.');

  // On a log axis the floor sits below the smallest bar, so that no bar has zero height.
  const smallest = Math.min(...drawable);
  const makeY = (range: readonly [number, number]) =>
    log
      ? logScale(drawable.length > 0 ? [...drawable, smallest / 2] : drawable, range)
      : linearScale(drawable, range, { includeZero: true });
  const probe = makeY([0, 1]);
  const tickWidth = Math.max(0, ...probe.ticks.map((t) => textWidth(probe.format(t))));
  const axisLeft = (figure.yLabel ? 22 : 0) + tickWidth + 14;
  const right = 16;
  const rotate =
    Math.max(0, ...bars.map((b) => textWidth(b.label))) > (size.width - axisLeft - right) / bars.length - 6;
  if (rotate) for (const bar of bars) bar.label = shorten(bar.label, maxTurnedChars);
  const widest = Math.max(0, ...bars.map((b) => textWidth(b.label)));
  const slant = Math.cos((labelAngle * Math.PI) / 180);
  // A turned label reaches left of its bar: leave room for the first one.
  const firstBand = (size.width - axisLeft - right) / Math.max(1, bars.length);
  const left = rotate ? Math.max(axisLeft, widest * slant - firstBand / 2 + 8) : axisLeft;
  const plotWidth = size.width - left - right;
  const band = plotWidth / Math.max(1, bars.length);
  const bottom = rotate ? widest * slant + 28 : 30;
  const top = 16;
  const area = { left, top, width: plotWidth, height: size.height - top - bottom };
  const y = makeY([area.top + area.height, area.top]);
  const base = log ? y.map(y.domain[0]) : y.map(0);

  let data = '';
  let labels = '';
  const showValues = bars.length <= 20;
  const color = palette[0];
  bars.forEach((bar, i) => {
    const cx = area.left + band * (i + 0.5);
    const labelY = area.top + area.height + 16;
    const content =
      bar.label === bar.full ? escapeHtml(bar.label) : `<title>${escapeHtml(bar.full)}</title>${escapeHtml(bar.label)}`;
    labels += rotate
      ? el(
          'text',
          { x: cx, y: labelY, 'text-anchor': 'end', transform: `rotate(-${labelAngle} ${cx} ${labelY})`, fill: '#333' },
          content,
        )
      : el('text', { x: cx, y: labelY, 'text-anchor': 'middle', fill: '#333' }, content);
    if (!accept(bar.value)) {
      data += text('n/a', { x: cx, y: base - 4, 'text-anchor': 'middle', fill: '#999' });
      return;
    }
    const top = y.map(bar.value);
    const width = Math.max(1, band * 0.7);
    data += el('rect', {
      x: cx - width / 2,
      y: Math.min(top, base),
      width,
      height: Math.max(0.5, Math.abs(base - top)),
      fill: color,
    });
    if (showValues) {
      const above = bar.value >= 0 || log;
      data += text(formatNumber(bar.value), {
        x: cx,
        y: above ? Math.min(top, base) - 4 : Math.max(top, base) + 13,
        'text-anchor': 'middle',
        fill: '#222',
        'font-size': 11,
      });
    }
  });
  const baseline = el('line', {
    x1: area.left,
    x2: area.left + area.width,
    y1: base,
    y2: base,
    stroke: '#444',
  });
  const body = `${grid(undefined, y, area)}<g class="data">${data}</g>${baseline}${labels}${yAxis(y, area, figure.yLabel, 14)}`;
  return { svg: svgRoot(size, figure.title, body), notes };
}
