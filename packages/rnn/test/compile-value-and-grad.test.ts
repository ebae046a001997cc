import type { Tensor } from '@shinkei/core-tensor';
import { Generator, mseLoss, randn } from '@shinkei/core-tensor';
import { compileValueAndGrad } from '@shinkei/core-tensor/ort';
import { describe, expect, it } from 'vitest';
import type { RecurrentKind } from '../src/models/sequence-regressor.js';
import { SequenceRegressor } from '../src/models/sequence-regressor.js';

/**
 * The static graph of a training step (forward and backward traced through the fused
 * cells' ONNX lowerings, their backward kernels included) gives the eager loss and
 * gradients: the adding problem's shape at T = 12, B = 6, with h0 = c0 = 0 as the layers
 * start.
 */
function expectCompiledMatchesEager(kind: RecurrentKind, options: { numLayers?: number; bidirectional?: boolean }) {
  const g = new Generator(31);
  const model = new SequenceRegressor(kind, 2, 5, { ...options, generator: g });
  const x = randn([12, 6, 2], { generator: g });
  const y = randn([6], { generator: g });
  const loss = (input: Tensor, target: Tensor): Tensor => mseLoss(model.call(input), target);

  model.zeroGrad();
  const eager = loss(x, y);
  eager.backward();
  const expected = model.namedParameters().map(([name, p]) => [name, p.grad!] as const);

  model.zeroGrad();
  const compiled = compileValueAndGrad(model, loss)(x, y);
  expect(compiled).toBeAllClose(eager, { rtol: 1e-5 });
  for (const [name, grad] of expected) {
    const got = model.namedParameters().find(([n]) => n === name)![1].grad;
    expect(got, name).toBeAllClose(grad, { rtol: 1e-4, atol: 1e-6 });
  }
}

describe('compileValueAndGrad gives the eager gradients through the fused cells', () => {
  it('LSTM regressor (and 2 layers, bidirectional)', () => {
    expectCompiledMatchesEager('lstm', {});
    expectCompiledMatchesEager('lstm', { numLayers: 2, bidirectional: true });
  });

  it('GRU regressor (and 2 layers, bidirectional)', () => {
    expectCompiledMatchesEager('gru', {});
    expectCompiledMatchesEager('gru', { numLayers: 2, bidirectional: true });
  });
});
