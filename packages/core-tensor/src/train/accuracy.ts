import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * Classification accuracy, (1/N) Σᵢ [ŷᵢ = yᵢ]. Scores [N, C] predict ŷᵢ = argmax_c sᵢ꜀ (the
 * first on ties), against labels [N] in 0 … C−1. Scores [N] or [N, 1] are binary logits:
 * ŷᵢ = [sᵢ > 0], against labels [N] in {0, 1}. Returns a number in [0, 1] (NaN when N = 0).
 */
export function accuracy(scores: Tensor, labels: Tensor): number {
  const n = labels.shape[0] ?? 0;
  if (labels.ndim !== 1 || scores.ndim < 1 || scores.ndim > 2 || scores.shape[0] !== n) {
    throw new ShapeError(
      `accuracy: expected scores [N, C] or [N] and labels [N], got ${formatShape(scores.shape)} and ${formatShape(labels.shape)}`,
    );
  }
  const classes = scores.ndim === 2 ? scores.shape[1]! : 1;
  const s = scores.data;
  const y = labels.data;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let predicted: number;
    if (classes === 1) predicted = s[i]! > 0 ? 1 : 0;
    else {
      predicted = 0;
      for (let c = 1; c < classes; c++) if (s[i * classes + c]! > s[i * classes + predicted]!) predicted = c;
    }
    if (predicted === y[i]) correct++;
  }
  return correct / n;
}
