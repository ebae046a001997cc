import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NestedArray, Tensor } from '../../src/index.js';
import { add, eye, matmul, mul, randn, tensor, transpose, unsqueeze } from '../../src/index.js';

/** Golden values written by fixtures/linalg/generate.py from torch.linalg (float64). */
export const golden = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../fixtures/linalg/linalg.json', import.meta.url)), 'utf8'),
).cases;

export const f64 = (values: NestedArray): Tensor => tensor(values, { dtype: 'float64' });

/** Aᵀ over the last two dims. */
export const mT = (x: Tensor): Tensor => transpose(x, -2, -1);

/** A well-conditioned random square matrix: randn + n·I. */
export function wellConditioned(shape: number[]): Tensor {
  const n = shape[shape.length - 1]!;
  return add(randn(shape, { dtype: 'float64' }), mul(eye(n, n, { dtype: 'float64' }), n));
}

/** A random symmetric positive-definite matrix: X·Xᵀ + n·I. */
export function spd(shape: number[]): Tensor {
  const n = shape[shape.length - 1]!;
  const x = randn(shape, { dtype: 'float64' });
  return add(matmul(x, mT(x)), mul(eye(n, n, { dtype: 'float64' }), n));
}

/** U·diag(s)·Vh, batched. */
export function recompose(u: Tensor, s: Tensor, vh: Tensor): Tensor {
  return matmul(mul(u, unsqueeze(s, -2)), vh);
}

/** The fixed cotangent the fixture script uses: wᵢ = sin(0.7 i) + 1.2. */
export function cotangent(shape: readonly number[]): Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  return tensor(
    Array.from({ length: size }, (_, i) => Math.sin(0.7 * i) + 1.2),
    { shape, dtype: 'float64' },
  );
}

/** The largest |entry| of a tensor. */
export function maxAbs(x: Tensor): number {
  let m = 0;
  for (const v of x.data) m = Math.max(m, Math.abs(v));
  return m;
}

/** Flip the sign of each column of `v` so that its largest-magnitude entry is positive (eigenvector / singular vector sign). */
export function canonicalColumns(v: number[][]): number[][] {
  const rows = v.length;
  const cols = v[0]!.length;
  const out = v.map((r) => [...r]);
  for (let c = 0; c < cols; c++) {
    let best = 0;
    for (let r = 0; r < rows; r++) if (Math.abs(v[r]![c]!) > Math.abs(v[best]![c]!)) best = r;
    if (v[best]![c]! < 0) for (let r = 0; r < rows; r++) out[r]![c] = -v[r]![c]!;
  }
  return out;
}
