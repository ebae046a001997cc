import { ne, where } from '../ops/binary.js';
import { indexSelect } from '../ops/indexing/index-select.js';
import { reshape, unsqueeze } from '../ops/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectInt, expectRank } from './args.js';

export interface EmbeddingOptions {
  /** Rows looked up at this index receive no gradient (negative counts from the end). */
  paddingIdx?: number;
}

/**
 * Embedding lookup: y[…, :] = W[i[…], :] for int32 indices i of any shape and a table
 * W [numEmbeddings, dim]; the result is [...i.shape, dim]. Its gradient adds dy into the
 * looked-up rows, except the paddingIdx row, which stays fixed.
 */
export function embedding(indices: Tensor, weight: Tensor, options: EmbeddingOptions = {}): Tensor {
  expectInt('embedding', indices, 'indices');
  expectRank('embedding', weight, ['numEmbeddings', 'embeddingDim'], 'weight');
  const [rows, dim] = weight.shape as [number, number];
  for (let i = 0; i < indices.size; i++) {
    const index = indices.data[i]!;
    if (index < 0 || index >= rows)
      throw new RangeError(
        `embedding: index ${index} at flat position ${i} is out of range for ${rows} embeddings (expected 0 … ${rows - 1})`,
      );
  }
  const paddingIdx = options.paddingIdx === undefined ? undefined : resolvePaddingIdx(options.paddingIdx, rows);
  const looked = reshape(indexSelect(weight, 0, reshape(indices, [indices.size])), [...indices.shape, dim]);
  if (paddingIdx === undefined || !weight.requiresGrad) return looked;
  return where(unsqueeze(ne(indices, paddingIdx), -1), looked, looked.detach());
}

function resolvePaddingIdx(paddingIdx: number, rows: number): number {
  const resolved = paddingIdx < 0 ? paddingIdx + rows : paddingIdx;
  if (!(Number.isInteger(resolved) && resolved >= 0 && resolved < rows)) {
    throw new RangeError(
      `embedding: paddingIdx ${paddingIdx} is out of range for ${rows} embeddings (expected ${-rows} … ${rows - 1})`,
    );
  }
  return resolved;
}
