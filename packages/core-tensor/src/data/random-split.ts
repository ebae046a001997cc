import type { Generator } from '../random/generator.js';
import { randperm } from '../random/sample.js';
import type { Dataset } from './dataset.js';
import { Subset } from './dataset.js';

/**
 * Split a dataset into disjoint random subsets, like torch.utils.data.random_split. `lengths`
 * are sample counts summing to the dataset's length, or fractions summing to 1: each part gets
 * ⌊fᵢ·n⌋ samples and the remainder is dealt out one by one from the first part. The samples
 * are a permutation π drawn from `generator`: part k holds π[offsetₖ … offsetₖ + lengthₖ).
 */
export function randomSplit<T>(
  dataset: Dataset<T>,
  lengths: readonly number[],
  options: { generator?: Generator } = {},
): Subset<T>[] {
  const n = dataset.length;
  const counts = resolveLengths(n, lengths);
  const permutation = randperm(n, options.generator === undefined ? {} : { generator: options.generator })
    .data as Int32Array;
  const parts: Subset<T>[] = [];
  let offset = 0;
  for (const count of counts) {
    parts.push(new Subset(dataset, permutation.subarray(offset, offset + count)));
    offset += count;
  }
  return parts;
}

function resolveLengths(n: number, lengths: readonly number[]): number[] {
  if (lengths.length === 0) throw new RangeError('randomSplit: expected at least one length');
  const total = lengths.reduce((s, l) => s + l, 0);
  const isFractions = Math.abs(total - 1) < 1e-9 && total !== n && lengths.every((l) => l >= 0 && l <= 1);
  if (isFractions) {
    const counts = lengths.map((f) => Math.floor(f * n));
    const remainder = n - counts.reduce((s, c) => s + c, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length]! += 1;
    return counts;
  }
  if (lengths.some((l) => !Number.isInteger(l) || l < 0) || total !== n) {
    throw new RangeError(
      `randomSplit: lengths [${lengths.join(', ')}] must be non-negative integers summing to the dataset length ${n}, or fractions summing to 1`,
    );
  }
  return [...lengths];
}
