import { escapeHtml } from '../escape.js';
import { attrs } from './svg.js';

/** A drawn chart: its SVG markup and notes for the reader (skipped points and the like). */
export interface Chart {
  svg: string;
  notes: string[];
}

/** Where the data is drawn inside the SVG, in pixels. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The outer size of a chart in pixels. */
export interface ChartSize {
  width: number;
  height: number;
}

/** The size every x/y chart gets unless told otherwise. */
export const defaultChartSize: ChartSize = { width: 720, height: 380 };

/** Wraps chart markup in a root `<svg>` with a viewBox so it scales down on narrow screens. */
export function svgRoot(size: ChartSize, title: string, body: string): string {
  const root = attrs({
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: `0 0 ${size.width} ${size.height}`,
    width: size.width,
    height: size.height,
    role: 'img',
    'aria-label': title,
    class: 'chart',
    'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    'font-size': 12,
  });
  return `<svg${root}><title>${escapeHtml(title)}</title>${body}</svg>`;
}
