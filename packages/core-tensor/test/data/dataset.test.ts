import { describe, expect, it } from 'vitest';
import { randomSplit, Subset, TensorDataset } from '../../src/data/index.js';
import { ShapeError } from '../../src/errors.js';
import { Generator } from '../../src/random/generator.js';
import { arange, tensor } from '../../src/tensor/create.js';

const features = arange(0, 12).reshape(6, 2).to('float32');
const labels = tensor([0, 1, 2, 3, 4, 5], { dtype: 'int32' });

describe('TensorDataset', () => {
  it('returns the rows of each tensor as one sample', () => {
    const dataset = new TensorDataset(features, labels);
    expect(dataset.length).toBe(6);
    const [x, y] = dataset.get(4);
    expect(x.shape).toEqual([2]);
    expect(Array.from(x.data)).toEqual([8, 9]);
    expect(y.shape).toEqual([]);
    expect(y.item()).toBe(4);
    expect(y.dtype).toBe('int32');
  });

  it('copies samples so mutating one leaves the dataset intact', () => {
    const dataset = new TensorDataset(features.clone());
    dataset.get(0)[0].fill_(99);
    expect(Array.from(dataset.get(0)[0].data)).toEqual([0, 1]);
  });

  it('gathers a batch of rows straight from the buffers', () => {
    const dataset = new TensorDataset(features, labels);
    const [x, y] = dataset.getBatch([5, 0, 3]);
    expect(x.shape).toEqual([3, 2]);
    expect(Array.from(x.data)).toEqual([10, 11, 0, 1, 6, 7]);
    expect(Array.from(y.data)).toEqual([5, 0, 3]);
    expect(y.dtype).toBe('int32');
  });

  it('refuses tensors of different lengths and out-of-range indices', () => {
    expect(() => new TensorDataset(features, tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => new TensorDataset(features, tensor(3))).toThrow(/same first dim/);
    expect(() => new TensorDataset()).toThrow(/at least one tensor/);
    const dataset = new TensorDataset(features);
    expect(() => dataset.get(6)).toThrow(/index 6 is out of range for a dataset of 6 samples/);
    expect(() => dataset.getBatch([1, -1])).toThrow(/index -1 is out of range/);
  });
});

describe('Subset', () => {
  it('maps its indices into the parent, for samples and batches', () => {
    const subset = new Subset(new TensorDataset(features, labels), [4, 1]);
    expect(subset.length).toBe(2);
    expect(subset.get(0)[1].item()).toBe(4);
    expect(Array.from(subset.getBatch([1, 0])[1].data)).toEqual([1, 4]);
    expect(() => new Subset(new TensorDataset(labels), [6])).toThrow(RangeError);
  });

  it('collates per-sample when the parent has no batch path', () => {
    const plain = { length: 3, get: (i: number) => ({ value: i * 10, flag: i === 1 }) };
    const batch = new Subset(plain, [2, 1]).getBatch([0, 1]);
    expect(Array.from(batch.value.data)).toEqual([20, 10]);
    expect(batch.flag.dtype).toBe('bool');
  });
});

describe('randomSplit', () => {
  const dataset = new TensorDataset(arange(0, 10));

  it('splits by counts into disjoint subsets covering the dataset', () => {
    const parts = randomSplit(dataset, [7, 3], { generator: new Generator(1) });
    expect(parts.map((p) => p.length)).toEqual([7, 3]);
    const all = parts.flatMap((p) => Array.from(p.indices));
    expect(all.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('splits by fractions, dealing the remainder from the first part (like PyTorch)', () => {
    expect(randomSplit(dataset, [0.34, 0.33, 0.33]).map((p) => p.length)).toEqual([4, 3, 3]);
    expect(randomSplit(dataset, [0.25, 0.75]).map((p) => p.length)).toEqual([3, 7]);
  });

  it('is reproducible from a seed', () => {
    const a = randomSplit(dataset, [5, 5], { generator: new Generator(7) });
    const b = randomSplit(dataset, [5, 5], { generator: new Generator(7) });
    const c = randomSplit(dataset, [5, 5], { generator: new Generator(8) });
    expect(Array.from(a[0]!.indices)).toEqual(Array.from(b[0]!.indices));
    expect(Array.from(a[0]!.indices)).not.toEqual(Array.from(c[0]!.indices));
  });

  it('refuses lengths that do not add up', () => {
    expect(() => randomSplit(dataset, [5, 4])).toThrow(/summing to the dataset length 10/);
    expect(() => randomSplit(dataset, [])).toThrow(RangeError);
  });
});
