import {
  clean,
  formatLinearTick,
  formatLogTick,
  linearTicks,
  logTicks,
  niceLinearDomain,
  niceLogDomain,
  niceStep,
} from './ticks.js';

/** A map from data values to pixels along one axis, with its ticks. */
export interface Scale {
  kind: 'linear' | 'log';
  domain: readonly [number, number];
  range: readonly [number, number];
  /** Whether a value can be drawn on this axis (finite, and positive on a log axis). */
  accepts(value: number): boolean;
  /** Maps a value the axis accepts to a pixel coordinate. */
  map(value: number): number;
  ticks: number[];
  minorTicks: number[];
  format(value: number): string;
}

/** The smallest and largest of the values that pass `keep`, or undefined when none do. */
export function extent(values: Iterable<number>, keep: (value: number) => boolean): [number, number] | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!keep(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}

const isFiniteNumber = (v: number) => Number.isFinite(v);
const isPositive = (v: number) => Number.isFinite(v) && v > 0;

/** A linear scale over the finite values, extended to nice ticks: x ↦ r₀ + (x − d₀)/(d₁ − d₀)·(r₁ − r₀). */
export function linearScale(
  values: Iterable<number>,
  range: readonly [number, number],
  options: { includeZero?: boolean; target?: number } = {},
): Scale {
  const target = options.target ?? 5;
  let [min, max] = extent(values, isFiniteNumber) ?? [0, 1];
  if (options.includeZero) [min, max] = [Math.min(min, 0), Math.max(max, 0)];
  const domain = niceLinearDomain(min, max, target);
  const [d0, d1] = domain;
  const step = niceStep(d1 - d0, target);
  return {
    kind: 'linear',
    domain,
    range,
    accepts: isFiniteNumber,
    map: (v) => range[0] + ((v - d0) / (d1 - d0)) * (range[1] - range[0]),
    ticks: linearTicks(d0, d1, target),
    minorTicks: [],
    format: (v) => formatLinearTick(clean(v), step),
  };
}

/** A log₁₀ scale over the positive finite values: x ↦ r₀ + log(x/d₀)/log(d₁/d₀)·(r₁ − r₀). */
export function logScale(values: Iterable<number>, range: readonly [number, number]): Scale {
  const [min, max] = extent(values, isPositive) ?? [1, 10];
  const domain = niceLogDomain(min, max);
  const [d0, d1] = domain;
  const { major, minor } = logTicks(d0, d1);
  const span = Math.log(d1 / d0);
  return {
    kind: 'log',
    domain,
    range,
    accepts: isPositive,
    map: (v) => range[0] + (Math.log(v / d0) / span) * (range[1] - range[0]),
    ticks: major,
    minorTicks: minor,
    format: formatLogTick,
  };
}
