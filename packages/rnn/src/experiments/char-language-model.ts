import { Generator, manualSeed, nn, optim } from '@shinkei/core-tensor';
import { detachState } from '../layers/recurrent-layer.js';
import { bitsPerCharacter } from '../models/bits-per-character.js';
import type { LanguageModelState } from '../models/char-language-model.js';
import { CharLanguageModel } from '../models/char-language-model.js';
import { sampleText } from '../models/sample-text.js';
import { CharVocabulary } from '../tasks/char-vocabulary.js';
import { loadMobyDick } from '../tasks/moby-dick.js';
import { ngramBaselines } from '../tasks/ngram-baselines.js';
import { textChunks } from '../tasks/text-streams.js';
import type { ExperimentResult, RnnExperiment, RunOptions } from './types.js';
import { bySize, formatNumber } from './types.js';

/** The sizes of a character-level language-model run. */
export interface CharLanguageModelSettings {
  /** Characters of training text, from the start of the book. */
  trainCharacters: number;
  /** Validation streams × chunk length × chunks: the validation text has this many + 1 characters. */
  validationChunks: number;
  hiddenSize: number;
  embeddingSize: number;
  /** Truncated-BPTT chunk length T and parallel streams B. */
  chunkLength: number;
  batchSize: number;
  steps: number;
  lr: number;
}

const SETTINGS: Record<RunOptions['size'], CharLanguageModelSettings> = {
  quick: {
    trainCharacters: 30_000,
    validationChunks: 4,
    hiddenSize: 32,
    embeddingSize: 16,
    chunkLength: 32,
    batchSize: 16,
    steps: 150,
    lr: 1e-2,
  },
  default: {
    trainCharacters: 200_000,
    validationChunks: 16,
    hiddenSize: 64,
    embeddingSize: 32,
    chunkLength: 48,
    batchSize: 32,
    steps: 200,
    lr: 1e-2,
  },
  full: {
    trainCharacters: 1_000_000,
    validationChunks: 64,
    hiddenSize: 128,
    embeddingSize: 32,
    chunkLength: 100,
    batchSize: 32,
    steps: 1500,
    lr: 5e-3,
  },
};

/** Settings of a run size. */
export function charLanguageModelSettings(size: RunOptions['size']): CharLanguageModelSettings {
  return bySize(size, SETTINGS);
}

const VALIDATION_STREAMS = 16;

/**
 * §6.1.8, language modelling: an LSTM reads Moby-Dick one character at a time (truncated
 * BPTT over B parallel streams, the state carried from chunk to chunk) and is scored on
 * the book's last tenth in bits per character against unigram and bigram models.
 */
export function runCharLanguageModel(
  options: RunOptions,
  settings: CharLanguageModelSettings = charLanguageModelSettings(options.size),
): ExperimentResult {
  manualSeed(options.seed);
  const generator = new Generator(options.seed);
  const book = loadMobyDick().join('\n\n');
  const vocabulary = new CharVocabulary(book);
  const ids = vocabulary.encode(book);
  const validationStart = Math.floor(0.9 * ids.length);
  const trainIds = ids.subarray(0, Math.min(settings.trainCharacters, validationStart));
  const validationLength = VALIDATION_STREAMS * settings.chunkLength * settings.validationChunks + 1;
  const validationIds = ids.subarray(validationStart, validationStart + validationLength);
  if (validationIds.length < validationLength)
    throw new RangeError(
      `char language model: ${validationLength} validation characters asked, the book's last tenth has ${validationIds.length}`,
    );
  const baselines = ngramBaselines(trainIds, validationIds, vocabulary.size);

  const model = new CharLanguageModel(vocabulary.size, {
    hiddenSize: settings.hiddenSize,
    embeddingSize: settings.embeddingSize,
    forgetBias: 1,
    generator,
  });
  const cells = model.rnn.cells.flat();
  const optimizer = new optim.Adam(model.parameters(), { lr: settings.lr });
  const loss = new nn.CrossEntropyLoss();
  const chunks = textChunks(trainIds, settings.batchSize, settings.chunkLength);
  const trainingBits: number[] = [];
  let state: LanguageModelState | undefined;
  for (let step = 0; step < settings.steps; step++) {
    const index = step % chunks.length;
    if (index === 0) state = undefined;
    const { inputs, targets } = chunks[index]!;
    const out = model.call(inputs, state);
    state = out.state.map((s, k) => detachState(cells[k]!, s));
    const value = loss.call(out.logits.reshape([-1, vocabulary.size]), targets.reshape([-1]));
    optimizer.zeroGrad();
    value.backward();
    optim.clipGradNorm(model.parameters(), 1);
    optimizer.step();
    trainingBits.push(value.item() / Math.LN2);
    options.progress?.((0.9 * (step + 1)) / settings.steps, 'training');
  }
  const bits = bitsPerCharacter(model, validationIds, {
    streams: VALIDATION_STREAMS,
    chunkLength: settings.chunkLength,
  });
  options.progress?.(0.95, 'sampling');
  const prompt = 'Call me Ishmael. ';
  const samples = [0.5, 1].map((temperature) => ({
    temperature,
    text: sampleText(model, vocabulary, { prompt, length: 300, temperature, generator }),
  }));
  options.progress?.(1);
  return {
    verdicts: [
      {
        claim: 'A character-level LSTM language model beats the bigram model on held-out text',
        measured: `validation ${formatNumber(bits)} bits/char vs bigram ${formatNumber(baselines.bigram)}, unigram ${formatNumber(baselines.unigram)}`,
        chapter: 'RNN/LSTM language models (must beat the bigram)',
        pass: bits < baselines.bigram,
      },
    ],
    metrics: {
      bitsPerCharLstm: bits,
      bitsPerCharBigram: baselines.bigram,
      bitsPerCharUnigram: baselines.unigram,
      vocabularySize: vocabulary.size,
      trainCharacters: trainIds.length,
      validationCharacters: validationIds.length - 1,
    },
    figures: [
      {
        kind: 'bar',
        title: 'Validation bits per character (Moby-Dick, last tenth of the book)',
        yLabel: 'bits/char',
        bars: [
          { label: 'unigram', value: baselines.unigram },
          { label: 'bigram', value: baselines.bigram },
          { label: 'LSTM', value: bits },
        ],
      },
      {
        kind: 'line',
        title: 'Training cross-entropy per chunk',
        xLabel: 'Adam step',
        yLabel: 'bits/char',
        series: [{ name: 'LSTM (training chunk)', x: trainingBits.map((_, i) => i + 1), y: trainingBits }],
      },
      {
        kind: 'text',
        title: `Samples after "${prompt.trim()}" at temperatures τ = ${samples.map((s) => s.temperature).join(' and ')}`,
        text: samples.map((s) => `τ = ${s.temperature}:\n${prompt}${s.text}`).join('\n\n'),
      },
    ],
    settings: { ...settings, validationStreams: VALIDATION_STREAMS, forgetBias: 1, clipNorm: 1, text: 'Moby-Dick' },
  };
}

/** The language-model experiment as the tour registers it. */
export const charLanguageModelExperiment: RnnExperiment = {
  id: 'char-language-model',
  topic: 'rnn',
  section: '6.1.8',
  title: 'A character-level LSTM language model on Moby-Dick',
  claim: 'An LSTM language model predicts text better than n-gram counts',
  run: (options) => runCharLanguageModel(options),
};
