import type { Series } from '../../experiment.js';
import { grid, xAxis, yAxis } from './axes.js';
import type { ChartSize, PlotArea } from './chart.js';
import { type LegendItem, legend } from './legend.js';
import { seriesStyle } from './palette.js';
import { acceptFor, type PreparedSeries, preparePoints } from './points.js';
import { linearScale, logScale, type Scale } from './scale.js';
import { textWidth } from './svg.js';

/** What a line or scatter chart needs to describe its axes and data. */
export interface XYSpec {
  xLabel: string;
  yLabel: string;
  logX: boolean;
  logY: boolean;
  series: Series[];
  mark: 'line' | 'dot';
  /** Extra x values the axis must show (marker positions). */
  extraX?: number[];
}

/** Scales, plot area and the chart's furniture, ready for the data to be drawn between them. */
export interface XYFrame {
  x: Scale;
  y: Scale;
  area: PlotArea;
  series: (PreparedSeries & { color: string; dash: string | undefined })[];
  /** Grid lines: draw before the data. */
  background: string;
  /** Axes and legend: draw after the data. */
  foreground: string;
  notes: string[];
}

/** Lays out an x/y chart: drops undrawable points, fits nice scales, places legend and axes. */
export function xyFrame(spec: XYSpec, size: ChartSize): XYFrame {
  const acceptX = acceptFor(spec.logX);
  const acceptY = acceptFor(spec.logY);
  const { prepared, notes } = preparePoints(spec.series, acceptX, acceptY);
  const xs: number[] = (spec.extraX ?? []).filter(acceptX);
  const ys: number[] = [];
  for (const s of prepared) {
    for (const segment of s.segments) {
      for (const [x, y] of segment) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  const makeX = (range: readonly [number, number]) =>
    spec.logX ? logScale(xs, range) : linearScale(xs, range, { target: 7 });
  const makeY = (range: readonly [number, number]) => (spec.logY ? logScale(ys, range) : linearScale(ys, range));

  const probeY = makeY([0, 1]);
  const tickWidth = Math.max(0, ...probeY.ticks.map((t) => textWidth(probeY.format(t))));
  const left = (spec.yLabel ? 22 : 0) + tickWidth + 14;
  const right = 24;
  const styled = prepared.map((s, i) => ({ ...s, ...seriesStyle(i) }));
  const items: LegendItem[] =
    styled.length > 1 ? styled.map((s) => ({ name: s.name, color: s.color, dash: s.dash, mark: spec.mark })) : [];
  const legendTop = 8;
  const key = legend(items, left, legendTop, size.width - left - right);
  const top = legendTop + key.height + 8;
  const bottom = spec.xLabel ? 48 : 30;
  const area: PlotArea = { left, top, width: size.width - left - right, height: size.height - top - bottom };
  const x = makeX([area.left, area.left + area.width]);
  const y = makeY([area.top + area.height, area.top]);
  return {
    x,
    y,
    area,
    series: styled,
    background: grid(x, y, area),
    foreground: xAxis(x, area, spec.xLabel) + yAxis(y, area, spec.yLabel, 14) + key.svg,
    notes,
  };
}
