import { Generator, randn, tensor } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { LinearRegression } from '../src/neuron/linear-regression.js';
import { LogisticRegression } from '../src/neuron/logistic-regression.js';

/** Two overlapping Gaussian classes in 3-D (not separable, so the likelihood has a finite maximum). */
function overlappingClasses(n: number, seed: number) {
  const generator = new Generator(seed);
  const x = randn([n, 3], { dtype: 'float64', generator });
  const labels = Array.from({ length: n }, (_, i) => {
    const z = 1.5 * x.data[i * 3]! - x.data[i * 3 + 1]! + 0.5 + generator.normal();
    return z > 0 ? 1 : 0;
  });
  return { x, y: tensor(labels, { dtype: 'float64' }) };
}

describe('LogisticRegression', () => {
  it('gradient descent and IRLS reach the same loss to 1e-6', () => {
    const { x, y } = overlappingClasses(400, 1);
    for (const l2 of [0, 1e-2]) {
      const gd = new LogisticRegression(3, { dtype: 'float64', l2 });
      const irls = new LogisticRegression(3, { dtype: 'float64', l2 });
      const gdHistory = gd.fit(x, y, { method: 'gd' });
      const irlsHistory = irls.fit(x, y, { method: 'irls' });
      expect(irlsHistory.converged).toBe(true);
      expect(irlsHistory.iterations).toBeLessThan(15);
      expect(gdHistory.converged).toBe(true);
      expect(Math.abs(gdHistory.losses.at(-1)! - irlsHistory.losses.at(-1)!)).toBeLessThan(1e-6);
      expect(gd.weight).toBeAllClose(irls.weight, { atol: 1e-4 });
      expect(irls.score(x, y)).toBeGreaterThan(0.75);
    }
  });

  it('computes the negative log-likelihood of the chapter', () => {
    const model = new LogisticRegression(1, { dtype: 'float64' });
    model.setParameterValues([2], -1);
    const x = tensor([[0.5], [1.5]], { dtype: 'float64' });
    const y = tensor([0, 1], { dtype: 'float64' });
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const expected = -(Math.log(1 - s(0)) + Math.log(s(2))) / 2;
    expect(model.loss(x, y).item()).toBeCloseTo(expected, 12);
    expect(model.predictProba(x)).toBeAllClose(tensor([0.5, s(2)], { dtype: 'float64' }));
  });
});

describe('LinearRegression', () => {
  it('gradient descent equals the normal equations to 1e-6 relative', () => {
    const generator = new Generator(2);
    const x = randn([300, 4], { dtype: 'float64', generator });
    const trueW = tensor([1, -2, 0.5, 3], { dtype: 'float64' });
    const y = x
      .matmul(trueW)
      .add(0.7)
      .add(randn([300], { dtype: 'float64', generator }).mul(0.1));
    for (const l2 of [0, 0.1]) {
      const normal = new LinearRegression(4, { dtype: 'float64', l2 });
      const gd = new LinearRegression(4, { dtype: 'float64', l2 });
      normal.fit(x, y);
      const history = gd.fit(x, y, { method: 'gd' });
      expect(history.converged).toBe(true);
      const a = [...normal.weight.data, normal.bias!.item()];
      const b = [...gd.weight.data, gd.bias!.item()];
      const diff = Math.hypot(...a.map((v, i) => v - b[i]!));
      expect(diff / Math.hypot(...a)).toBeLessThan(1e-6);
    }
    const ols = new LinearRegression(4, { dtype: 'float64' });
    ols.fit(x, y);
    expect(ols.weight).toBeAllClose(trueW, { atol: 0.03 });
    expect(ols.score(x, y)).toBeGreaterThan(0.99);
  });
});
