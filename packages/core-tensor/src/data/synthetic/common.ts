import { defaultGenerator, Generator } from '../../random/generator.js';
import { randperm } from '../../random/sample.js';
import { Tensor } from '../../tensor/tensor.js';

/** Where a synthetic set's randomness comes from: a generator, a seed, or (neither) the global generator. */
export interface SeedOptions {
  generator?: Generator;
  seed?: number;
}

/** Points x and their labels y (class indices, ±1, or a real-valued position, per maker). */
export interface LabelledSet {
  x: Tensor;
  y: Tensor;
}

/** The generator the options ask for: `generator`, else a fresh one seeded with `seed`, else the global one. */
export function resolveGenerator(options: SeedOptions): Generator {
  if (options.generator !== undefined) return options.generator;
  if (options.seed !== undefined) return new Generator(options.seed);
  return defaultGenerator();
}

/** Throws unless n is a non-negative integer. */
export function checkCount(what: string, name: string, n: number): void {
  if (!(Number.isInteger(n) && n >= 0))
    throw new RangeError(`${what}: ${name} must be a non-negative integer, got ${n}`);
}

/**
 * Rows of `points` (n × dim, row-major) with labels, reordered by a permutation drawn from
 * `generator` when `shuffle` is set, packed as float32 x [n, dim] and labels [n].
 */
export function packLabelled(
  points: Float64Array,
  labels: Int32Array | Float32Array,
  dim: number,
  generator: Generator,
  shuffle: boolean,
): LabelledSet {
  const n = labels.length;
  const x = new Float32Array(n * dim);
  const y = labels instanceof Int32Array ? new Int32Array(n) : new Float32Array(n);
  const order = shuffle ? (randperm(n, { generator }).data as Int32Array) : Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    const source = order[i]!;
    for (let d = 0; d < dim; d++) x[i * dim + d] = points[source * dim + d]!;
    y[i] = labels[source]!;
  }
  return { x: new Tensor(x, [n, dim]), y: new Tensor(y, [n]) };
}

/** How many of n items each of k groups gets when dealt evenly: ⌊n/k⌋, plus one for the first n mod k. */
export function evenCounts(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, j) => Math.floor(n / k) + (j < n % k ? 1 : 0));
}
