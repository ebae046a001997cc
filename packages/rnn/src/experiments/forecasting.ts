import { Generator, manualSeed, noGrad, randint } from '@shinkei/core-tensor';
import type { RecurrentKind } from '../models/sequence-regressor.js';
import { SequenceRegressor } from '../models/sequence-regressor.js';
import { fitAutoregressive } from '../tasks/autoregressive.js';
import { forecastWindows, noisySine } from '../tasks/time-series.js';
import { trainRegressor } from '../train/train-regressor.js';
import type { ExperimentResult, Figure, RnnExperiment, RunOptions } from './types.js';
import { bySize, formatNumber } from './types.js';

const NOISE = 0.1;
const WINDOW = 24;

/**
 * §6.1.8, forecasting: one-step-ahead prediction of a noisy two-tone signal
 * (xₜ = sin(2πt/20 + φ₁) + 0.5 sin(2πt/7 + φ₂) + εₜ, σ = 0.1) from the last 24 values, by
 * an Elman network, an LSTM, a least-squares AR(24) model and persistence (x̂ₜ₊₁ = xₜ).
 * The noise floor σ² bounds every forecaster.
 */
export function runForecasting(options: RunOptions): ExperimentResult {
  const { length, steps, hiddenSize } = bySize(options.size, {
    quick: { length: 1000, steps: 600, hiddenSize: 16 },
    default: { length: 2000, steps: 800, hiddenSize: 16 },
    full: { length: 5000, steps: 2000, hiddenSize: 32 },
  });
  manualSeed(options.seed);
  const series = noisySine(length, { noise: NOISE, generator: new Generator(options.seed) });
  const split = Math.floor(0.7 * length);
  const train = forecastWindows(series, WINDOW, { to: split });
  const test = forecastWindows(series, WINDOW, { from: split });
  const trainCount = train.targets.shape[0]!;
  const testCount = test.targets.shape[0]!;

  const ar = fitAutoregressive(series.subarray(0, split), WINDOW);
  const arPredictions = Array.from({ length: testCount }, (_, n) =>
    ar.predict(series.subarray(split + n, split + n + WINDOW)),
  );
  const truth = Array.from({ length: testCount }, (_, n) => series[split + n + WINDOW]!);
  const mse = (predictions: ArrayLike<number>): number =>
    truth.reduce((sum, y, n) => sum + (predictions[n]! - y) ** 2, 0) / testCount;
  const persistence = truth.map((_, n) => series[split + n + WINDOW - 1]!);

  const kinds: RecurrentKind[] = ['elman', 'lstm'];
  const networks = kinds.map((kind, k) => {
    const generator = new Generator(options.seed + k);
    const model = new SequenceRegressor(kind, 1, hiddenSize, {
      generator,
      ...(kind === 'lstm' ? { forgetBias: 1 } : {}),
    });
    const history = trainRegressor(model, {
      steps,
      lr: 1e-2,
      schedule: 'cosine',
      batch: () => {
        const picks = randint(0, trainCount, [32], { generator });
        return { inputs: train.inputs.indexSelect(1, picks), targets: train.targets.indexSelect(0, picks) };
      },
      progress: (fraction) => options.progress?.((k + fraction) / kinds.length, kind),
    });
    model.eval();
    const predictions = noGrad(() => model.call(test.inputs)).data;
    return { kind, testMse: mse(predictions), predictions, history };
  });
  const [elman, lstm] = networks as [(typeof networks)[0], (typeof networks)[0]];
  const arMse = mse(arPredictions);
  const persistenceMse = mse(persistence);
  const floor = NOISE * NOISE;
  const shown = Math.min(120, testCount);
  const times = Array.from({ length: shown }, (_, n) => split + n + WINDOW);
  const figures: Figure[] = [
    {
      kind: 'line',
      title: `One-step-ahead forecasts on the held-out part (first ${shown} steps)`,
      xLabel: 't',
      yLabel: 'x',
      series: [
        { name: 'observed', x: times, y: truth.slice(0, shown) },
        { name: `AR(${WINDOW})`, x: times, y: arPredictions.slice(0, shown) },
        { name: 'Elman', x: times, y: Array.from(elman.predictions).slice(0, shown) },
        { name: 'LSTM', x: times, y: Array.from(lstm.predictions).slice(0, shown) },
      ],
    },
    {
      kind: 'bar',
      title: `Test MSE (noise floor σ² = ${formatNumber(floor)})`,
      yLabel: 'MSE',
      logY: true,
      bars: [
        { label: 'persistence', value: persistenceMse },
        { label: `AR(${WINDOW})`, value: arMse },
        { label: 'Elman', value: elman.testMse },
        { label: 'LSTM', value: lstm.testMse },
        { label: 'noise floor σ²', value: floor },
      ],
    },
  ];
  return {
    verdicts: [
      {
        claim: 'Recurrent networks forecast a noisy time series',
        measured: `test MSE: LSTM ${formatNumber(lstm.testMse)}, Elman ${formatNumber(elman.testMse)}, AR(${WINDOW}) ${formatNumber(arMse)}, persistence ${formatNumber(persistenceMse)}; noise floor ${formatNumber(floor)}`,
        chapter: 'RNN/LSTM are used in practice for time-series prediction (within 2σ² here)',
        pass: lstm.testMse < 2 * floor && elman.testMse < 2 * floor,
      },
    ],
    metrics: {
      mseLstm: lstm.testMse,
      mseElman: elman.testMse,
      mseAutoregressive: arMse,
      msePersistence: persistenceMse,
      noiseFloor: floor,
    },
    figures,
    settings: {
      length,
      trainPoints: split,
      window: WINDOW,
      noise: NOISE,
      periods: [20, 7],
      amplitudes: [1, 0.5],
      hiddenSize,
      steps,
      batchSize: 32,
      lr: 1e-2,
      schedule: 'cosine',
      arOrder: WINDOW,
    },
  };
}

/** The forecasting experiment as the tour registers it. */
export const forecastingExperiment: RnnExperiment = {
  id: 'forecasting',
  topic: 'rnn',
  section: '6.1.8',
  title: 'Time-series forecasting: LSTM vs Elman vs a linear AR model',
  claim: 'RNNs and LSTMs are practical time-series predictors',
  run: runForecasting,
};
