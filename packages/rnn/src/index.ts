export type { Activation } from './cells/activation.js';
export type { CellOptions, CellParameters, RecurrentInit } from './cells/cell-options.js';
export type { ElmanCellOptions } from './cells/elman-cell.js';
export { ElmanCell } from './cells/elman-cell.js';
export { GRUCell } from './cells/gru-cell.js';
export type { LSTMCellOptions, LSTMState } from './cells/lstm-cell.js';
export { LSTMCell } from './cells/lstm-cell.js';
export type { CellStep } from './cells/recurrent-cell.js';
export { RecurrentCell } from './cells/recurrent-cell.js';
export type { ElmanOptions } from './layers/elman.js';
export { Elman } from './layers/elman.js';
export type { GRUOptions } from './layers/gru.js';
export { GRU } from './layers/gru.js';
export type { LSTMOptions } from './layers/lstm.js';
export { LSTM } from './layers/lstm.js';
export type { RecurrentLayerOptions, StepsResult } from './layers/recurrent-layer.js';
export { detachState, RecurrentLayer } from './layers/recurrent-layer.js';
export { timeSteps } from './layers/time-steps.js';
export { bitsPerCharacter } from './models/bits-per-character.js';
export type {
  CharLanguageModelOptions,
  LanguageModelOutput,
  LanguageModelState,
} from './models/char-language-model.js';
export { CharLanguageModel } from './models/char-language-model.js';
export type { SampleTextOptions } from './models/sample-text.js';
export { sampleText } from './models/sample-text.js';
export type { AnyRecurrentLayer, RecurrentKind, SequenceRegressorOptions } from './models/sequence-regressor.js';
export { recurrentLayer, SequenceRegressor } from './models/sequence-regressor.js';
export type { GradientThroughTime, GradientThroughTimeOptions } from './probes/gradient-through-time.js';
export { gradientThroughTime } from './probes/gradient-through-time.js';
export type { AddingBatch } from './tasks/adding-problem.js';
export { ADDING_BASELINE_MSE, addingProblem } from './tasks/adding-problem.js';
export type { AutoregressiveModel } from './tasks/autoregressive.js';
export { fitAutoregressive } from './tasks/autoregressive.js';
export { CharVocabulary } from './tasks/char-vocabulary.js';
export type { MobyDickOptions } from './tasks/moby-dick.js';
export { loadMobyDick, MOBY_DICK_PACKAGE } from './tasks/moby-dick.js';
export type { NgramBaselines } from './tasks/ngram-baselines.js';
export { ngramBaselines } from './tasks/ngram-baselines.js';
export type { TextChunk } from './tasks/text-streams.js';
export { textChunks } from './tasks/text-streams.js';
export type { ForecastWindows, NoisySineOptions } from './tasks/time-series.js';
export { forecastWindows, noisySine } from './tasks/time-series.js';
export type { RegressionBatch, RegressionHistory, Regressor, TrainRegressorOptions } from './train/train-regressor.js';
export { meanSquaredError, trainRegressor } from './train/train-regressor.js';
