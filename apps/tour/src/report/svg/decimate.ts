/**
 * Thins a polyline in pixel space without changing how it looks (M4 aggregation): points
 * are bucketed by pixel column and each column keeps its first, lowest, highest and last
 * point. Only applies when x never decreases and there are more points than `4 · columns`.
 */
export function decimate(points: [number, number][], columns: number): [number, number][] {
  if (points.length <= 4 * columns) return points;
  for (let i = 1; i < points.length; i++)
    if ((points[i] as [number, number])[0] < (points[i - 1] as [number, number])[0]) return points;
  const out: [number, number][] = [];
  let bucket: [number, number][] = [];
  let column = Math.floor((points[0] as [number, number])[0]);
  const flush = () => {
    if (bucket.length === 0) return;
    const first = bucket[0] as [number, number];
    const last = bucket[bucket.length - 1] as [number, number];
    let low = first;
    let high = first;
    for (const p of bucket) {
      if (p[1] < low[1]) low = p;
      if (p[1] > high[1]) high = p;
    }
    const kept = [first, low, high, last].filter((p, i, all) => all.indexOf(p) === i);
    kept.sort((a, b) => bucket.indexOf(a) - bucket.indexOf(b));
    out.push(...kept);
    bucket = [];
  };
  for (const p of points) {
    const c = Math.floor(p[0]);
    if (c !== column) {
      flush();
      column = c;
    }
    bucket.push(p);
  }
  flush();
  return out;
}
