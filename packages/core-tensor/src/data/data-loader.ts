import type { Generator } from '../random/generator.js';
import { defaultGenerator } from '../random/generator.js';
import { randperm } from '../random/sample.js';
import type { Collated } from './collate.js';
import { defaultCollate } from './collate.js';
import type { Dataset } from './dataset.js';

export interface DataLoaderOptions<T, B> {
  dataset: Dataset<T>;
  /** Samples per batch (default 1). */
  batchSize?: number;
  /** Visit the samples in a fresh random order each epoch (default false). */
  shuffle?: boolean;
  /** Where the shuffling order comes from (default: the global generator, read at each epoch). */
  generator?: Generator;
  /** Drop the last batch when it is smaller than batchSize (default false). */
  dropLast?: boolean;
  /** Turns a list of samples into a batch (default: stack along a new dim 0, see defaultCollate). */
  collate?: (samples: T[]) => B;
}

/**
 * Batches of a dataset, like torch.utils.data.DataLoader: iterate with for…of, one pass per
 * epoch. With shuffle, each epoch draws a permutation π from the generator and batch b holds
 * samples π[b·B … (b+1)·B); the same seed gives the same batches. With the default collate,
 * a dataset's `getBatch` (TensorDataset's copies rows straight between buffers) builds them.
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly generator: Generator | undefined;
  private readonly collate: ((samples: T[]) => B) | undefined;

  constructor(options: DataLoaderOptions<T, B>) {
    const dataset = options?.dataset as Partial<Dataset<T>> | undefined;
    if (typeof dataset?.get !== 'function' || !Number.isInteger(dataset.length))
      throw new TypeError(
        'DataLoader: expected options { dataset, batchSize, … } whose dataset has a length and get(i); ' +
          `got ${dataset === undefined ? 'no dataset' : 'a dataset without them'}`,
      );
    const batchSize = options.batchSize ?? 1;
    if (!(Number.isInteger(batchSize) && batchSize >= 1))
      throw new RangeError(`DataLoader: batchSize must be a positive integer, got ${batchSize}`);
    this.dataset = options.dataset;
    this.batchSize = batchSize;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.generator = options.generator;
    this.collate = options.collate;
  }

  /** Batches per epoch: ⌊n / B⌋ with dropLast, ⌈n / B⌉ without. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<B> {
    const order = this.epochOrder();
    const batches = this.length;
    for (let b = 0; b < batches; b++) {
      const indices = order.subarray(b * this.batchSize, Math.min((b + 1) * this.batchSize, order.length));
      yield this.batch(indices);
    }
  }

  private epochOrder(): Int32Array {
    const n = this.dataset.length;
    if (!this.shuffle) return Int32Array.from({ length: n }, (_, i) => i);
    return randperm(n, { generator: this.generator ?? defaultGenerator() }).data as Int32Array;
  }

  private batch(indices: Int32Array): B {
    if (this.collate) return this.collate(Array.from(indices, (i) => this.dataset.get(i)));
    if (this.dataset.getBatch) return this.dataset.getBatch(indices) as B;
    return defaultCollate(Array.from(indices, (i) => this.dataset.get(i))) as B;
  }
}
