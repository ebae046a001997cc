import { grad, tensor } from '@shinkei/core-tensor';
import { SGD } from '@shinkei/core-tensor/optim';
import { describe, expect, it } from 'vitest';
import { Neuron } from '../src/neuron/neuron.js';
import { minimize } from '../src/optimization/minimize.js';
import { rosenbrock } from '../src/optimization/rosenbrock.js';

describe('Neuron: z = wᵀx + b, y = φ(z)', () => {
  const x = tensor([
    [1, 2],
    [-3, 0.5],
    [0, 0],
  ]);

  it('step, sigmoid and identity', () => {
    const z = [2 * 1 - 1 * 2 + 0.5, 2 * -3 - 0.5 + 0.5, 0.5];
    for (const [activation, phi] of [
      ['step', (v: number) => (v >= 0 ? 1 : 0)],
      ['sigmoid', (v: number) => 1 / (1 + Math.exp(-v))],
      ['identity', (v: number) => v],
    ] as const) {
      const neuron = new Neuron(2, { activation });
      neuron.setParameterValues([2, -1], 0.5);
      expect(neuron.forward(x)).toBeAllClose(tensor(z.map(phi)), { rtol: 1e-6 });
    }
  });

  it('starts at w = 0, b = 0 and can go without a bias', () => {
    expect(new Neuron(3).parameterValues()).toEqual({ w: new Float64Array(3), b: 0 });
    expect(new Neuron(3, { bias: false }).parameters()).toHaveLength(1);
  });

  it('names what is wrong with the input', () => {
    const neuron = new Neuron(2);
    expect(() => neuron.forward(tensor([1, 2]))).toThrow(/needs 2 dims \[samples, features\]/);
    expect(() => neuron.forward(tensor([[1, 2, 3]]))).toThrow(/needs 2 features/);
    expect(() => neuron.forward(tensor([[1, 2]], { dtype: 'int32' }))).toThrow(/float32 or float64, got int32/);
    expect(() => new Neuron(0)).toThrow(/inFeatures must be an integer ≥ 1/);
  });
});

describe('rosenbrock and minimize', () => {
  it('f = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1), gradient by autograd', () => {
    const f = (x: number, y: number) => rosenbrock(tensor([x, y], { dtype: 'float64' })).item();
    expect(f(1, 1)).toBe(0);
    expect(f(0, 0)).toBe(1);
    expect(f(-1.2, 1)).toBeCloseTo(24.2, 10);
    const g = grad((p) => rosenbrock(p))(tensor([-1.2, 1], { dtype: 'float64' }));
    // ∂f/∂x = −2(1 − x) − 400x(y − x²), ∂f/∂y = 200(y − x²)
    expect(g).toBeAllClose(tensor([-215.6, -88], { dtype: 'float64' }), { rtol: 1e-12 });
  });

  it('records the path an optimizer takes', () => {
    const path = minimize(
      (p) => rosenbrock(p),
      [-1.2, 1],
      (params) => new SGD(params, { lr: 1e-3, momentum: 0.9 }),
      2000,
    );
    expect(path.values).toHaveLength(2001);
    expect(path.points[0]).toEqual([-1.2, 1]);
    expect(path.values.at(-1)!).toBeLessThan(1e-6);
  });
});
