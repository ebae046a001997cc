import type { Figure } from '../../experiment.js';
import { type Chart, type ChartSize, defaultChartSize, svgRoot } from './chart.js';
import { decimate } from './decimate.js';
import { coord, el, text } from './svg.js';
import { xyFrame } from './xy-frame.js';

type LineFigure = Extract<Figure, { kind: 'line' }>;

/** Series with at most this many points also get a dot at every point. */
const dotLimit = 40;

/** Draws a line chart: one polyline per series (broken where points are missing), optional markers. */
export function lineChart(figure: LineFigure, size: ChartSize = defaultChartSize): Chart {
  const markers = Array.isArray(figure.markers) ? figure.markers : [];
  const frame = xyFrame(
    {
      xLabel: figure.xLabel,
      yLabel: figure.yLabel,
      logX: figure.logX === true,
      logY: figure.logY === true,
      series: figure.series,
      mark: 'line',
      extraX: markers.map((m) => m.x),
    },
    size,
  );
  const { x, y, area } = frame;
  let data = '';
  for (const s of frame.series) {
    const d = s.segments
      .map((segment) =>
        decimate(
          segment.map(([px, py]): [number, number] => [x.map(px), y.map(py)]),
          area.width,
        )
          .map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${coord(px)} ${coord(py)}`)
          .join(''),
      )
      .join('');
    if (d) {
      data += el('path', {
        d,
        fill: 'none',
        stroke: s.color,
        'stroke-width': 2,
        'stroke-dasharray': s.dash,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      });
    }
    for (const segment of s.segments) {
      if (segment.length !== 1 && s.count > dotLimit) continue;
      for (const [px, py] of segment) data += el('circle', { cx: x.map(px), cy: y.map(py), r: 2.5, fill: s.color });
    }
  }
  const notes = [...frame.notes];
  let marks = '';
  let skippedMarkers = 0;
  markers.forEach((marker, i) => {
    if (!x.accepts(marker.x)) {
      skippedMarkers += 1;
      return;
    }
    const px = x.map(marker.x);
    marks += el('line', {
      x1: px,
      x2: px,
      y1: area.top,
      y2: area.top + area.height,
      stroke: '#555',
      'stroke-dasharray': '5 4',
      'stroke-width': 1.2,
    });
    const nearRight = px > area.left + area.width * 0.75;
    marks += text(marker.label, {
      x: nearRight ? px - 4 : px + 4,
      y: area.top + 14 + (i % 3) * 14,
      'text-anchor': nearRight ? 'end' : 'start',
      fill: '#333',
      stroke: '#fff',
      'stroke-width': 3,
      'paint-order': 'stroke',
      class: 'marker-label',
    });
  });
  if (skippedMarkers > 0)
    notes.push(`${skippedMarkers} marker${skippedMarkers === 1 ? '' : 's'} outside the axis skipped.`);
  const body = `${frame.background}<g class="data">${data}</g>${marks}${frame.foreground}`;
  return { svg: svgRoot(size, figure.title, body), notes };
}
