import { allocate } from '../dtype.js';
import { mul, where } from '../ops/binary.js';
import { matmul } from '../ops/matmul.js';
import { unsqueeze } from '../ops/shape.js';
import { reciprocal } from '../ops/unary.js';
import { Tensor } from '../tensor/tensor.js';
import { matrixStack, transposeLast } from './batch.js';
import { svd } from './svd.js';

/** Which singular values survive the cutoff σᵢ > max(atol, rtol·σ₁), per matrix (a constant mask). */
function keptSingularValues(s: Tensor, atol: number, rtol: number): Tensor {
  const k = s.shape[s.ndim - 1]!;
  const keep = allocate('bool', s.size);
  for (let base = 0; base < s.size; base += k) {
    const cutoff = Math.max(atol, rtol * (s.data[base] ?? 0));
    for (let i = 0; i < k; i++) keep[base + i] = s.data[base + i]! > cutoff ? 1 : 0;
  }
  return new Tensor(keep, s.shape);
}

/**
 * The Moore–Penrose pseudo-inverse A⁺ = V·diag(σ⁺)·Uᵀ [..., n, m] of every matrix of a
 * stack [..., m, n] (torch.linalg.pinv), from the thin SVD A = U·diag(σ)·Vh with σ⁺ᵢ = 1/σᵢ
 * for σᵢ > max(atol, rtol·σ₁) and 0 otherwise. rtol defaults to max(m, n)·ε of the dtype,
 * or to 0 when atol > 0 is given, as in PyTorch. x = A⁺b is the minimum-norm least-squares
 * solution of A·x ≈ b. Differentiable (through svd) where the rank does not change.
 */
export function pinv(a: Tensor, options: { atol?: number; rtol?: number } = {}): Tensor {
  const { rows: m, cols: n } = matrixStack('linalg.pinv', a);
  const eps = a.dtype === 'float64' ? Number.EPSILON : 2 ** -23;
  const atol = options.atol ?? 0;
  const rtol = options.rtol ?? (atol > 0 ? 0 : Math.max(m, n) * eps);
  const { U, S, Vh } = svd(a);
  const keep = keptSingularValues(S, atol, rtol);
  const inverseS = where(keep, reciprocal(where(keep, S, 1)), 0);
  return matmul(mul(transposeLast(Vh), unsqueeze(inverseS, -2)), transposeLast(U));
}
