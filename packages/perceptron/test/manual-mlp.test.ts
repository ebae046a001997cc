import { Generator, randint, randn } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import type { ActivationName } from '../src/activations/activations.js';
import { backpropAgreement, relativeGap } from '../src/mlp/backprop-agreement.js';
import type { MLPHead } from '../src/mlp/head.js';
import { ManualMLP } from '../src/mlp/manual-mlp.js';
import { MLP } from '../src/mlp/mlp.js';

function targets(head: MLPHead, n: number, k: number, generator: Generator) {
  if (head === 'multiclass') return randint(0, k, [n], { generator });
  if (head === 'binary') return randint(0, 2, [n], { generator }).to('float64');
  return randn([n, k], { dtype: 'float64', generator });
}

describe('ManualMLP: backpropagation by hand equals autograd (float64)', () => {
  const hidden: ActivationName[] = ['sigmoid', 'tanh', 'relu'];
  for (const depth of [1, 3, 6]) {
    for (const activation of hidden) {
      it(`${depth} hidden layers of ${activation}`, () => {
        const generator = new Generator(depth * 10 + hidden.indexOf(activation));
        const mlp = new MLP({
          sizes: [5, ...Array<number>(depth).fill(7), 4],
          activation,
          dtype: 'float64',
          generator,
        });
        const x = randn([9, 5], { dtype: 'float64', generator });
        const y = targets('multiclass', 9, 4, generator);
        expect(backpropAgreement(mlp, x, y)).toBeLessThan(1e-6);
        expect(new ManualMLP(mlp).gradients(x, y).loss).toBeCloseTo(mlp.loss(x, y).item(), 12);
      });
    }
  }

  for (const head of ['regression', 'binary', 'multiclass'] as const) {
    it(`every activation, ${head} head, the PReLU slope too`, () => {
      const generator = new Generator(7);
      const activation: ActivationName[] = ['leakyRelu', 'prelu', 'swish', 'identity', 'tanh'];
      const k = head === 'binary' ? 1 : 3;
      const mlp = new MLP({ sizes: [4, 6, 6, 6, 6, 6, k], activation, head, dtype: 'float64', generator });
      const x = randn([8, 4], { dtype: 'float64', generator });
      const y = targets(head, 8, k, generator);
      expect(backpropAgreement(mlp, x, y)).toBeLessThan(1e-6);
      const slope = new ManualMLP(mlp).gradients(x, y).slopes[1]!;
      expect(relativeGap(slope, mlp.prelus[1]!.weight.grad!)).toBeLessThan(1e-6);
      expect(new ManualMLP(mlp).forward(x)).toBeAllClose(mlp.forward(x), { rtol: 1e-12 });
    });
  }

  it('refuses an MLP with normalization', () => {
    expect(() => new ManualMLP(new MLP({ sizes: [2, 3, 2], normalization: 'layer' }))).toThrow(/plain MLP/);
  });
});
