import { readFileSync } from 'node:fs';
import type { DType } from '../../src/dtype.js';
import type { IndexSpec } from '../../src/ops/indexing/index.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';

/** The deterministic input the PyTorch fixtures use: x_k = sin(0.7·k + 0.3) over the flat index k. */
export function sample(shape: readonly number[], dtype: DType = 'float64'): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return tensor(
    Float64Array.from({ length: n }, (_, k) => Math.sin(0.7 * k + 0.3)),
    { shape, dtype },
  );
}

/** An int32 tensor from nested numbers. */
export function ints(values: Parameters<typeof tensor>[0]): Tensor {
  return tensor(values, { dtype: 'int32' });
}

export interface Expected {
  shape: number[];
  values: number[];
}

export type JsonSpec =
  | { kind: 'int'; value: number }
  | { kind: 'none' }
  | { kind: 'ellipsis' }
  | { kind: 'range'; start?: number; stop?: number; step?: number }
  | { kind: 'tensor'; values: number[] };

export function specOf(json: JsonSpec): IndexSpec {
  switch (json.kind) {
    case 'int':
      return json.value;
    case 'none':
      return null;
    case 'ellipsis':
      return '...';
    case 'range':
      return { start: json.start, stop: json.stop, step: json.step };
    case 'tensor':
      return ints(json.values);
  }
}

export interface Fixtures {
  index: { shape: number[]; specs: JsonSpec[]; expected: Expected }[];
  pad: { shape: number[]; pads: number[]; mode: 'constant' | 'reflect' | 'replicate'; expected: Expected }[];
  cumsum: { shape: number[]; dim: number; expected: Expected }[];
  gather: { shape: number[]; dim: number; index: number[][]; expected: Expected }[];
  scatterAdd: { shape: number[]; dim: number; index: number[][]; srcShape: number[]; expected: Expected }[];
  roll: { shape: number[]; shifts: number[]; dims: number[] | null; expected: Expected }[];
  repeat: { shape: number[]; reps: number[]; expected: Expected }[];
  tile: { shape: number[]; reps: number[]; expected: Expected }[];
  triangle: { shape: number[]; k: number; upper: boolean; expected: Expected }[];
  einsum: { equation: string; shapes: number[][]; expected: Expected }[];
}

/** Golden values written by fixtures/indexing/generate.py (PyTorch). */
export function loadFixtures(): Fixtures {
  const url = new URL('../../fixtures/indexing/indexing.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: Fixtures }).cases;
}
