import type { PlotArea } from './chart.js';
import type { Scale } from './scale.js';
import { el, text } from './svg.js';

const axisColor = '#444';
const gridColor = '#e6e6e6';
const minorGridColor = '#f3f3f3';

/** Grid lines at the ticks of both axes (drawn first, under the data). */
export function grid(x: Scale | undefined, y: Scale, area: PlotArea): string {
  const right = area.left + area.width;
  const bottom = area.top + area.height;
  let out = '';
  for (const [ticks, color] of [
    [y.minorTicks, minorGridColor],
    [y.ticks, gridColor],
  ] as const) {
    for (const t of ticks) {
      const py = y.map(t);
      out += el('line', { x1: area.left, x2: right, y1: py, y2: py, stroke: color });
    }
  }
  if (x) {
    for (const [ticks, color] of [
      [x.minorTicks, minorGridColor],
      [x.ticks, gridColor],
    ] as const) {
      for (const t of ticks) {
        const px = x.map(t);
        out += el('line', { x1: px, x2: px, y1: area.top, y2: bottom, stroke: color });
      }
    }
  }
  return out;
}

/** The x axis along the bottom of the plot area: line, ticks, tick labels and the axis label. */
export function xAxis(x: Scale, area: PlotArea, label: string): string {
  const bottom = area.top + area.height;
  let out = el('line', { x1: area.left, x2: area.left + area.width, y1: bottom, y2: bottom, stroke: axisColor });
  for (const t of x.minorTicks) {
    const px = x.map(t);
    out += el('line', { x1: px, x2: px, y1: bottom, y2: bottom + 3, stroke: axisColor });
  }
  for (const t of x.ticks) {
    const px = x.map(t);
    out += el('line', { x1: px, x2: px, y1: bottom, y2: bottom + 5, stroke: axisColor });
    out += text(x.format(t), { x: px, y: bottom + 18, 'text-anchor': 'middle', fill: '#333' });
  }
  if (label) {
    out += text(label, { x: area.left + area.width / 2, y: bottom + 38, 'text-anchor': 'middle', fill: '#111' });
  }
  return out;
}

/** The y axis along the left of the plot area; the label is written vertically at `labelX`. */
export function yAxis(y: Scale, area: PlotArea, label: string, labelX: number): string {
  let out = el('line', { x1: area.left, x2: area.left, y1: area.top, y2: area.top + area.height, stroke: axisColor });
  for (const t of y.minorTicks) {
    const py = y.map(t);
    out += el('line', { x1: area.left - 3, x2: area.left, y1: py, y2: py, stroke: axisColor });
  }
  for (const t of y.ticks) {
    const py = y.map(t);
    out += el('line', { x1: area.left - 5, x2: area.left, y1: py, y2: py, stroke: axisColor });
    out += text(y.format(t), { x: area.left - 8, y: py + 4, 'text-anchor': 'end', fill: '#333' });
  }
  if (label) {
    const cy = area.top + area.height / 2;
    out += text(label, {
      x: labelX,
      y: cy,
      'text-anchor': 'middle',
      transform: `rotate(-90 ${labelX} ${cy})`,
      fill: '#111',
    });
  }
  return out;
}
