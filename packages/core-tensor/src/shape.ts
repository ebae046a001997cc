import { ShapeError } from './errors.js';

export type Shape = readonly number[];

/** Number of elements: the product of the dims (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** NumPy broadcasting: align trailing dims; each pair must be equal or contain a 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot broadcast (dim ${i}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Resolve a possibly negative dim against `ndim`, throwing a RangeError that names the op. */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const d = dim < 0 ? dim + ndim : dim;
  if (!Number.isInteger(dim) || d < 0 || d >= Math.max(ndim, 1)) {
    throw new RangeError(
      `${op}: dim ${dim} is out of range for a tensor of ${ndim} dims (expected ${-Math.max(ndim, 1)} … ${Math.max(ndim, 1) - 1})`,
    );
  }
  return d;
}

/** Normalise `dim` (one, several, or all when undefined) into a sorted list of unique dims. */
export function normalizeDims(op: string, dim: number | readonly number[] | undefined, ndim: number): number[] {
  if (dim === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const dims = (typeof dim === 'number' ? [dim] : [...dim]).map((d) => normalizeDim(op, d, ndim));
  const unique = [...new Set(dims)].sort((x, y) => x - y);
  if (unique.length !== dims.length) throw new RangeError(`${op}: dim ${JSON.stringify(dim)} repeats a dimension`);
  return unique;
}

/** Check that every dim is a non-negative integer. */
export function checkShape(op: string, shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0)
      throw new ShapeError(`${op}: invalid shape ${formatShape(shape)} (dims must be non-negative integers)`);
  }
}
