import { describe, expect, it } from 'vitest';
import { Generator, ones } from '../../src/index.js';
import { Dropout, Linear, Sequential } from '../../src/nn/index.js';

describe('Dropout', () => {
  it('in training zeroes a fraction p and scales survivors by 1/(1 − p), so E[y] = x', () => {
    const n = 100_000;
    const p = 0.3;
    const y = new Dropout(p, { generator: new Generator(0) }).call(ones([n]));
    const values = Array.from(y.data);
    const zeros = values.filter((v) => v === 0).length;
    // the zero count is Binomial(n, p): 5 standard deviations is √(n p (1 − p))·5 ≈ 725
    expect(Math.abs(zeros - n * p)).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
    expect(values.filter((v) => v !== 0).every((v) => Math.abs(v - 1 / (1 - p)) < 1e-6)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / n;
    expect(Math.abs(mean - 1)).toBeLessThan(5 * Math.sqrt(p / (1 - p) / n));
  });

  it('is the identity in eval mode', () => {
    const model = new Sequential(new Linear(4, 4), new Dropout(0.9));
    model.eval();
    const x = ones([2, 4]);
    const a = model.call(x);
    const b = model.call(x);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(new Dropout(0.5).eval().call(x)).toBe(x);
  });

  it('refuses p outside [0, 1]', () => {
    expect(() => new Dropout(1.5)).toThrow(/p must be in \[0, 1\], got 1.5/);
  });
});
