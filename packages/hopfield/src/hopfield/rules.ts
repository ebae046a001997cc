import type { Tensor } from '@shinkei/core-tensor';
import { symmetricPseudoInverse } from '../math/linalg.js';
import { type Matrix, matmulMatrix, zeroDiagonal } from '../math/matrix.js';
import { checkSpins, type MatrixLike, matrixTensor, readMatrix } from '../tensors.js';

/** How a Hopfield network turns patterns into couplings. */
export type LearningRule = 'hebb' | 'projection';

/**
 * Hebb rule, wᵢⱼ = (1/N) Σ_μ ξᵢ^μ ξⱼ^μ, wᵢᵢ = 0, for patterns Ξ [P, N] (one per row):
 * W = ΞᵀΞ / N with its diagonal cleared. Returns float64 [N, N].
 */
export function hebbianWeights(patterns: MatrixLike): Tensor {
  const xi = readMatrix('hebbianWeights', patterns);
  checkSpins('hebbianWeights', xi.data);
  return matrixTensor(hebbCouplings(xi));
}

/**
 * Pseudo-inverse (projection) rule of Personnaz–Guyon–Dreyfus and Kanter–Sompolinsky:
 * wᵢⱼ = (1/N) Σ_μν ξᵢ^μ (C⁻¹)_μν ξⱼ^ν with the overlap matrix C_μν = (1/N) ξ^μ·ξ^ν, i.e.
 * W = Ξᵀ(ΞΞᵀ)⁺Ξ, the orthogonal projector onto the span of the patterns, with wᵢᵢ = 0. Every
 * linearly independent pattern is a fixed point, correlated or not, for P < N. float64 [N, N].
 */
export function projectionWeights(patterns: MatrixLike): Tensor {
  const xi = readMatrix('projectionWeights', patterns);
  checkSpins('projectionWeights', xi.data);
  return matrixTensor(projectionCouplings(xi));
}

/** W = ΞᵀΞ / N, wᵢᵢ = 0, on a raw pattern matrix. */
export function hebbCouplings(patterns: Matrix): Matrix {
  const weights = matmulMatrix(patterns, patterns, true, false);
  const scale = 1 / patterns.cols;
  for (let i = 0; i < weights.data.length; i++) weights.data[i]! *= scale;
  return zeroDiagonal(weights);
}

/** W = Ξᵀ(ΞΞᵀ)⁺Ξ, wᵢᵢ = 0, on a raw pattern matrix. */
export function projectionCouplings(patterns: Matrix): Matrix {
  const gram = matmulMatrix(patterns, patterns, false, true);
  const inverse = { data: symmetricPseudoInverse(gram.data, gram.rows), rows: gram.rows, cols: gram.cols };
  const mixed = matmulMatrix(inverse, patterns);
  return zeroDiagonal(matmulMatrix(patterns, mixed, true, false));
}
