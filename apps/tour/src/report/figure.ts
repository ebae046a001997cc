import type { Figure } from '../experiment.js';
import { escapeHtml } from './escape.js';
import { imagesGrid } from './images.js';
import { barChart } from './svg/bar-chart.js';
import { heatmapChart } from './svg/heatmap.js';
import { lineChart } from './svg/line-chart.js';
import { scatterChart } from './svg/scatter-chart.js';

function draw(figure: Figure): { html: string; notes: string[] } {
  switch (figure.kind) {
    case 'line': {
      const chart = lineChart(figure);
      return { html: chart.svg, notes: chart.notes };
    }
    case 'scatter': {
      const chart = scatterChart(figure);
      return { html: chart.svg, notes: chart.notes };
    }
    case 'bar': {
      const chart = barChart(figure);
      return { html: chart.svg, notes: chart.notes };
    }
    case 'heatmap': {
      const chart = heatmapChart(figure);
      return { html: chart.svg, notes: chart.notes };
    }
    case 'images':
      return imagesGrid(figure);
    case 'text':
      return { html: `<pre class="text-figure">${escapeHtml(figure.text)}</pre>`, notes: [] };
    default: {
      const kind: unknown = (figure as { kind?: unknown }).kind;
      throw new Error(`unknown figure kind ${JSON.stringify(kind)}`);
    }
  }
}

/**
 * Renders one figure as an HTML `<figure>` with its title and notes. A figure that cannot be
 * drawn becomes a visible error box instead of breaking the report.
 */
export function renderFigure(figure: Figure): string {
  const title = escapeHtml(typeof figure?.title === 'string' ? figure.title : 'untitled figure');
  try {
    const { html, notes } = draw(figure);
    const noteHtml = notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
    return `<figure class="figure figure-${escapeHtml(figure.kind)}"><figcaption>${title}</figcaption><div class="figure-body">${html}</div>${noteHtml}</figure>`;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `<figure class="figure figure-error"><figcaption>${title}</figcaption><p class="error">Could not draw this figure: ${escapeHtml(message)}</p></figure>`;
  }
}
