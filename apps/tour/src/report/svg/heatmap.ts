import type { Figure } from '../../experiment.js';
import { pngDataUri } from '../png/encode.js';
import { upscaleNearest } from '../png/raster.js';
import { type Chart, svgRoot } from './chart.js';
import { viridisHex, viridisRgb } from './colormap.js';
import { extent } from './scale.js';
import { el, text, textWidth } from './svg.js';
import { formatLinearTick, linearTicks, niceStep } from './ticks.js';

type HeatmapFigure = Extract<Figure, { kind: 'heatmap' }>;

/** Up to this many cells are drawn as SVG rects; larger maps become one embedded PNG. */
const rectLimit = 2500;
const missingColor = '#d9d9d9';

function indexTicks(count: number): number[] {
  return count <= 1 ? [0] : linearTicks(0, count - 1, 5).filter((t) => Number.isInteger(t));
}

/** Draws values[row·width + col] as coloured cells (row 0 at the top) with a viridis colour bar. */
export function heatmapChart(figure: HeatmapFigure): Chart {
  const { width, height } = figure;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`heatmap: expected positive integer width and height, got ${width}×${height}`);
  }
  const values = Array.isArray(figure.values) ? figure.values : [];
  if (values.length !== width * height) {
    throw new Error(`heatmap: expected ${width}×${height} = ${width * height} values, got ${values.length}`);
  }
  const notes: string[] = [];
  const range = extent(values, Number.isFinite);
  const nonFinite = values.filter((v) => !Number.isFinite(v)).length;
  if (nonFinite > 0) notes.push(`${nonFinite} non-finite cell${nonFinite === 1 ? '' : 's'} (NaN or ±∞) shown in gray.`);
  const [min, max] = range ?? [0, 1];
  const toUnit = (v: number) => (max > min ? (v - min) / (max - min) : 0.5);

  const cell = Math.max(0.5, Math.min(480 / width, 400 / height, 36));
  const mapWidth = cell * width;
  const mapHeight = cell * height;
  const left = (figure.yLabel ? 22 : 0) + textWidth(String(height - 1)) + 14;
  const top = 12;
  const bottom = figure.xLabel ? 44 : 26;
  const barLeft = left + mapWidth + 24;
  const barWidth = 16;
  const barTicks = range ? linearTicks(min, max, 5) : [];
  const step = max > min ? niceStep(max - min, 5) : 1;
  const barLabelWidth = Math.max(0, ...barTicks.map((t) => textWidth(formatLinearTick(t, step))));
  const size = {
    width: Math.ceil(barLeft + barWidth + 10 + barLabelWidth + 8),
    height: Math.ceil(top + Math.max(mapHeight, 120) + bottom),
  };

  let cells = '';
  if (width * height <= rectLimit) {
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const v = values[row * width + col] as number;
        cells += el('rect', {
          x: left + col * cell,
          y: top + row * cell,
          width: cell + 0.3,
          height: cell + 0.3,
          fill: Number.isFinite(v) ? viridisHex(toUnit(v)) : missingColor,
        });
      }
    }
  } else {
    const data = new Uint8Array(width * height * 3);
    values.forEach((v, i) => {
      const rgb = Number.isFinite(v) ? viridisRgb(toUnit(v)) : [0xd9, 0xd9, 0xd9];
      data.set(rgb, i * 3);
    });
    const factor = Math.max(1, Math.min(8, Math.floor(cell)));
    cells = el('image', {
      x: left,
      y: top,
      width: mapWidth,
      height: mapHeight,
      preserveAspectRatio: 'none',
      style: 'image-rendering:pixelated',
      href: pngDataUri(upscaleNearest({ width, height, channels: 3, data }, factor)),
    });
  }

  let axes = '';
  for (const t of indexTicks(width)) {
    const px = left + (t + 0.5) * cell;
    axes += el('line', { x1: px, x2: px, y1: top + mapHeight, y2: top + mapHeight + 4, stroke: '#444' });
    axes += text(String(t), { x: px, y: top + mapHeight + 16, 'text-anchor': 'middle', fill: '#333' });
  }
  for (const t of indexTicks(height)) {
    const py = top + (t + 0.5) * cell;
    axes += el('line', { x1: left - 4, x2: left, y1: py, y2: py, stroke: '#444' });
    axes += text(String(t), { x: left - 7, y: py + 4, 'text-anchor': 'end', fill: '#333' });
  }
  if (figure.xLabel) {
    axes += text(figure.xLabel, { x: left + mapWidth / 2, y: top + mapHeight + 36, 'text-anchor': 'middle' });
  }
  if (figure.yLabel) {
    const cy = top + mapHeight / 2;
    axes += text(figure.yLabel, { x: 14, y: cy, 'text-anchor': 'middle', transform: `rotate(-90 14 ${cy})` });
  }

  const barHeight = Math.max(mapHeight, 120);
  const steps = 48;
  let bar = '';
  for (let i = 0; i < steps; i++) {
    bar += el('rect', {
      x: barLeft,
      y: top + (barHeight * i) / steps,
      width: barWidth,
      height: barHeight / steps + 0.5,
      fill: viridisHex(1 - (i + 0.5) / steps),
    });
  }
  bar += el('rect', { x: barLeft, y: top, width: barWidth, height: barHeight, fill: 'none', stroke: '#444' });
  for (const t of barTicks) {
    const py = top + barHeight * (1 - toUnit(t));
    bar += el('line', { x1: barLeft + barWidth, x2: barLeft + barWidth + 4, y1: py, y2: py, stroke: '#444' });
    bar += text(formatLinearTick(t, step), { x: barLeft + barWidth + 7, y: py + 4, fill: '#333' });
  }
  const body = `<g class="data">${cells}</g>${axes}<g class="colour-scale">${bar}</g>`;
  return { svg: svgRoot(size, figure.title, body), notes };
}
