/**
 * Bits per character of the unigram and bigram models on a validation text, both fitted on
 * a training text (indices in 0 … V − 1). Every model is scored on the same predictions:
 * characters 1 … N − 1 of the validation text, each given the ones before it.
 */
export interface NgramBaselines {
  /** −(1/N′) Σ log₂ p(xᵢ), p(c) = (count(c) + 1)/(n + V) (add-one). */
  unigram: number;
  /** −(1/N′) Σ log₂ p(xᵢ | xᵢ₋₁), p(b | a) = (count(ab) + β·p(b))/(count(a) + β) (smoothed toward the unigram). */
  bigram: number;
}

/**
 * Fit unigram and bigram character models on `train` and measure their cross-entropy on
 * `validation` in bits per character. The bigram is smoothed toward the unigram with a
 * Dirichlet prior of strength β (default 1), so unseen pairs keep a sensible probability.
 */
export function ngramBaselines(
  train: ArrayLike<number>,
  validation: ArrayLike<number>,
  vocabularySize: number,
  options: { beta?: number } = {},
): NgramBaselines {
  const V = vocabularySize;
  const beta = options.beta ?? 1;
  if (validation.length < 2) throw new RangeError('ngramBaselines: the validation text needs at least 2 characters');
  const unigramCounts = new Float64Array(V);
  const bigramCounts = new Float64Array(V * V);
  for (let i = 0; i < train.length; i++) {
    unigramCounts[train[i]!]!++;
    if (i > 0) bigramCounts[train[i - 1]! * V + train[i]!]!++;
  }
  const unigram = (c: number): number => (unigramCounts[c]! + 1) / (train.length + V);
  const contextCounts = new Float64Array(V);
  for (let i = 0; i + 1 < train.length; i++) contextCounts[train[i]!]!++;
  let unigramBits = 0;
  let bigramBits = 0;
  for (let i = 1; i < validation.length; i++) {
    const [a, b] = [validation[i - 1]!, validation[i]!];
    unigramBits -= Math.log2(unigram(b));
    bigramBits -= Math.log2((bigramCounts[a * V + b]! + beta * unigram(b)) / (contextCounts[a]! + beta));
  }
  const n = validation.length - 1;
  return { unigram: unigramBits / n, bigram: bigramBits / n };
}
