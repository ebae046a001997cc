import { nn, noGrad } from '@shinkei/core-tensor';
import { textChunks } from '../tasks/text-streams.js';
import type { CharLanguageModel, LanguageModelState } from './char-language-model.js';

/**
 * The model's cross-entropy on a text in bits per character,
 * −(1/N) Σᵢ log₂ p(xᵢ | x<ᵢ) = (mean cross-entropy in nats)/ln 2, over characters
 * 1 … B·L (see textChunks): B streams read in chunks, the state carried through each stream.
 * Runs in evaluation mode without recording a graph.
 */
export function bitsPerCharacter(
  model: CharLanguageModel,
  ids: ArrayLike<number>,
  options: { streams?: number; chunkLength?: number } = {},
): number {
  const chunks = textChunks(ids, options.streams ?? 16, options.chunkLength ?? 64);
  const loss = new nn.CrossEntropyLoss({ reduction: 'sum' });
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => {
      let state: LanguageModelState | undefined;
      let nats = 0;
      let count = 0;
      for (const { inputs, targets } of chunks) {
        const out = model.call(inputs, state);
        state = out.state;
        const V = out.logits.shape[2]!;
        nats += loss.call(out.logits.reshape([-1, V]), targets.reshape([-1])).item();
        count += targets.size;
      }
      return nats / count / Math.LN2;
    });
  } finally {
    model.train(wasTraining);
  }
}
