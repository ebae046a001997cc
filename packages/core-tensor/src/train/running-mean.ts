import type { Tensor } from '../tensor/tensor.js';

/**
 * A weighted running mean, m = Σ wᵢ vᵢ / Σ wᵢ: feed each batch's mean loss with its batch size
 * as the weight and `value` is the epoch's mean loss over samples.
 */
export class RunningMean {
  private total = 0;
  private weight = 0;

  /** Add `value` (a number or a one-element tensor) with weight `count` (default 1). */
  update(value: number | Tensor, count = 1): this {
    if (!(count >= 0)) throw new RangeError(`RunningMean.update: count must be ≥ 0, got ${count}`);
    const v = typeof value === 'number' ? value : value.item();
    this.total += v * count;
    this.weight += count;
    return this;
  }

  /** The mean so far (NaN before any update). */
  get value(): number {
    return this.weight === 0 ? Number.NaN : this.total / this.weight;
  }

  /** The total weight so far. */
  get count(): number {
    return this.weight;
  }

  reset(): void {
    this.total = 0;
    this.weight = 0;
  }
}
