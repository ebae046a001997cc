import type { Tensor } from '@shinkei/core-tensor';
import { tensor } from '@shinkei/core-tensor';

/** One chunk of B parallel text streams: inputs and next-character targets, both int32 [T, B]. */
export interface TextChunk {
  inputs: Tensor;
  targets: Tensor;
}

/**
 * Cut a text (character indices) into B contiguous streams and walk them in chunks of T
 * steps, as truncated-BPTT language-model training does: stream b reads
 * ids[b·L + j·T + t] and predicts the character after it, and chunk j + 1 continues where
 * chunk j stopped, so a state carried (detached) from chunk to chunk has seen the whole
 * stream. L is the longest stream length that fills whole chunks; the targets of one pass
 * are characters 1 … B·L, each exactly once (the tail after B·L is unused).
 */
export function textChunks(ids: ArrayLike<number>, batchSize: number, chunkLength: number): TextChunk[] {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`textChunks: batchSize must be an integer ≥ 1, got ${batchSize}`);
  if (!Number.isInteger(chunkLength) || chunkLength < 1)
    throw new RangeError(`textChunks: chunkLength must be an integer ≥ 1, got ${chunkLength}`);
  const perStream = Math.floor((ids.length - 1) / batchSize / chunkLength) * chunkLength;
  if (perStream === 0)
    throw new RangeError(
      `textChunks: ${ids.length} characters cannot fill ${batchSize} streams of one ${chunkLength}-step chunk`,
    );
  const chunks: TextChunk[] = [];
  for (let start = 0; start < perStream; start += chunkLength) {
    const inputs = new Int32Array(chunkLength * batchSize);
    const targets = new Int32Array(chunkLength * batchSize);
    for (let t = 0; t < chunkLength; t++) {
      for (let b = 0; b < batchSize; b++) {
        const position = b * perStream + start + t;
        inputs[t * batchSize + b] = ids[position]!;
        targets[t * batchSize + b] = ids[position + 1]!;
      }
    }
    chunks.push({
      inputs: tensor(inputs, { shape: [chunkLength, batchSize] }),
      targets: tensor(targets, { shape: [chunkLength, batchSize] }),
    });
  }
  return chunks;
}
