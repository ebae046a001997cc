import type { NestedArray, Tensor } from './tensor.js';

/** Nested JS arrays of a tensor's values (numbers, or booleans for bool tensors). */
export function toNested(t: Tensor): NestedArray {
  const value = (i: number): number | boolean => (t.dtype === 'bool' ? t.data[i] === 1 : t.data[i]!);
  if (t.ndim === 0) return value(0);
  let offset = 0;
  const build = (depth: number): NestedArray[] => {
    const n = t.shape[depth]!;
    const out: NestedArray[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = depth === t.ndim - 1 ? value(offset++) : build(depth + 1);
    return out;
  };
  return build(0);
}

/** Shape and flat values of a nested array, checking that it is rectangular. */
export function flattenNested(value: NestedArray): { shape: number[]; values: number[] } {
  const shape: number[] = [];
  for (let v: NestedArray = value; Array.isArray(v); v = (v as readonly NestedArray[])[0]!) {
    shape.push((v as readonly NestedArray[]).length);
    if ((v as readonly NestedArray[]).length === 0) break;
  }
  const values: number[] = [];
  const walk = (v: NestedArray, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (Array.isArray(v))
        throw new TypeError(`tensor: ragged nested array at ${path || 'top'}: expected a number, got an array`);
      if (typeof v === 'boolean') values.push(v ? 1 : 0);
      else if (typeof v === 'number') values.push(v);
      else throw new TypeError(`tensor: expected numbers or booleans, got ${describe(v)} at ${path || 'top'}`);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new TypeError(
        `tensor: ragged nested array at ${path || 'top'}: expected length ${shape[depth]}, got ${Array.isArray(v) ? v.length : typeof v}`,
      );
    }
    for (const [i, item] of v.entries()) walk(item, depth + 1, `${path}[${i}]`);
  };
  walk(value, 0, '');
  return { shape, values };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  return typeof v === 'string' ? `the string ${JSON.stringify(v)}` : typeof v;
}
