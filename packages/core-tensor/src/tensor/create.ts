import type { DType } from '../dtype.js';
import { allocate, dtypeOfStorage, storageFrom } from '../dtype.js';
import { DTypeError, ShapeError } from '../errors.js';
import type { Shape } from '../shape.js';
import { checkShape, formatShape, sizeOf } from '../shape.js';
import { flattenNested } from './nested.js';
import type { NestedArray } from './tensor.js';
import { Tensor } from './tensor.js';

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/**
 * Create a tensor from a number, a nested array or a typed array (copied). The dtype is
 * inferred: booleans → bool, a typed array → its own dtype, numbers → float32.
 */
export function tensor(
  values: NestedArray | ArrayLike<number>,
  options: TensorOptions & { shape?: Shape } = {},
): Tensor {
  let flat: ArrayLike<number>;
  let shape: Shape;
  let inferred: DType = 'float32';
  if (ArrayBuffer.isView(values)) {
    flat = values as unknown as ArrayLike<number>;
    shape = options.shape ?? [flat.length];
    inferred = dtypeOfStorage(values as unknown as ArrayBufferView);
  } else {
    const nested = flattenNested(values as NestedArray);
    flat = nested.values;
    shape = options.shape ?? nested.shape;
    if (isBoolNested(values as NestedArray)) inferred = 'bool';
  }
  checkShape('tensor', shape);
  if (sizeOf(shape) !== flat.length)
    throw new ShapeError(`tensor: ${flat.length} values cannot fill shape ${formatShape(shape)}`);
  const t = new Tensor(storageFrom(options.dtype ?? inferred, flat), shape);
  if (options.requiresGrad) requireFloatGrad('tensor', t);
  t.requiresGrad = options.requiresGrad ?? false;
  return t;
}

function isBoolNested(v: NestedArray): boolean {
  let x: NestedArray = v;
  while (Array.isArray(x)) {
    if (x.length === 0) return false;
    x = x[0]!;
  }
  return typeof x === 'boolean';
}

function requireFloatGrad(op: string, t: Tensor): void {
  if (t.dtype !== 'float32' && t.dtype !== 'float64')
    throw new DTypeError(`${op}: only float tensors can require grad, got ${t.dtype}`);
}

/** A 0-d tensor holding one number. */
export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  return new Tensor(storageFrom(dtype, [value]), []);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: Shape, value: number, options: TensorOptions = {}): Tensor {
  checkShape('full', shape);
  const data = allocate(options.dtype ?? 'float32', sizeOf(shape));
  if (value !== 0) data.fill(value);
  const t = new Tensor(data, shape);
  if (options.requiresGrad) {
    requireFloatGrad('full', t);
    t.requiresGrad = true;
  }
  return t;
}

export function zeros(shape: Shape, options: TensorOptions = {}): Tensor {
  return full(shape, 0, options);
}

export function ones(shape: Shape, options: TensorOptions = {}): Tensor {
  return full(shape, 1, options);
}

export function fullLike(t: Tensor, value: number, options: TensorOptions = {}): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...options });
}

export function zerosLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return fullLike(t, 0, options);
}

export function onesLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return fullLike(t, 1, options);
}

/** Values start, start+step, … below end. int32 when all three are integers, else float32. */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  if (end === undefined) [start, end] = [0, start];
  if (step === 0 || !Number.isFinite(step))
    throw new RangeError(`arange: step must be a finite non-zero number, got ${step}`);
  const n = Math.max(0, Math.ceil((end - start) / step));
  const dtype =
    options.dtype ?? (Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step) ? 'int32' : 'float32');
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** `steps` evenly spaced values from start to end inclusive. */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0)
    throw new RangeError(`linspace: steps must be a non-negative integer, got ${steps}`);
  const data = allocate(options.dtype ?? 'float32', steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) data[i] = i === steps - 1 && steps > 1 ? end : start + i * delta;
  return new Tensor(data, [steps]);
}

/** The n×m identity (m = n by default). */
export function eye(n: number, m = n, options: TensorOptions = {}): Tensor {
  const t = zeros([n, m], options);
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}
