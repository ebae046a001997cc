import type { Generator } from '@shinkei/core-tensor';
import { defaultGenerator, noGrad, tensor } from '@shinkei/core-tensor';
import type { CharVocabulary } from '../tasks/char-vocabulary.js';
import type { CharLanguageModel } from './char-language-model.js';

export interface SampleTextOptions {
  /** Text the model reads first (at least one character of the vocabulary). */
  prompt: string;
  /** Characters to generate after the prompt. */
  length: number;
  /** τ in p ∝ exp(logits/τ): below 1 sharpens toward the likeliest character, above 1 flattens (default 1). */
  temperature?: number;
  generator?: Generator;
}

/**
 * Generate text one character at a time: read the prompt, then repeatedly draw
 * xₜ₊₁ ~ softmax(zₜ/τ) from the scores zₜ and feed it back. Returns the generated
 * characters (without the prompt).
 */
export function sampleText(model: CharLanguageModel, vocabulary: CharVocabulary, options: SampleTextOptions): string {
  const temperature = options.temperature ?? 1;
  if (!(temperature > 0)) throw new RangeError(`sampleText: temperature must be > 0, got ${temperature}`);
  if (!Number.isInteger(options.length) || options.length < 0)
    throw new RangeError(`sampleText: length must be an integer ≥ 0, got ${options.length}`);
  const prompt = vocabulary.encode(options.prompt);
  if (prompt.length === 0) throw new RangeError('sampleText: the prompt needs at least one character');
  const g = options.generator ?? defaultGenerator();
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => {
      let { logits, state } = model.call(tensor(prompt, { shape: [prompt.length, 1] }));
      const generated: number[] = [];
      for (let i = 0; i < options.length; i++) {
        const last = logits.narrow(0, logits.shape[0]! - 1, 1).reshape([-1]);
        const next = drawWithTemperature(last.data, temperature, g);
        generated.push(next);
        ({ logits, state } = model.call(tensor(Int32Array.of(next), { shape: [1, 1] }), state));
      }
      return vocabulary.decode(generated);
    });
  } finally {
    model.train(wasTraining);
  }
}

/** One draw from softmax(z/τ), computed stably (the largest score is subtracted first). */
function drawWithTemperature(scores: ArrayLike<number>, temperature: number, g: Generator): number {
  let top = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < scores.length; i++) top = Math.max(top, scores[i]!);
  const weights = Array.from({ length: scores.length }, (_, i) => Math.exp((scores[i]! - top) / temperature));
  let u = g.random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}
