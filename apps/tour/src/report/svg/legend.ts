import { el, text, textWidth } from './svg.js';

/** One legend entry: a short line (for line series) or a dot (for scatter series) and a name. */
export interface LegendItem {
  name: string;
  color: string;
  dash?: string | undefined;
  mark: 'line' | 'dot';
}

const rowHeight = 18;
const swatchWidth = 22;

/** Lays the items out left to right in rows no wider than `maxWidth`; returns the markup and its height. */
export function legend(
  items: LegendItem[],
  left: number,
  top: number,
  maxWidth: number,
): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  let x = 0;
  let row = 0;
  let svg = '';
  for (const item of items) {
    const width = swatchWidth + 6 + textWidth(item.name) + 16;
    if (x > 0 && x + width > maxWidth) {
      x = 0;
      row += 1;
    }
    const cx = left + x;
    const cy = top + row * rowHeight + rowHeight / 2;
    svg +=
      item.mark === 'line'
        ? el('line', {
            x1: cx,
            x2: cx + swatchWidth,
            y1: cy,
            y2: cy,
            stroke: item.color,
            'stroke-width': 2.5,
            'stroke-dasharray': item.dash,
          })
        : el('circle', { cx: cx + swatchWidth / 2, cy, r: 4, fill: item.color });
    svg += text(item.name, { x: cx + swatchWidth + 6, y: cy + 4, fill: '#222' });
    x += width;
  }
  return { svg: `<g class="legend">${svg}</g>`, height: (row + 1) * rowHeight + 4 };
}
