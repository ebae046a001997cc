import { Generator, rand } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { expNonPositive, sigmoid, tanh } from '../src/cells/fused/elementary.js';

const EPS = 2 ** -52;

/** core-tensor's sigmoid kernel, on Math.exp. */
const sigmoidReference = (v: number): number => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

/** |got − want| / |want| in units of 2⁻⁵² (0 when equal, so exact zeros and infinities pass). */
function relativeError(got: number, want: number): number {
  if (Object.is(got, want)) return 0;
  return Math.abs(got - want) / Math.max(Math.abs(want) * EPS, Number.MIN_VALUE);
}

/** 200 000 points ±e^u with u ~ U(−14, 7) (1e-6 … 1100 in magnitude), and a dense grid over [−3, 3]. */
function samples(): number[] {
  const u = rand([200_000], { generator: new Generator(3), dtype: 'float64' }).data;
  const points = Array.from(u, (v, i) => (i % 2 === 0 ? 1 : -1) * Math.exp(21 * v - 14));
  for (let i = -30_000; i <= 30_000; i++) points.push(i / 10_000);
  return points;
}

const specials = [0, -0, 5e-324, -5e-324, 1e-300, 0.55, -0.55, 0.5499999999999999, 700, -700, 745, 746, 1e300];
const limits = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN];

describe('the fused kernels’ exp, σ and tanh agree with Math.exp and Math.tanh to 2.5 units of 2⁻⁵²', () => {
  it.each([
    ['exp (x ≤ 0)', (x: number) => expNonPositive(-Math.abs(x)), (x: number) => Math.exp(-Math.abs(x))],
    ['σ', sigmoid, sigmoidReference],
    ['tanh', tanh, Math.tanh],
  ] as const)('%s', (_name, fn, reference) => {
    let worst = 0;
    let at = 0;
    for (const x of [...samples(), ...specials]) {
      const error = relativeError(fn(x), reference(x));
      if (error > worst) [worst, at] = [error, x];
    }
    expect(worst, `worst at x = ${at}`).toBeLessThanOrEqual(2.5);
    for (const x of limits) expect(fn(x)).toBe(reference(x));
    expect(Object.is(fn(-0), reference(-0))).toBe(true);
  });
});
