import type { Figure } from '../../experiment.js';
import { type Chart, type ChartSize, defaultChartSize, svgRoot } from './chart.js';
import { el } from './svg.js';
import { xyFrame } from './xy-frame.js';

type ScatterFigure = Extract<Figure, { kind: 'scatter' }>;

/** At most about this many dots are drawn in one chart. */
const maxPoints = 5000;

/** Draws a scatter plot: one colour per series, semi-transparent dots so dense regions show. */
export function scatterChart(figure: ScatterFigure, size: ChartSize = defaultChartSize): Chart {
  const frame = xyFrame(
    { xLabel: figure.xLabel, yLabel: figure.yLabel, logX: false, logY: false, series: figure.series, mark: 'dot' },
    size,
  );
  const { x, y } = frame;
  const total = frame.series.reduce((sum, s) => sum + s.count, 0);
  const r = total > 2000 ? 1.8 : total > 500 ? 2.5 : 3.5;
  // Past maxPoints, every stride-th point of each series is drawn (results.json keeps them all).
  const stride = Math.ceil(total / maxPoints);
  let data = '';
  for (const s of frame.series) {
    let dots = '';
    let index = 0;
    for (const segment of s.segments) {
      for (const [px, py] of segment) {
        if (index++ % stride === 0) dots += el('circle', { cx: x.map(px), cy: y.map(py), r });
      }
    }
    data += el('g', { fill: s.color, 'fill-opacity': 0.7 }, dots);
  }
  const notes = [...frame.notes];
  if (stride > 1) notes.push(`${total} points: 1 in every ${stride} of each series is drawn.`);
  const body = `${frame.background}<g class="data">${data}</g>${frame.foreground}`;
  return { svg: svgRoot(size, figure.title, body), notes };
}
