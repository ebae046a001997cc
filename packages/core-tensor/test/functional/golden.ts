/** Loads fixtures/functional/golden.json (written by fixtures/functional/generate.py from PyTorch). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DType } from '../../src/dtype.js';
import { storageFrom } from '../../src/dtype.js';
import { Tensor } from '../../src/tensor/tensor.js';

interface EncodedTensor {
  shape: number[];
  dtype: DType;
  data: number[];
}

export interface GoldenCase {
  inputs: Record<string, EncodedTensor>;
  output: EncodedTensor;
  indices?: EncodedTensor;
  cotangent?: EncodedTensor;
  grads?: Record<string, EncodedTensor>;
  [extra: string]: unknown;
}

const path = fileURLToPath(new URL('../../fixtures/functional/golden.json', import.meta.url));

export const goldenCases: Record<string, GoldenCase> = (
  JSON.parse(readFileSync(path, 'utf8')) as { cases: Record<string, GoldenCase> }
).cases;

/** A fixture tensor as a Tensor of its dtype (floats as float64). */
export function decode(t: EncodedTensor): Tensor {
  return new Tensor(storageFrom(t.dtype, t.data), t.shape);
}

/** Every input of a case, decoded. */
export function inputsOf(c: GoldenCase): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, decode(v)]));
}
