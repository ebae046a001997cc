import type { Generator } from '@shinkei/core-tensor';
import { logistic } from '../math/special.js';
import type { BoltzmannParameters, Moments } from './exact.js';

/**
 * Parallel Gibbs chains of a Boltzmann machine. One sweep visits every unit in turn and
 * resamples it from its conditional P(xᵢ = 1 | x₋ᵢ) = σ(bᵢ + Σⱼ wᵢⱼxⱼ); the fields
 * bᵢ + Σⱼ wᵢⱼxⱼ are kept current after each change, so a sweep costs O(n + changes·n).
 */
export class GibbsChains {
  readonly states: Float64Array;
  private readonly fields: Float64Array;

  constructor(
    readonly params: BoltzmannParameters,
    readonly chains: number,
    generator: Generator,
  ) {
    const n = params.units;
    this.states = new Float64Array(chains * n);
    for (let i = 0; i < this.states.length; i++) this.states[i] = generator.random() < 0.5 ? 1 : 0;
    this.fields = new Float64Array(chains * n);
    this.refreshFields();
  }

  /** Recompute every chain's fields from the current parameters (after a learning step). */
  refreshFields(): void {
    const { units: n, weights, biases } = this.params;
    for (let c = 0; c < this.chains; c++) {
      const base = c * n;
      for (let i = 0; i < n; i++) {
        let field = biases[i]!;
        for (let j = 0; j < n; j++) field += weights[i * n + j]! * this.states[base + j]!;
        this.fields[base + i] = field;
      }
    }
  }

  /** One systematic-scan sweep of every chain. */
  sweep(generator: Generator): void {
    const { units: n, weights } = this.params;
    for (let c = 0; c < this.chains; c++) {
      const base = c * n;
      for (let i = 0; i < n; i++) {
        const next = generator.random() < logistic(this.fields[base + i]!) ? 1 : 0;
        const change = next - this.states[base + i]!;
        if (change === 0) continue;
        this.states[base + i] = next;
        for (let j = 0; j < n; j++) this.fields[base + j]! += weights[j * n + i]! * change;
      }
    }
  }

  /** Add every chain's xᵢ and xᵢxⱼ, weighted by `weight`, into running moments. */
  accumulate(moments: Moments, weight: number): void {
    const n = this.params.units;
    for (let c = 0; c < this.chains; c++) {
      const base = c * n;
      for (let i = 0; i < n; i++) {
        if (this.states[base + i] === 0) continue;
        moments.means[i]! += weight;
        for (let j = 0; j < n; j++) if (this.states[base + j] !== 0) moments.correlations[i * n + j]! += weight;
      }
    }
  }
}
