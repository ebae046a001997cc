import type { Tensor } from '../tensor/tensor.js';

function gradsOf(params: Iterable<Tensor>): Tensor[] {
  const grads: Tensor[] = [];
  for (const p of params) if (p.grad !== null) grads.push(p.grad);
  return grads;
}

/**
 * Rescale gradients in place so that their joint p-norm ‖g‖ₚ = (Σᵢ Σⱼ |gᵢⱼ|ᵖ)^(1/p) (max |g|
 * for p = ∞) is at most maxNorm: g ← g·maxNorm/(‖g‖ₚ + 1e-6) when that factor is < 1.
 * Returns the norm before clipping.
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number, normType = 2): number {
  if (!(maxNorm >= 0)) throw new RangeError(`clipGradNorm: maxNorm must be ≥ 0, got ${maxNorm}`);
  if (!(normType > 0)) throw new RangeError(`clipGradNorm: normType must be > 0 (or Infinity), got ${normType}`);
  const grads = gradsOf(params);
  let total = 0;
  for (const g of grads) {
    const data = g.data;
    for (let i = 0; i < data.length; i++) {
      const a = Math.abs(data[i]!);
      if (normType === Number.POSITIVE_INFINITY) total = a > total || Number.isNaN(a) ? a : total;
      else total += normType === 2 ? a * a : a ** normType;
    }
  }
  if (normType !== Number.POSITIVE_INFINITY) total = normType === 2 ? Math.sqrt(total) : total ** (1 / normType);
  const coefficient = maxNorm / (total + 1e-6);
  if (coefficient < 1) {
    for (const g of grads) {
      const data = g.data;
      for (let i = 0; i < data.length; i++) data[i] = data[i]! * coefficient;
      g.versionCounter.value++;
    }
  }
  return total;
}

/** Clamp every gradient element into [−clipValue, clipValue], in place. */
export function clipGradValue(params: Iterable<Tensor>, clipValue: number): void {
  if (!(clipValue >= 0)) throw new RangeError(`clipGradValue: clipValue must be ≥ 0, got ${clipValue}`);
  for (const g of gradsOf(params)) {
    const data = g.data;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      data[i] = Math.min(Math.max(v, -clipValue), clipValue);
    }
    g.versionCounter.value++;
  }
}
