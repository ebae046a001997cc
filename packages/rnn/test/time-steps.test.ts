import { assertGradcheck, cat, Generator, randint, randn } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { LSTM } from '../src/layers/lstm.js';
import { timeSteps } from '../src/layers/time-steps.js';
import { CharLanguageModel } from '../src/models/char-language-model.js';

const g = new Generator(17);

describe('timeSteps', () => {
  it('cuts [T, B, I] (or [B, T, I] along dim 1) into T steps x[t] of shape [1, B, I]', () => {
    const x = randn([4, 2, 3], { generator: g });
    const steps = timeSteps(x, 0);
    expect(steps).toHaveLength(4);
    steps.forEach((s, t) => {
      expect(s.shape).toEqual([1, 2, 3]);
      expect(s).toBeAllClose(x.narrow(0, t, 1), { atol: 0 });
    });
    const batchFirst = x.transpose(0, 1);
    timeSteps(batchFirst, 1).forEach((s, t) => {
      expect(s).toBeAllClose(x.narrow(0, t, 1), { atol: 0 });
    });
  });

  it('gives the steps of an input that needs a gradient one shared unbind node (BPTT into it is one stack)', () => {
    const x = randn([6, 2, 3], { generator: g }).requiresGrad_();
    const nodes = new Set(timeSteps(x, 0).map((s) => s.gradNode));
    expect(nodes.size).toBe(1);
    expect([...nodes][0]!.op.name).toBe('unbind');
  });
});

describe('BPTT into the input of a layer', () => {
  it('gradcheck of a batch-first LSTM with respect to its input (float64)', () => {
    const lstm = new LSTM(3, 4, { batchFirst: true, dtype: 'float64', generator: g });
    const x = randn([2, 5, 3], { generator: g, dtype: 'float64' });
    assertGradcheck((input) => lstm.forward(input!)[0].square().sum(), [x]);
  });

  it('the language model embeds a chunk at once: the same scores and embedding gradient as step by step', () => {
    const model = new CharLanguageModel(9, { hiddenSize: 6, embeddingSize: 5, generator: g });
    const ids = randint(0, 9, [7, 3], { generator: g });
    const whole = model.call(ids).logits;
    const byStep = Array.from({ length: 7 }, (_, t) => model.embedding.call(ids.narrow(0, t, 1)));
    const reference = model.readout.call(cat(model.rnn.forwardSteps(byStep).outputs, 0));
    expect(whole).toBeAllClose(reference, { atol: 1e-6 });
    const weights = randn(whole.shape, { generator: g });
    model.zeroGrad();
    whole.mul(weights).sum().backward();
    const gradWhole = model.embedding.weight.grad!.clone();
    model.zeroGrad();
    reference.mul(weights).sum().backward();
    expect(gradWhole).toBeAllClose(model.embedding.weight.grad!, { atol: 1e-6 });
    expect(gradWhole.abs().sum().item()).toBeGreaterThan(0);
  });
});
