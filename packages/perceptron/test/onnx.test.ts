import type { Tensor } from '@shinkei/core-tensor';
import { Generator, noGrad, randn } from '@shinkei/core-tensor';
import type { ExportableModule } from '@shinkei/core-tensor/onnx';
import { OrtModel } from '@shinkei/core-tensor/ort';
import { describe, expect, it } from 'vitest';
import { ManualMLP } from '../src/mlp/manual-mlp.js';
import { MLP } from '../src/mlp/mlp.js';
import { LinearRegression } from '../src/neuron/linear-regression.js';
import { LogisticRegression } from '../src/neuron/logistic-regression.js';
import { Neuron } from '../src/neuron/neuron.js';
import { Perceptron } from '../src/neuron/perceptron.js';

const dynamicAxes = { input: { 0: 'batch' }, output: { 0: 'batch' } };

/** Export with a batch of 5, run a batch of 7 in ONNX Runtime, compare with the eager forward in evaluation mode. */
function expectOrtParity(model: ExportableModule & { forward(x: Tensor): Tensor }, features: number): void {
  const generator = new Generator(11);
  const traced = randn([5, features], { generator });
  const other = randn([7, features], { generator });
  const ort = OrtModel.fromModule(model, [traced], { dynamicAxes });
  const [out] = ort.runSync([other]);
  model.eval?.();
  expect(out).toBeAllClose(
    noGrad(() => model.forward(other)),
    { rtol: 1e-4, atol: 1e-6 },
  );
}

function randomized<T extends { setParameterValues(w: ArrayLike<number>, b: number): void }>(model: T, d: number): T {
  const generator = new Generator(3);
  model.setParameterValues(
    Array.from({ length: d }, () => generator.normal()),
    0.3,
  );
  return model;
}

describe('ONNX export runs in ONNX Runtime with the same outputs (dynamic batch)', () => {
  it('Neuron (step, sigmoid, identity)', () => {
    for (const activation of ['step', 'sigmoid', 'identity'] as const) {
      expectOrtParity(randomized(new Neuron(4, { activation }), 4), 4);
    }
  });

  it('Perceptron', () => {
    expectOrtParity(randomized(new Perceptron(3), 3), 3);
  });

  it('LogisticRegression and LinearRegression', () => {
    expectOrtParity(randomized(new LogisticRegression(6), 6), 6);
    expectOrtParity(randomized(new LinearRegression(2), 2), 2);
  });

  it('MLP with each activation, normalization and residual connections', () => {
    const generator = new Generator(5);
    const activation = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'prelu', 'swish'] as const;
    expectOrtParity(new MLP({ sizes: [8, 6, 6, 6, 6, 6, 6, 3], activation: [...activation], generator }), 8);
    for (const normalization of ['batch', 'layer'] as const) {
      const mlp = new MLP({ sizes: [8, 16, 16, 4], normalization, residual: true, dropout: 0.2, generator });
      mlp.loss(randn([32, 8], { generator }), randn([32], { generator }).gt(0).to('int32')).backward();
      expectOrtParity(mlp, 8);
    }
  });

  it('ManualMLP', () => {
    const generator = new Generator(6);
    expectOrtParity(new ManualMLP(new MLP({ sizes: [5, 9, 9, 2], activation: 'tanh', generator })), 5);
  });
});
