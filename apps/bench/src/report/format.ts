import type { BenchCase, Iterations } from '../cases/registry.js';
import type { Summary } from '../stats.js';

/** Three significant digits without exponent notation: 0.0123, 1.23, 123, 12300. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  if (Math.abs(x) >= 1000) return x.toFixed(0);
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(digits, 6));
}

/** The headline figure of a variant: GFLOP/s = flops / median seconds, or milliseconds per call. */
export function figure(summary: Summary, metric: BenchCase['metric'], flops: number | undefined): number {
  if (metric === 'GFLOP/s') {
    if (flops === undefined) throw new RangeError('figure: a GFLOP/s case needs the flops of its variants');
    return flops / summary.median / 1e9;
  }
  return summary.median * 1000;
}

/** A table cell: the figure, its spread (±%; none for a single sample), and ⚠ when it is noisy. */
export function formatFigure(value: number, summary: Summary): string {
  if (summary.n < 2) return formatNumber(value);
  const spread = summary.spread * 100;
  const shown = spread < 1 ? '<1' : spread.toFixed(0);
  return `${formatNumber(value)} ±${shown}%${summary.noisy ? ' ⚠' : ''}`;
}

/** Speed relative to a reference, reference time ÷ this time: "2.50×" is 2.5 times as fast. */
export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

/** Iteration counts as "warm-up, repetitions × calls". */
export function formatIterations({ warmup, reps, inner }: Iterations): string {
  return `${warmup}, ${reps}×${inner}`;
}

/** KiB as MiB. */
export function formatRss(kib: number | null): string {
  return kib === null ? '—' : `${(kib / 1024).toFixed(0)} MiB`;
}
