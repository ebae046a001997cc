import type { Experiment } from '@shinkei/core-tensor/experiment';
import { describe, expect, it } from 'vitest';
import { type ExperimentResult, experiments, type HopfieldExperiment } from '../src/experiments/index.js';

const figureKinds = ['line', 'scatter', 'bar', 'images', 'heatmap', 'text'];

function checkContract(experiment: HopfieldExperiment, result: ExperimentResult): void {
  expect(experiment.topic).toBe('hopfield');
  expect(['6.1.6', '6.1.7']).toContain(experiment.section);
  expect(result.verdicts.length).toBeGreaterThan(0);
  for (const metric of Object.values(result.metrics)) expect(Number.isFinite(metric)).toBe(true);
  for (const figure of result.figures) {
    expect(figureKinds).toContain(figure.kind);
    if (figure.kind === 'line' || figure.kind === 'scatter') {
      for (const s of figure.series) {
        expect(s.x).toHaveLength(s.y.length);
        for (const y of s.y) expect(Number.isFinite(y)).toBe(true);
      }
    }
    if (figure.kind === 'images') {
      for (const image of figure.images) expect(image.pixels).toHaveLength(image.width * image.height);
    }
  }
  expect(JSON.parse(JSON.stringify(result.settings))).toBeTypeOf('object');
}

describe('experiments at quick size', () => {
  it('have unique ids and fit the shared experiment contract', () => {
    const contract: readonly Experiment[] = experiments;
    expect(new Set(contract.map((e) => e.id)).size).toBe(experiments.length);
  });

  // The experiments whose claims are not already tested at their own size elsewhere; each
  // also checks the tour contract (verdicts, finite metrics, drawable figures) and progress.
  for (const id of ['energy-descent', 'retrieval-overlap', 'cdma-load', 'complementary-prior', 'dbn-digits']) {
    it(`${id}: every verdict passes and the result fits the tour contract`, async () => {
      const experiment = experiments.find((e) => e.id === id)!;
      const fractions: number[] = [];
      const result = await experiment.run({ size: 'quick', seed: 0, progress: (f) => fractions.push(f) });
      checkContract(experiment, result);
      for (const verdict of result.verdicts) expect(verdict.pass, `${verdict.claim}: ${verdict.measured}`).toBe(true);
      expect(fractions.length).toBeGreaterThan(0);
      for (const f of fractions) expect(f).toBeGreaterThanOrEqual(0);
      expect(Math.max(...fractions)).toBeLessThanOrEqual(1);
    });
  }
});
