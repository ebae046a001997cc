import { describe, expect, it } from 'vitest';
import type { Figure } from '../src/experiment.js';
import { renderFigure } from '../src/report/figure.js';
import { barChart } from '../src/report/svg/bar-chart.js';
import { heatmapChart } from '../src/report/svg/heatmap.js';
import { lineChart } from '../src/report/svg/line-chart.js';
import { scatterChart } from '../src/report/svg/scatter-chart.js';
import { coord } from '../src/report/svg/svg.js';
import { everyFigureKind } from './fixtures/fake-topics.js';

const { NaN: nan, POSITIVE_INFINITY: inf, NEGATIVE_INFINITY: minf } = Number;

/** Every numeric-looking attribute value must parse to a finite number (notes outside the SVG may say "NaN"). */
function expectCleanSvg(html: string): void {
  const svg = html.replace(/<p class="note">.*?<\/p>/g, '');
  expect(svg).not.toMatch(/NaN|Infinity/);
  for (const [, name, value] of svg.matchAll(/\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"/g)) {
    expect(Number.isFinite(Number(value)), `${name}="${value}"`).toBe(true);
  }
  for (const [, d] of svg.matchAll(/\sd="([^"]*)"/g)) expect(d).toMatch(/^[ML0-9. -]+$/);
}

describe('charts never write NaN or Infinity', () => {
  it('line chart: skips non-finite points, breaks the line, and says so', () => {
    const chart = lineChart({
      kind: 'line',
      title: 'loss',
      xLabel: 'step',
      yLabel: 'loss',
      series: [
        { name: 'a', x: [0, 1, 2, 3, 4], y: [1, nan, 3, inf, 5] },
        { name: 'b', x: [0, nan, 2], y: [minf, 1, 2] },
      ],
      markers: [
        { x: nan, label: 'bad' },
        { x: 2, label: 'good' },
      ],
    });
    expectCleanSvg(chart.svg);
    expect(chart.notes.join(' ')).toMatch(/4 non-finite points/);
    expect(chart.notes.join(' ')).toMatch(/1 marker outside/);
    expect(chart.svg).toContain('good');
    expect(chart.svg).toContain('M'); // some data drawn
  });

  it('line chart: all-NaN data still draws axes', () => {
    const chart = lineChart({
      kind: 'line',
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [{ name: 'a', x: [nan], y: [nan] }],
    });
    expectCleanSvg(chart.svg);
    expect(chart.notes).toContain('No drawable data.');
    expect(chart.svg).toContain('<line');
  });

  it('line chart on log axes skips values ≤ 0', () => {
    const chart = lineChart({
      kind: 'line',
      title: 't',
      xLabel: 'n',
      yLabel: 'error',
      logX: true,
      logY: true,
      series: [{ name: 'a', x: [0, 1, 10, 100, 1000], y: [1, 0.1, -1, 0.001, 1e-4] }],
    });
    expectCleanSvg(chart.svg);
    expect(chart.notes.join(' ')).toMatch(/2 points ≤ 0 skipped on a log axis/);
  });

  it('line chart: mismatched lengths are noted and truncated', () => {
    const chart = lineChart({
      kind: 'line',
      title: 't',
      xLabel: '',
      yLabel: '',
      series: [{ name: 'a', x: [1, 2, 3], y: [1, 2] }],
    });
    expectCleanSvg(chart.svg);
    expect(chart.notes.join(' ')).toMatch(/x has 3 values and y has 2/);
  });

  it('scatter: skips non-finite points', () => {
    const chart = scatterChart({
      kind: 'scatter',
      title: 's',
      xLabel: 'x',
      yLabel: 'y',
      series: [{ name: 'a', x: [1, 2, nan, 4], y: [1, inf, 3, 4] }],
    });
    expectCleanSvg(chart.svg);
    expect(chart.svg.match(/<circle/g)).toHaveLength(2);
  });

  it('bar chart: NaN and, on a log axis, zero bars are not drawn', () => {
    const chart = barChart({
      kind: 'bar',
      title: 'b',
      yLabel: 'v',
      logY: true,
      bars: [
        { label: 'a', value: 1 },
        { label: 'b', value: nan },
        { label: 'c', value: 0 },
        { label: 'd', value: 100 },
      ],
    });
    expectCleanSvg(chart.svg);
    expect(chart.notes.join(' ')).toMatch(/1 non-finite value/);
    expect(chart.notes.join(' ')).toMatch(/1 value ≤ 0/);
    const linear = barChart({
      kind: 'bar',
      title: 'b',
      yLabel: '',
      bars: [
        { label: 'neg', value: -2 },
        { label: 'inf', value: inf },
      ],
    });
    expectCleanSvg(linear.svg);
  });

  it('heatmap: NaN cells are gray, small maps are rects, big maps one PNG', () => {
    const small = heatmapChart({ kind: 'heatmap', title: 'h', width: 2, height: 2, values: [0, nan, 1, inf] });
    expectCleanSvg(small.svg);
    expect(small.notes.join(' ')).toMatch(/2 non-finite cells/);
    expect(small.svg).toContain('#d9d9d9');
    const big = heatmapChart({
      kind: 'heatmap',
      title: 'h',
      width: 100,
      height: 60,
      values: Array.from({ length: 6000 }, (_, i) => (i % 7 === 0 ? nan : i)),
    });
    expectCleanSvg(big.svg);
    expect(big.svg).toContain('data:image/png;base64,');
    const constant = heatmapChart({ kind: 'heatmap', title: 'h', width: 3, height: 1, values: [nan, nan, nan] });
    expectCleanSvg(constant.svg);
  });

  it('heatmap with the wrong number of values is an error box, not a crash', () => {
    const html = renderFigure({ kind: 'heatmap', title: 'bad', width: 3, height: 3, values: [1, 2] });
    expect(html).toContain('Could not draw this figure: heatmap: expected 3×3 = 9 values, got 2');
  });

  it('an unknown figure kind is an error box', () => {
    const html = renderFigure({ kind: 'pie', title: 'p' } as unknown as Figure);
    expect(html).toMatch(/unknown figure kind &quot;pie&quot;/);
  });

  it('every figure kind of the fixture renders cleanly', () => {
    for (const figure of everyFigureKind) {
      const html = renderFigure(figure);
      expect(html).not.toContain('Could not draw');
      expectCleanSvg(html);
    }
  });

  it('coordinates are guarded', () => {
    expect(coord(1.23456)).toBe('1.23');
    expect(coord(-0.001)).toBe('0');
    expect(() => coord(nan)).toThrow(/finite coordinate/);
  });
});

describe('chart contents', () => {
  it('line chart has one path per series, a legend and marker lines', () => {
    const line = everyFigureKind[0]!;
    const svg = renderFigure(line);
    expect(svg.match(/<path/g)).toHaveLength(2);
    expect(svg).toContain('class="legend"');
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg).toContain('lr drop');
  });

  it('images become PNG data URIs, tiny ones SVG rects', () => {
    const html = renderFigure(everyFigureKind[4]!);
    expect(html.match(/<img /g)).toHaveLength(3);
    expect(html).toMatch(/<svg[^>]*aria-label="3×3"/);
    expect(html).toContain('grid-template-columns: repeat(4, max-content)');
  });
});

