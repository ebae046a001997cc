import type { ExperimentResult } from '@shinkei/core-tensor/experiment';
import { describe, expect, it } from 'vitest';
import { addingProblemSettings, experiments, runAddingProblemExperiment } from '../src/experiments/index.js';

function expectWellFormed(result: ExperimentResult): void {
  expect(result.verdicts.length).toBeGreaterThan(0);
  for (const v of result.verdicts) expect(typeof v.pass).toBe('boolean');
  for (const [name, value] of Object.entries(result.metrics)) expect(Number.isFinite(value), name).toBe(true);
  for (const figure of result.figures) {
    if (figure.kind === 'line') for (const s of figure.series) expect(s.x).toHaveLength(s.y.length);
  }
}

const byId = (id: string) => experiments.find((e) => e.id === id)!;

describe('experiments of §6.1.8', () => {
  it('are registered once each under the rnn topic', () => {
    expect(experiments.map((e) => e.id)).toEqual([
      'gradient-flow',
      'adding-problem',
      'char-language-model',
      'forecasting',
    ]);
    for (const e of experiments) expect([e.topic, e.section]).toEqual(['rnn', '6.1.8']);
  });

  it('gradient flow (quick): the Elman gradient vanishes, the LSTM keeps more per step', () => {
    const progress: number[] = [];
    const result = byId('gradient-flow').run({ size: 'quick', seed: 42, progress: (f) => progress.push(f) });
    expectWellFormed(result);
    expect(result.verdicts.every((v) => v.pass)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    const curve = result.figures[0]!;
    expect(curve.kind === 'line' && curve.series[0]!.x).toHaveLength(50);
  });

  it('forecasting (quick): AR(24) reaches the noise floor, persistence does not', () => {
    const result = byId('forecasting').run({ size: 'quick', seed: 42 });
    expectWellFormed(result);
    expect(result.metrics.mseAutoregressive).toBeLessThan(1.5 * result.metrics.noiseFloor!);
    expect(result.metrics.msePersistence).toBeGreaterThan(5 * result.metrics.noiseFloor!);
  });

  it('adding problem: the whole experiment at a tiny size returns its figures and metrics', () => {
    const settings = { ...addingProblemSettings('quick'), lengths: [4, 6], mainLength: 6, steps: 5, testSize: 16 };
    const result = runAddingProblemExperiment({ size: 'quick', seed: 3 }, settings);
    expectWellFormed(result);
    expect(result.verdicts).toHaveLength(4);
    expect(result.figures.map((f) => f.kind)).toEqual(['bar', 'line', 'line', 'line']);
    expect(result.metrics.mse_lstm_T6).toBeGreaterThan(0);
    expect(result.metrics.gradientRatio_elman_T6).toBeGreaterThan(0);
  });
});
