import type { Generator } from '@shinkei/core-tensor';
import type { Matrix } from '../math/matrix.js';
import type { BoltzmannParameters, Moments } from './exact.js';
import { GibbsChains } from './gibbs.js';

/** How the model expectations E_P[xᵢxⱼ] of the gradient are obtained. */
export type MomentMethod = 'exact' | 'gibbs';

export interface MomentMatchingSettings {
  method: MomentMethod;
  epochs: number;
  learningRate: number;
  /** η_t = η / (1 + decay·t): a Robbins–Monro schedule that averages out Gibbs noise. */
  decay: number;
  /** Persistent Gibbs chains (method 'gibbs'). */
  chains: number;
  /** Gibbs sweeps of the persistent chains between two updates. */
  sweepsPerStep: number;
  generator: Generator;
  onEpoch?: (epoch: number) => void;
}

/** Data moments ⟨xᵢ⟩_data and ⟨xᵢxⱼ⟩_data of binary rows, each row weighted (weights sum to 1). */
export function dataMoments(data: Matrix, rowWeights: Float64Array): Moments {
  const n = data.cols;
  const means = new Float64Array(n);
  const correlations = new Float64Array(n * n);
  for (let r = 0; r < data.rows; r++) {
    const w = rowWeights[r]!;
    const base = r * n;
    for (let i = 0; i < n; i++) {
      if (data.data[base + i] === 0) continue;
      means[i]! += w;
      for (let j = 0; j < n; j++) if (data.data[base + j] !== 0) correlations[i * n + j]! += w;
    }
  }
  return { means, correlations };
}

/**
 * Maximum-likelihood learning by moment matching, gradient ascent on (1/M) Σ log P(x⁽ᵐ⁾):
 * Δwᵢⱼ = η(⟨xᵢxⱼ⟩_data − ⟨xᵢxⱼ⟩_model), Δbᵢ = η(⟨xᵢ⟩_data − ⟨xᵢ⟩_model), with the model
 * moments exact (enumeration) or estimated by persistent Gibbs chains (stochastic
 * maximum likelihood, Younes 1989 / Tieleman 2008).
 */
export function matchMoments(
  params: BoltzmannParameters,
  target: Moments,
  exactModelMoments: () => Moments,
  settings: MomentMatchingSettings,
): void {
  const n = params.units;
  const chains = settings.method === 'gibbs' ? new GibbsChains(params, settings.chains, settings.generator) : undefined;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    let model: Moments;
    if (chains) {
      model = { means: new Float64Array(n), correlations: new Float64Array(n * n) };
      chains.refreshFields();
      for (let t = 0; t < settings.sweepsPerStep; t++) chains.sweep(settings.generator);
      chains.accumulate(model, 1 / settings.chains);
    } else {
      model = exactModelMoments();
    }
    const rate = settings.learningRate / (1 + settings.decay * epoch);
    for (let i = 0; i < n; i++) {
      params.biases[i]! += rate * (target.means[i]! - model.means[i]!);
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        params.weights[i * n + j]! += rate * (target.correlations[i * n + j]! - model.correlations[i * n + j]!);
      }
    }
    settings.onEpoch?.(epoch);
  }
}
