import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/autograd/functional.js';
import { dropout } from '../../src/functional/index.js';
import { Generator } from '../../src/random/generator.js';
import { ones } from '../../src/tensor/create.js';

describe('dropout', () => {
  it('zeroes a fraction ≈ p and scales survivors by 1/(1 − p), preserving the mean', () => {
    const x = ones([200, 100], { dtype: 'float64' });
    const y = dropout(x, 0.3, true, { generator: new Generator(42) });
    const values = Array.from(y.data);
    const zeros = values.filter((v) => v === 0).length / values.length;
    expect(zeros).toBeGreaterThan(0.28);
    expect(zeros).toBeLessThan(0.32);
    expect(values.every((v) => v === 0 || Math.abs(v - 1 / 0.7) < 1e-12)).toBe(true);
    expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length - 1)).toBeLessThan(0.03);
  });

  it('is seeded, the identity when not training, and routes gradients through the mask', () => {
    const x = ones([50], { dtype: 'float64' }).requiresGrad_();
    const a = dropout(x, 0.5, true, { generator: new Generator(1) });
    const b = dropout(x, 0.5, true, { generator: new Generator(1) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(dropout(x, 0.5, false)).toBe(x);
    const [dx] = gradients(a.sum(), [x]);
    expect(Array.from(dx!.data)).toEqual(Array.from(a.data));
    expect(Array.from(dropout(x, 1).data).every((v) => v === 0)).toBe(true);
    expect(() => dropout(x, 1.5)).toThrow(RangeError);
  });
});
