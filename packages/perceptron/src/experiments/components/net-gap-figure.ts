import type { Figure } from '../types.js';

/** One random net of a gradient comparison and the largest relative gap measured on it. */
export interface NetGap {
  depth: number;
  activation: string;
  head: string;
  gap: number;
}

/**
 * A log-scale bar per net of its relative gradient gap, labelled activation·depth (and the
 * head when not multiclass); nets that agree exactly have no bar (log 0).
 */
export function netGapFigure(title: string, nets: readonly NetGap[]): Figure {
  return {
    kind: 'bar',
    title,
    yLabel: 'relative difference',
    logY: true,
    bars: nets
      .filter((n) => n.gap > 0)
      .map((n) => ({
        label: `${n.activation}·${n.depth}${n.head === 'multiclass' ? '' : `·${n.head}`}`,
        value: n.gap,
      })),
  };
}
