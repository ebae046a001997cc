import type { Series } from '../../experiment.js';

/** A series cut into runs of drawable points; a point that cannot be drawn breaks the run. */
export interface PreparedSeries {
  name: string;
  segments: [number, number][][];
  count: number;
}

/** Predicate saying whether a value can be drawn on an axis. */
export type Accept = (value: number) => boolean;

/** Accepts finite values (linear axis) or positive finite values (log axis). */
export function acceptFor(log: boolean): Accept {
  return log ? (v) => Number.isFinite(v) && v > 0 : Number.isFinite;
}

/**
 * Pairs up x and y, drops points an axis cannot draw, and writes a note for each kind of
 * dropped point, so a NaN never reaches the SVG and the reader learns what was left out.
 */
export function preparePoints(
  series: Series[],
  acceptX: Accept,
  acceptY: Accept,
): { prepared: PreparedSeries[]; notes: string[] } {
  const notes: string[] = [];
  let nonFinite = 0;
  let nonPositive = 0;
  const prepared = series.map((s, index) => {
    const name = typeof s.name === 'string' && s.name !== '' ? s.name : `series ${index + 1}`;
    const xs = Array.isArray(s.x) ? s.x : [];
    const ys = Array.isArray(s.y) ? s.y : [];
    if (xs.length !== ys.length) {
      notes.push(
        `“${name}”: x has ${xs.length} values and y has ${ys.length}; drew the first ${Math.min(xs.length, ys.length)}.`,
      );
    }
    const n = Math.min(xs.length, ys.length);
    const segments: [number, number][][] = [];
    let current: [number, number][] = [];
    let count = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i] as number;
      const y = ys[i] as number;
      if (acceptX(x) && acceptY(y)) {
        current.push([x, y]);
        count += 1;
        continue;
      }
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) nonFinite += 1;
      else nonPositive += 1;
      if (current.length > 0) segments.push(current);
      current = [];
    }
    if (current.length > 0) segments.push(current);
    return { name, segments, count };
  });
  if (nonFinite > 0) notes.push(`${nonFinite} non-finite point${nonFinite === 1 ? '' : 's'} (NaN or ±∞) skipped.`);
  if (nonPositive > 0) notes.push(`${nonPositive} point${nonPositive === 1 ? '' : 's'} ≤ 0 skipped on a log axis.`);
  if (prepared.every((s) => s.count === 0)) notes.push('No drawable data.');
  return { prepared, notes };
}
