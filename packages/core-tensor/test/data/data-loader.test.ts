import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/index.js';
import { DataLoader, defaultCollate, stackTensors, TensorDataset } from '../../src/data/index.js';
import { DTypeError, ShapeError } from '../../src/errors.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { arange, tensor } from '../../src/tensor/create.js';

const n = 10;
const dataset = new TensorDataset(
  arange(0, 2 * n)
    .reshape(n, 2)
    .to('float32'),
  arange(0, n),
);

function labelsOf(loader: Iterable<[unknown, { data: ArrayLike<number> }]>): number[][] {
  return Array.from(loader, ([, y]) => Array.from(y.data));
}

describe('DataLoader', () => {
  it('batches in order without shuffle, the last batch short', () => {
    const loader = new DataLoader({ dataset, batchSize: 4 });
    expect(loader.length).toBe(3);
    const batches = [...loader];
    expect(batches.map(([x]) => x.shape)).toEqual([
      [4, 2],
      [4, 2],
      [2, 2],
    ]);
    expect(labelsOf(loader)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
  });

  it('drops the short last batch with dropLast', () => {
    const loader = new DataLoader({ dataset, batchSize: 4, dropLast: true });
    expect(loader.length).toBe(2);
    expect([...loader]).toHaveLength(2);
  });

  it('shuffles reproducibly: same seed, same batches; each epoch a new permutation', () => {
    const epochs = (seed: number) => {
      const loader = new DataLoader({ dataset, batchSize: 3, shuffle: true, generator: new Generator(seed) });
      return [labelsOf(loader), labelsOf(loader)];
    };
    const [first, second] = epochs(42);
    expect(epochs(42)).toEqual([first, second]);
    expect(first).not.toEqual(second);
    expect(epochs(43)[0]).not.toEqual(first);
    for (const epoch of [first!, second!])
      expect(epoch.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('keeps features and labels of a sample together when shuffling', () => {
    for (const [x, y] of new DataLoader({ dataset, batchSize: 4, shuffle: true, generator: new Generator(3) })) {
      for (let k = 0; k < y.size; k++)
        expect([x.data[2 * k], x.data[2 * k + 1]]).toEqual([2 * y.data[k]!, 2 * y.data[k]! + 1]);
    }
  });

  it('builds the same batches through getBatch as through per-sample collation', () => {
    const x = randn([7, 3, 2], { generator: new Generator(0) });
    const y = tensor([1, 0, 1, 1, 0, 0, 1], { dtype: 'int32' });
    const fast = new TensorDataset(x, y);
    const slow: Dataset<[typeof x, typeof y]> = { length: 7, get: (i) => fast.get(i) };
    const a = [...new DataLoader({ dataset: fast, batchSize: 3, shuffle: true, generator: new Generator(5) })];
    const b = [...new DataLoader({ dataset: slow, batchSize: 3, shuffle: true, generator: new Generator(5) })];
    expect(a.map(([bx, by]) => [bx.shape, Array.from(bx.data), Array.from(by.data)])).toEqual(
      b.map(([bx, by]) => [bx.shape, Array.from(bx.data), Array.from(by.data)]),
    );
  });

  it('uses a custom collate function', () => {
    const loader = new DataLoader({ dataset, batchSize: 5, collate: (samples) => samples.length });
    expect([...loader]).toEqual([5, 5]);
  });

  it('refuses a bad batch size', () => {
    expect(() => new DataLoader({ dataset, batchSize: 0 })).toThrow(/positive integer/);
    // a dataset passed positionally, as in PyTorch's DataLoader(dataset, batch_size=…)
    const positional = dataset as unknown as ConstructorParameters<typeof DataLoader>[0];
    expect(() => new DataLoader(positional)).toThrow(
      /DataLoader: expected options \{ dataset, batchSize, … \}.*got no dataset/,
    );
  });
});

describe('defaultCollate', () => {
  it('stacks tensors along a new dim 0 and collates numbers, booleans, arrays and objects', () => {
    const batch = defaultCollate([
      { image: tensor([1, 2]), label: 3, weight: 0.5, keep: true, pair: [tensor(1), 7] as const },
      { image: tensor([3, 4]), label: 1, weight: 1, keep: false, pair: [tensor(2), 8] as const },
    ]);
    expect(batch.image.shape).toEqual([2, 2]);
    expect(Array.from(batch.image.data)).toEqual([1, 2, 3, 4]);
    expect(batch.label.dtype).toBe('int32');
    expect(batch.weight.dtype).toBe('float32');
    expect(Array.from(batch.keep.data)).toEqual([1, 0]);
    expect(batch.pair[0].shape).toEqual([2]);
    expect(Array.from(batch.pair[1].data)).toEqual([7, 8]);
  });

  it('names the sample and the place that does not fit', () => {
    expect(() => defaultCollate([tensor([1, 2]), tensor([1, 2, 3])])).toThrow(ShapeError);
    expect(() => stackTensors([tensor([1]), tensor([1], { dtype: 'int32' })])).toThrow(DTypeError);
    expect(() => defaultCollate([{ a: 1 }, { b: 2 }])).toThrow(/sample 1 at sample has no key 'a'/);
    expect(() => defaultCollate(['text'])).toThrow(/cannot collate a string/);
    expect(() => defaultCollate([])).toThrow(/no samples/);
  });
});
