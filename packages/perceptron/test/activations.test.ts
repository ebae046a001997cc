import { Generator, grad, linspace, tensor } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import type { ActivationName } from '../src/activations/activations.js';
import { activationOf, activations } from '../src/activations/activations.js';
import { gradientFlow } from '../src/activations/gradient-flow.js';

describe('activations', () => {
  // a grid that avoids the kink of the ReLU family at 0
  const z = linspace(-4.05, 4.05, 82, { dtype: 'float64' });

  for (const name of Object.keys(activations) as ActivationName[]) {
    it(`${name}: the derivative equals autograd's`, () => {
      const { fn, derivative } = activations[name];
      const byAutograd = grad((t) => fn(t).sum())(z);
      expect(derivative(z)).toBeAllClose(byAutograd, { rtol: 1e-12, atol: 1e-14 });
    });
  }

  it('computes the chapter’s formulas', () => {
    const x = tensor([-2, -0.5, 0.5, 3], { dtype: 'float64' });
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    expect(activations.sigmoid.fn(x)).toBeAllClose(tensor([-2, -0.5, 0.5, 3].map(s), { dtype: 'float64' }));
    expect(activations.relu.fn(x)).toBeAllClose(tensor([0, 0, 0.5, 3], { dtype: 'float64' }));
    expect(activations.leakyRelu.fn(x)).toBeAllClose(tensor([-0.02, -0.005, 0.5, 3], { dtype: 'float64' }));
    expect(activations.prelu.fn(x, tensor([0.1], { dtype: 'float64' }))).toBeAllClose(
      tensor([-0.2, -0.05, 0.5, 3], { dtype: 'float64' }),
    );
    expect(activations.swish.fn(x)).toBeAllClose(
      tensor(
        [-2, -0.5, 0.5, 3].map((v) => v * s(v)),
        { dtype: 'float64' },
      ),
    );
    expect(activations.tanh.derivative(x)).toBeAllClose(
      tensor(
        [-2, -0.5, 0.5, 3].map((v) => 1 - Math.tanh(v) ** 2),
        { dtype: 'float64' },
      ),
    );
  });

  it("σ' ≤ 1/4, with the maximum at z = 0", () => {
    const wide = linspace(-10, 10, 2001, { dtype: 'float64' });
    expect(activations.sigmoid.derivative(wide).amax().item()).toBeCloseTo(0.25, 12);
  });

  it('names an unknown activation', () => {
    expect(() => activationOf('softsign' as ActivationName)).toThrow(/unknown 'softsign'/);
  });
});

describe('gradientFlow: per-layer gradient norms of a 20-layer net at initialization', () => {
  const probe = (activation: ActivationName, init: 'naive' | 'xavier' | 'he') =>
    gradientFlow(20, activation, init, { width: 64, generator: new Generator(3) });

  it('sigmoid with the naive initialization: the first layer gets orders of magnitude less', () => {
    const flow = probe('sigmoid', 'naive');
    expect(flow.norms).toHaveLength(20);
    expect(flow.ratio).toBeLessThan(1e-6);
    // it shrinks layer by layer toward the input
    expect(flow.norms[0]!).toBeLessThan(flow.norms[10]!);
    expect(flow.norms[10]!).toBeLessThan(flow.norms[19]!);
  });

  it('ReLU with He and tanh with Xavier initialization stay within a factor 10', () => {
    for (const [activation, init] of [
      ['relu', 'he'],
      ['tanh', 'xavier'],
    ] as const) {
      const { ratio } = probe(activation, init);
      expect(ratio).toBeGreaterThan(0.1);
      expect(ratio).toBeLessThan(10);
    }
  });
});
