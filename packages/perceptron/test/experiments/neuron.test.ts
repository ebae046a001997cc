import { describe, expect, it } from 'vitest';
import {
  backpropAutodiff,
  experiments,
  perceptronConvergence,
  singleNeuronModels,
  vanishingGradients,
} from '../../src/experiments/index.js';
import { expectAllClaimsHold, quick } from './claims.js';

describe('experiments at quick size: §6.1.1–6.1.3', () => {
  it('lists the eight experiments of §6.1.1–6.1.5 with distinct ids', () => {
    expect(experiments.map((e) => e.section)).toEqual([
      '6.1.1',
      '6.1.1',
      '6.1.2',
      '6.1.2',
      '6.1.3',
      '6.1.4',
      '6.1.5',
      '6.1.2',
    ]);
    expect(new Set(experiments.map((e) => e.id)).size).toBe(8);
  });

  it('1 perceptron convergence: updates ≤ (R/γ)² over 20 orderings; non-separable data never settle', () => {
    const r = perceptronConvergence(quick);
    expectAllClaimsHold(r);
    expect(r.metrics.largestShareOfBound).toBeLessThanOrEqual(1);
    expect(r.metrics.nonSeparableFewestUpdatesPerEpoch).toBeGreaterThan(0);
  });

  it('2 single neuron: GD = IRLS to 1e-6 in loss, GD = normal equations to 1e-6 relative', () => {
    const r = singleNeuronModels(quick);
    expectAllClaimsHold(r);
    expect(r.metrics.logisticLossGap).toBeLessThan(1e-6);
    expect(r.metrics.linearRelativeGap).toBeLessThan(1e-6);
    expect(r.metrics.irlsIterations).toBeLessThan(20);
  });

  it('3 backprop = autodiff to 1e-6 in float64', () => {
    const r = backpropAutodiff(quick);
    expectAllClaimsHold(r);
    expect(r.metrics.maxRelativeError).toBeLessThan(1e-6);
    expect(r.metrics.nets).toBe(21);
  });

  it('4 vanishing gradients: sigmoid ratio < 1e-3, ReLU+He and tanh+Xavier within a factor 10', () => {
    const r = vanishingGradients(quick);
    expectAllClaimsHold(r);
    expect(r.metrics.ratio_sigmoid_naive).toBeLessThan(1e-3);
    for (const key of ['ratio_relu_he', 'ratio_tanh_xavier']) {
      expect(r.metrics[key]).toBeGreaterThan(0.1);
      expect(r.metrics[key]).toBeLessThan(10);
    }
  });

  it('reports progress from 0 to 1', () => {
    const seen: number[] = [];
    backpropAutodiff({ ...quick, progress: (f) => seen.push(f) });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
  });
});
