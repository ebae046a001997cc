import type { Generator, Tensor } from '@shinkei/core-tensor';
import { cat, nn, ShapeError } from '@shinkei/core-tensor';
import type { RecurrentLayer } from '../layers/recurrent-layer.js';
import { timeSteps } from '../layers/time-steps.js';
import type { RecurrentKind } from './sequence-regressor.js';
import { recurrentLayer } from './sequence-regressor.js';

export interface CharLanguageModelOptions {
  /** The recurrent layer (default 'lstm'). */
  kind?: RecurrentKind;
  /** Width of the character embedding (default 32). */
  embeddingSize?: number;
  /** Hidden units per layer (default 128). */
  hiddenSize?: number;
  /** Stacked recurrent layers (default 1). */
  numLayers?: number;
  /** Dropout between stacked layers (default 0). */
  dropout?: number;
  /** LSTM forget-gate bias at initialization (default: like the other biases). */
  forgetBias?: number;
  generator?: Generator;
}

/** The state a language model carries from chunk to chunk (one entry per cell; opaque). */
export type LanguageModelState = readonly unknown[];

/** What the language model returns for a chunk. */
export interface LanguageModelOutput {
  /** Unnormalised next-character scores [T, B, V]. */
  logits: Tensor;
  /** The state after the chunk: pass it (detached) to the next chunk. */
  state: LanguageModelState;
}

/**
 * A character-level language model: each character index xₜ is embedded, a recurrent
 * layer reads the embeddings, and a linear readout gives the scores of the next
 * character, p(xₜ₊₁ | x≤ₜ) = softmax(W_hy hₜ + b_y). The chunk is embedded at once and cut
 * into steps for the layer's forwardSteps by one unbind, so the embedding's gradient is
 * one scatter into the table and the steps' gradients are gathered in one stack.
 */
export class CharLanguageModel extends nn.Module<[Tensor, LanguageModelState?], LanguageModelOutput> {
  readonly embedding: nn.Embedding;
  readonly rnn: RecurrentLayer<unknown, any, any>;
  readonly readout: nn.Linear;

  constructor(
    readonly vocabularySize: number,
    options: CharLanguageModelOptions = {},
  ) {
    super();
    const embeddingSize = options.embeddingSize ?? 32;
    const hiddenSize = options.hiddenSize ?? 128;
    const generator = options.generator === undefined ? {} : { generator: options.generator };
    this.embedding = this.registerModule('embedding', new nn.Embedding(vocabularySize, embeddingSize, generator));
    this.rnn = this.registerModule(
      'rnn',
      recurrentLayer(options.kind ?? 'lstm', embeddingSize, hiddenSize, {
        numLayers: options.numLayers ?? 1,
        dropout: options.dropout ?? 0,
        ...(options.forgetBias === undefined ? {} : { forgetBias: options.forgetBias }),
        ...generator,
      }) as RecurrentLayer<unknown, any, any>,
    );
    this.readout = this.registerModule('readout', new nn.Linear(hiddenSize, vocabularySize, generator));
  }

  /** Scores for every step of a chunk of int32 indices [T, B], continuing from `state`. */
  forward(ids: Tensor, state?: LanguageModelState): LanguageModelOutput {
    if (ids.ndim !== 2 || ids.dtype !== 'int32')
      throw new ShapeError(
        `CharLanguageModel: expected int32 indices [T, B], got ${ids.dtype} [${ids.shape.join(',')}]`,
      );
    const steps = timeSteps(this.embedding.call(ids), 0);
    const { outputs, state: next } = this.rnn.forwardSteps(steps, state);
    return { logits: this.readout.call(cat(outputs, 0)), state: next };
  }
}