describe('large data', () => {
  it('thins a long line to a few points per pixel column without changing its extremes', () => {
    const n = 100_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => Math.sin(i / 1000) + (i === 54_321 ? 10 : 0));
    const svg = lineChart({
      kind: 'line',
      title: 't',
      xLabel: 'step',
      yLabel: 'loss',
      series: [{ name: 'a', x, y }],
    }).svg;
    expectCleanSvg(svg);
    const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? '';
    const points = d
      .split(/[ML]/)
      .filter(Boolean)
      .map((p) => p.split(' ').map(Number) as [number, number]);
    expect(points.length).toBeLessThan(4 * 720);
    expect(Math.min(...points.map((p) => p[1]))).toBeLessThan(60); // the spike at 11 survives
  });

  it('leaves a line whose x goes back and forth alone', () => {
    const t = Array.from({ length: 5000 }, (_, i) => i / 100);
    const svg = lineChart({
      kind: 'line',
      title: 't',
      xLabel: '',
      yLabel: '',
      series: [{ name: 'loop', x: t.map(Math.cos), y: t.map(Math.sin) }],
    }).svg;
    expect(svg.match(/L/g)?.length).toBe(4999);
  });

  it('draws a sample of a huge scatter and says so', () => {
    const x = Array.from({ length: 20_000 }, (_, i) => i % 97);
    const chart = scatterChart({
      kind: 'scatter',
      title: 's',
      xLabel: '',
      yLabel: '',
      series: [{ name: 'a', x, y: x }],
    });
    expect(chart.svg.match(/<circle/g)).toHaveLength(5000);
    expect(chart.notes.join(' ')).toMatch(/20000 points: 1 in every 4 of each series is drawn/);
  });
});
