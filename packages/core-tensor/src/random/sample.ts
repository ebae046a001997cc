import type { DType } from '../dtype.js';
import { allocate } from '../dtype.js';
import { DTypeError, ShapeError } from '../errors.js';
import type { Shape } from '../shape.js';
import { checkShape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import type { Generator } from './generator.js';
import { defaultGenerator } from './generator.js';

export interface RandomOptions {
  generator?: Generator;
  dtype?: DType;
  requiresGrad?: boolean;
}

function filled(op: string, shape: Shape, options: RandomOptions, draw: (g: Generator) => number): Tensor {
  checkShape(op, shape);
  const g = options.generator ?? defaultGenerator();
  const data = allocate(options.dtype ?? 'float32', sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = draw(g);
  const t = new Tensor(data, shape);
  t.requiresGrad = options.requiresGrad ?? false;
  return t;
}

/** U[0, 1) samples. */
export function rand(shape: Shape, options: RandomOptions = {}): Tensor {
  return filled('rand', shape, options, (g) => g.random());
}

/** N(0, 1) samples. */
export function randn(shape: Shape, options: RandomOptions = {}): Tensor {
  return filled('randn', shape, options, (g) => g.normal());
}

/** U[low, high) samples. */
export function uniform(shape: Shape, low = 0, high = 1, options: RandomOptions = {}): Tensor {
  return filled('uniform', shape, options, (g) => low + (high - low) * g.random());
}

/** N(mean, std²) samples. */
export function normal(shape: Shape, mean = 0, std = 1, options: RandomOptions = {}): Tensor {
  if (!(std >= 0)) throw new RangeError(`normal: std must be ≥ 0, got ${std}`);
  return filled('normal', shape, options, (g) => mean + std * g.normal());
}

/** Integers uniform in [low, high), int32. */
export function randint(low: number, high: number, shape: Shape, options: RandomOptions = {}): Tensor {
  return filled('randint', shape, { dtype: 'int32', ...options }, (g) => g.randint(low, high));
}

/** A random permutation of 0 … n−1 (Fisher–Yates), int32. */
export function randperm(n: number, options: { generator?: Generator } = {}): Tensor {
  const g = options.generator ?? defaultGenerator();
  const data = new Int32Array(n);
  for (let i = 0; i < n; i++) data[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = g.randint(0, i + 1);
    const tmp = data[i]!;
    data[i] = data[j]!;
    data[j] = tmp;
  }
  return new Tensor(data, [n]);
}

/** Bernoulli draws: 1 with probability p (a number, or a tensor of probabilities). */
export function bernoulli(p: Tensor | number, shape?: Shape, options: RandomOptions = {}): Tensor {
  const g = options.generator ?? defaultGenerator();
  if (typeof p === 'number') {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli: probability must be in [0, 1], got ${p}`);
    return filled('bernoulli', shape ?? [], options, (gen) => (gen.random() < p ? 1 : 0));
  }
  const out = allocate(options.dtype ?? (p.dtype === 'float64' ? 'float64' : 'float32'), p.size);
  for (let i = 0; i < p.size; i++) {
    const pi = p.data[i]!;
    if (!(pi >= 0 && pi <= 1))
      throw new RangeError(`bernoulli: probabilities must be in [0, 1], got ${pi} at index ${i}`);
    out[i] = g.random() < pi ? 1 : 0;
  }
  return new Tensor(out, p.shape);
}

/**
 * Draw `numSamples` category indices per row from (unnormalised, non-negative) weights:
 * a 1-D tensor of K weights or a 2-D [rows, K] tensor. int32 result.
 */
export function multinomial(
  weights: Tensor,
  numSamples: number,
  options: { replacement?: boolean; generator?: Generator } = {},
): Tensor {
  if (weights.ndim !== 1 && weights.ndim !== 2)
    throw new ShapeError(`multinomial: expected 1-D or 2-D weights, got ${weights.ndim}-D`);
  if (weights.dtype === 'bool') throw new DTypeError('multinomial: weights must be numeric, got bool');
  const g = options.generator ?? defaultGenerator();
  const replacement = options.replacement ?? false;
  const k = weights.shape[weights.ndim - 1]!;
  const rows = weights.ndim === 2 ? weights.shape[0]! : 1;
  if (!replacement && numSamples > k)
    throw new RangeError(`multinomial: cannot draw ${numSamples} samples without replacement from ${k} categories`);
  const out = new Int32Array(rows * numSamples);
  const w = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (let j = 0; j < k; j++) {
      const v = weights.data[r * k + j]!;
      if (!(v >= 0) || !Number.isFinite(v))
        throw new RangeError(`multinomial: weights must be finite and ≥ 0, got ${v} at row ${r}, column ${j}`);
      w[j] = v;
      total += v;
    }
    for (let s = 0; s < numSamples; s++) {
      if (!(total > 0)) throw new RangeError(`multinomial: row ${r} has no positive weight left to sample from`);
      let u = g.random() * total;
      let chosen = k - 1;
      for (let j = 0; j < k; j++) {
        u -= w[j]!;
        if (u < 0 && w[j]! > 0) {
          chosen = j;
          break;
        }
      }
      while (w[chosen] === 0) chosen--;
      out[r * numSamples + s] = chosen;
      if (!replacement) {
        total -= w[chosen]!;
        w[chosen] = 0;
      }
    }
  }
  return new Tensor(out, weights.ndim === 2 ? [rows, numSamples] : [numSamples]);
}
