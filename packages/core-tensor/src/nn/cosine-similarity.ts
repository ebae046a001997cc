import { cosineSimilarity } from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { Module } from './module.js';

/** Cosine similarity of x1 and x2 along `dim` (default 1): Σ x1·x2 / (max(‖x1‖, ε)·max(‖x2‖, ε)), ε default 1e-8. */
export class CosineSimilarity extends Module<[x1: Tensor, x2: Tensor], Tensor> {
  constructor(
    readonly dim = 1,
    readonly eps = 1e-8,
  ) {
    super();
  }

  forward(x1: Tensor, x2: Tensor): Tensor {
    return cosineSimilarity(x1, x2, this.dim, this.eps);
  }

  override extraRepr(): string {
    return `dim=${this.dim}, eps=${this.eps}`;
  }
}
