import { type Matrix, matmulMatrix } from '../math/matrix.js';
import { normalCdf } from '../math/special.js';
import { checkSpins, type MatrixLike, readMatrix } from '../tensors.js';

/**
 * Signal-to-noise prediction of the fraction of unstable bits of a stored pattern under the
 * Hebb rule at load α = P/N: the crosstalk (1/N) Σ_{ν≠μ} Σ_{j≠i} ξᵢ^μξᵢ^νξⱼ^νξⱼ^μ is
 * ≈ N(0, α) against a signal of 1, so P(unstable) = Φ(−1/√α).
 */
export function predictedUnstableFraction(alpha: number): number {
  if (!(alpha > 0)) throw new RangeError(`predictedUnstableFraction: load α must be > 0, got ${alpha}`);
  return normalCdf(-1 / Math.sqrt(alpha));
}

/**
 * The same prediction with the exact finite-N moments: signal (N − 1)/N, crosstalk variance
 * (P − 1)(N − 1)/N², so P(unstable) = Φ(−√((N − 1)/(P − 1))).
 */
export function finiteSizeUnstableFraction(size: number, count: number): number {
  if (!(count >= 2)) throw new RangeError(`finiteSizeUnstableFraction: needs at least 2 patterns, got ${count}`);
  return normalCdf(-Math.sqrt((size - 1) / (count - 1)));
}

/**
 * Fraction of bits (μ, i) with ξᵢ^μ hᵢ^μ < 0 when exactly the patterns Ξ [P, N] are stored
 * by the Hebb rule: the bits a single update would flip away from a stored memory.
 */
export function unstableBitFraction(patterns: MatrixLike): number {
  const xi = readMatrix('unstableBitFraction', patterns);
  checkSpins('unstableBitFraction', xi.data);
  return hebbianUnstableCount(xi) / xi.data.length;
}

/**
 * Count of unstable bits of Hebb-stored patterns without forming W: with the overlap matrix
 * Q = ΞΞᵀ, hᵢ^μ = Σ_{j≠i} wᵢⱼξⱼ^μ = (1/N)(Σ_ν Q_μν ξᵢ^ν − P ξᵢ^μ), costing 2P²N instead of N²P.
 */
export function hebbianUnstableCount(patterns: Matrix): number {
  const { rows: p, cols: n } = patterns;
  const q = matmulMatrix(patterns, patterns, false, true);
  const mixed = matmulMatrix(q, patterns);
  let count = 0;
  for (let k = 0; k < p * n; k++) {
    const xi = patterns.data[k]!;
    if (xi * (mixed.data[k]! - p * xi) < 0) count++;
  }
  return count;
}
