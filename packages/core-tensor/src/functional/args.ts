import { DTypeError, ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';

/** A per-axis hyper-parameter given once for both spatial axes or as [height, width]. */
export type Pair = number | readonly [number, number];

/**
 * Expand `value` to [height, width], checking each is an integer ≥ `min`. A value that is
 * neither a number nor a pair (an options object forgotten, `maxPool2d(x, 2)`) is a
 * TypeError naming the op and the option.
 */
export function pair(op: string, name: string, value: Pair, min: number): [number, number] {
  const given: unknown = value;
  if (typeof given !== 'number' && !(Array.isArray(given) && given.length === 2)) {
    throw new TypeError(`${op}: ${name} must be a number or [h, w], got ${shown(given)}`);
  }
  const out: [number, number] = typeof value === 'number' ? [value, value] : [value[0], value[1]];
  if (!out.every((v) => Number.isInteger(v) && v >= min)) {
    throw new RangeError(`${op}: ${name} must be integers ≥ ${min}, got ${shown(value)}`);
  }
  return out;
}

/** Throw unless `options` is an options object (`maxPool1d(x, 2)` passes a number where `{ kernelSize: 2 }` belongs). */
export function expectOptions(op: string, options: unknown, example: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`${op}: expected an options object such as ${example}, got ${shown(options)}`);
}

/** A user-given option value as an error message shows it: `3`, `[2, 2, 2]`, `"2"`, `undefined`, `an object`. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shown).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** Throw unless `x` has exactly `rank` dims, naming the expected layout (`[N,C,H,W]`). */
export function expectRank(op: string, x: Tensor, layout: readonly string[], what = 'input'): void {
  if (x.ndim !== layout.length) {
    throw new ShapeError(`${op}: ${what} ${formatShape(x.shape)} needs ${layout.length} dims [${layout.join(',')}]`);
  }
}

/** Throw unless `x` holds floats. */
export function expectFloat(op: string, x: Tensor, what = 'input'): void {
  if (x.dtype !== 'float32' && x.dtype !== 'float64')
    throw new DTypeError(`${op}: ${what} must be float32 or float64, got ${x.dtype}`);
}

/** Throw unless `x` holds int32 indices. */
export function expectInt(op: string, x: Tensor, what: string): void {
  if (x.dtype !== 'int32') throw new DTypeError(`${op}: ${what} must be int32 indices, got ${x.dtype}`);
}
