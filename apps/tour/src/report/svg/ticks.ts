import { trimExponent } from '../../format.js';

/** Removes floating-point noise such as `0.30000000000000004` → `0.3`. */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** A "nice" step 1, 2 or 5 × 10ᵏ that splits `span` into about `target` intervals. */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) throw new Error(`niceStep: expected a positive finite span, got ${span}`);
  const raw = span / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return clean(nice * power);
}

/** Widens a degenerate interval (min = max) so that it has a span. */
export function widen(min: number, max: number): [number, number] {
  if (min < max) return [min, max];
  const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
  return [min - pad, max + pad];
}

/** Extends [min, max] outwards to multiples of a nice step (the axis ends on a tick). */
export function niceLinearDomain(min: number, max: number, target = 5): [number, number] {
  const [lo, hi] = widen(min, max);
  const step = niceStep(hi - lo, target);
  return [clean(Math.floor(lo / step + 1e-9) * step), clean(Math.ceil(hi / step - 1e-9) * step)];
}

/** Ticks at the multiples of a nice 1-2-5 step inside [min, max]. */
export function linearTicks(min: number, max: number, target = 5): number[] {
  const [lo, hi] = widen(min, max);
  const step = niceStep(hi - lo, target);
  const ticks: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  for (let k = first; k <= last; k++) ticks.push(clean(k * step));
  return ticks;
}

const mantissas = [1, 2, 5] as const;

/** The largest 1, 2 or 5 × 10ᵏ not above `value` (value > 0). */
export function logFloor(value: number): number {
  const k = Math.floor(Math.log10(value));
  for (const k0 of [k + 1, k, k - 1]) {
    for (const m of [5, 2, 1]) {
      const candidate = clean(m * 10 ** k0);
      if (candidate <= value * (1 + 1e-9)) return candidate;
    }
  }
  return clean(10 ** (k - 1));
}

/** The smallest 1, 2 or 5 × 10ᵏ not below `value` (value > 0). */
export function logCeil(value: number): number {
  const k = Math.floor(Math.log10(value));
  for (const k0 of [k - 1, k, k + 1]) {
    for (const m of mantissas) {
      const candidate = clean(m * 10 ** k0);
      if (candidate >= value * (1 - 1e-9)) return candidate;
    }
  }
  return clean(10 ** (k + 2));
}

/** Extends a positive interval to 1-2-5 values, so a log axis starts and ends on a tick. */
export function niceLogDomain(min: number, max: number): [number, number] {
  if (!(min > 0) || !(max > 0)) throw new Error(`niceLogDomain: expected positive bounds, got [${min}, ${max}]`);
  const lo = logFloor(Math.min(min, max));
  const hi = logCeil(Math.max(min, max));
  return lo < hi ? [lo, hi] : [logFloor(lo * 0.99), logCeil(hi * 1.01)];
}

/**
 * Ticks of a log axis on [min, max]: powers of ten when the axis spans three decades or
 * more (thinned to at most ~8 labels), otherwise the 1-2-5 values; minor ticks at the other
 * integer multiples while they stay readable.
 */
export function logTicks(min: number, max: number): { major: number[]; minor: number[] } {
  if (!(min > 0) || !(max > min)) throw new Error(`logTicks: expected 0 < min < max, got [${min}, ${max}]`);
  const inside = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const first = Math.floor(Math.log10(min));
  const last = Math.ceil(Math.log10(max));
  const decades = Math.log10(max / min);
  const major: number[] = [];
  const minor: number[] = [];
  if (decades >= 3) {
    const every = Math.max(1, Math.ceil(decades / 8));
    for (let k = first; k <= last; k++) {
      const power = clean(10 ** k);
      if (inside(power) && k % every === 0) major.push(power);
      else if (inside(power)) minor.push(power);
      if (decades <= 8) for (let m = 2; m <= 9; m++) if (inside(clean(m * 10 ** k))) minor.push(clean(m * 10 ** k));
    }
  } else {
    for (let k = first; k <= last; k++) {
      for (let m = 1; m <= 9; m++) {
        const v = clean(m * 10 ** k);
        if (!inside(v)) continue;
        if (m === 1 || m === 2 || m === 5) major.push(v);
        else minor.push(v);
      }
    }
  }
  return { major, minor };
}

/** Formats a linear tick with as many decimals as its step needs; very large or small values as `2e5`. */
export function formatLinearTick(value: number, step: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return trimExponent(value.toExponential(2));
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return value.toFixed(Math.min(decimals, 20));
}

/** Formats a log tick: plain between 0.001 and 10⁵, otherwise `1e-6`. */
export function formatLogTick(value: number): string {
  if (value >= 1e-3 && value < 1e5) return String(clean(value));
  return trimExponent(value.toExponential(2));
}
