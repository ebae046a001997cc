import { Generator } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { ADDING_BASELINE_MSE, addingProblem } from '../src/tasks/adding-problem.js';
import { fitAutoregressive } from '../src/tasks/autoregressive.js';
import { CharVocabulary } from '../src/tasks/char-vocabulary.js';
import { ngramBaselines } from '../src/tasks/ngram-baselines.js';
import { textChunks } from '../src/tasks/text-streams.js';
import { forecastWindows, noisySine } from '../src/tasks/time-series.js';

describe('adding problem', () => {
  it('two markers, one in each half; the target is the sum of the marked values', () => {
    const { inputs, targets } = addingProblem(10, 64, { generator: new Generator(1) });
    expect(inputs.shape).toEqual([10, 64, 2]);
    for (let b = 0; b < 64; b++) {
      const marked: number[] = [];
      let sum = 0;
      for (let t = 0; t < 10; t++) {
        const [value, marker] = [inputs.data[(t * 64 + b) * 2]!, inputs.data[(t * 64 + b) * 2 + 1]!];
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(1);
        if (marker === 1) {
          marked.push(t);
          sum += value;
        }
      }
      expect(marked).toHaveLength(2);
      expect(marked[0]).toBeLessThan(5);
      expect(marked[1]).toBeGreaterThanOrEqual(5);
      expect(targets.data[b]).toBeCloseTo(sum, 5);
    }
  });

  it('the constant predictor 1 has MSE ≈ 1/6', () => {
    const { targets } = addingProblem(4, 20000, { generator: new Generator(2) });
    expect(targets.sub(1).square().mean().item()).toBeCloseTo(ADDING_BASELINE_MSE, 2);
  });
});

describe('text', () => {
  it('CharVocabulary round-trips and refuses unknown characters', () => {
    const vocabulary = new CharVocabulary('abcab—c');
    expect(vocabulary.size).toBe(4);
    expect(vocabulary.decode(vocabulary.encode('c—ba'))).toBe('c—ba');
    expect(() => vocabulary.encode('abz')).toThrow("'z' (U+7a) is not in the vocabulary");
  });

  it('n-gram baselines: exact on a deterministic text, bigram ≤ unigram', () => {
    const train = Int32Array.from({ length: 1000 }, (_, i) => i % 2);
    const { unigram, bigram } = ngramBaselines(train, Int32Array.of(0, 1, 0, 1, 0), 2);
    expect(unigram).toBeCloseTo(1, 2);
    expect(bigram).toBeLessThan(0.01);
  });

  it('text chunks: B contiguous streams, targets shifted by one, chunk after chunk', () => {
    const ids = Int32Array.from({ length: 25 }, (_, i) => i);
    const chunks = textChunks(ids, 2, 3);
    expect(chunks).toHaveLength(4);
    expect(chunks[0]!.inputs.toArray()).toEqual([
      [0, 12],
      [1, 13],
      [2, 14],
    ]);
    expect(chunks[1]!.inputs.toArray()).toEqual([
      [3, 15],
      [4, 16],
      [5, 17],
    ]);
    expect(chunks[3]!.targets.toArray()).toEqual([
      [10, 22],
      [11, 23],
      [12, 24],
    ]);
  });
});

describe('time series', () => {
  it('windows: inputs [W, N, 1] and the value after each window', () => {
    const series = Float64Array.from({ length: 10 }, (_, i) => i);
    const { inputs, targets } = forecastWindows(series, 3, { from: 2 });
    expect(inputs.shape).toEqual([3, 5, 1]);
    expect(Array.from(targets.data)).toEqual([5, 6, 7, 8, 9]);
    expect(inputs.narrow(1, 0, 1).reshape([3]).toArray()).toEqual([2, 3, 4]);
  });

  it('least squares recovers the coefficients of an AR(2) process', () => {
    const g = new Generator(3);
    const series = new Float64Array(5000);
    for (let t = 2; t < series.length; t++)
      series[t] = 0.5 + 0.6 * series[t - 1]! - 0.3 * series[t - 2]! + 0.1 * g.normal();
    const ar = fitAutoregressive(series, 2);
    expect(ar.coefficients[0]).toBeCloseTo(0.6, 1);
    expect(ar.coefficients[1]).toBeCloseTo(-0.3, 1);
    expect(ar.intercept).toBeCloseTo(0.5, 1);
    expect(ar.predict([1, 2])).toBeCloseTo(ar.intercept + 2 * ar.coefficients[0]! + ar.coefficients[1]!, 10);
  });

  it('a noiseless sine is predicted exactly by AR(2)', () => {
    const series = noisySine(200, { periods: [20], amplitudes: [1], noise: 0, generator: new Generator(4) });
    const ar = fitAutoregressive(series, 2);
    expect(ar.predict(series.subarray(100, 102))).toBeCloseTo(series[102]!, 5);
  });
});
