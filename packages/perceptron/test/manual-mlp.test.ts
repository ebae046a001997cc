import { Generator, randint, randn } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import type { ActivationName } from '../src/activations/activations.js';
import type { MLPHead } from '../src/mlp/head.js';
import { ManualMLP } from '../src/mlp/manual-mlp.js';
import { MLP } from '../src/mlp/mlp.js';

function targets(head: MLPHead, n: number, k: number, generator: Generator) {
  if (head === 'multiclass') return randint(0, k, [n], { generator });
  if (head === 'binary') return randint(0, 2, [n], { generator }).to('float64');
  return randn([n, k], { dtype: 'float64', generator });
}

/** max |manual − autograd| / max |autograd| over the entries of one gradient (0 when both are exactly 0). */
function relativeError(manual: { data: ArrayLike<number> }, autograd: { data: ArrayLike<number> }): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < autograd.data.length; i++) {
    diff = Math.max(diff, Math.abs(manual.data[i]! - autograd.data[i]!));
    scale = Math.max(scale, Math.abs(autograd.data[i]!));
  }
  return diff === 0 ? 0 : diff / scale;
}

describe('ManualMLP: backpropagation by hand equals autograd (float64)', () => {
  const depths = [1, 3, 6];
  const hidden: ActivationName[] = ['sigmoid', 'tanh', 'relu'];
  for (const depth of depths) {
    for (const activation of hidden) {
      it(`${depth} hidden layers of ${activation}`, () => {
        const generator = new Generator(depth * 10 + hidden.indexOf(activation));
        const sizes = [5, ...Array<number>(depth).fill(7), 4];
        const mlp = new MLP({ sizes, activation, dtype: 'float64', generator });
        const manual = new ManualMLP(mlp);
        const x = randn([9, 5], { dtype: 'float64', generator });
        const y = targets('multiclass', 9, 4, generator);
        mlp.loss(x, y).backward();
        const g = manual.gradients(x, y);
        expect(g.loss).toBeCloseTo(mlp.loss(x, y).item(), 12);
        mlp.linears.forEach((linear, l) => {
          expect(relativeError(g.weights[l]!, linear.weight.grad!)).toBeLessThan(1e-6);
          expect(relativeError(g.biases[l]!, linear.bias!.grad!)).toBeLessThan(1e-6);
        });
      });
    }
  }

  for (const head of ['regression', 'binary', 'multiclass'] as const) {
    it(`every activation, ${head} head`, () => {
      const generator = new Generator(7);
      const activation: ActivationName[] = ['leakyRelu', 'prelu', 'swish', 'identity', 'tanh'];
      const k = head === 'binary' ? 1 : 3;
      const mlp = new MLP({ sizes: [4, 6, 6, 6, 6, 6, k], activation, head, dtype: 'float64', generator });
      const manual = new ManualMLP(mlp);
      const x = randn([8, 4], { dtype: 'float64', generator });
      const y = targets(head, 8, k, generator);
      mlp.loss(x, y).backward();
      const g = manual.gradients(x, y);
      mlp.linears.forEach((linear, l) => {
        expect(relativeError(g.weights[l]!, linear.weight.grad!)).toBeLessThan(1e-6);
        expect(relativeError(g.biases[l]!, linear.bias!.grad!)).toBeLessThan(1e-6);
      });
      const prelu = mlp.prelus[1]!;
      expect(relativeError(g.slopes[1]!, prelu.weight.grad!)).toBeLessThan(1e-6);
      expect(manual.forward(x)).toBeAllClose(mlp.forward(x), { rtol: 1e-12 });
    });
  }

  it('refuses an MLP with normalization', () => {
    expect(() => new ManualMLP(new MLP({ sizes: [2, 3, 2], normalization: 'layer' }))).toThrow(/plain MLP/);
  });
});
