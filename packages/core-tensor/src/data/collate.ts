import { storageFrom } from '../dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { stackTensors } from './rows.js';

/**
 * The batch the default collate builds from samples of type T: tensors stack along a new
 * dim 0, numbers and booleans become 1-D tensors, arrays and plain objects are collated
 * position by position / key by key.
 */
export type Collated<T> = T extends Tensor
  ? Tensor
  : T extends number | boolean
    ? Tensor
    : T extends readonly unknown[]
      ? { -readonly [K in keyof T]: Collated<T[K]> }
      : T extends object
        ? { [K in keyof T]: Collated<T[K]> }
        : never;

/**
 * PyTorch's default_collate for JS samples: batch[…] = stack(samples[i][…]) along a new dim 0.
 * Numbers collate to int32 when all are integers (class labels) and to float32 otherwise;
 * return a 0-d tensor from `get` to choose the dtype yourself.
 */
export function defaultCollate<T>(samples: readonly T[]): Collated<T> {
  return collateValues(samples as readonly unknown[], 'sample') as Collated<T>;
}

function collateValues(values: readonly unknown[], path: string): unknown {
  const first = values[0];
  if (first === undefined) throw new RangeError(`defaultCollate: no samples to collate at ${path}`);
  if (first instanceof Tensor) return stackTensors(values.map((v, i) => expectTensor(v, i, path)));
  if (typeof first === 'number') {
    const numbers = values.map((v, i) => expectType<number>(v, 'number', i, path));
    return new Tensor(storageFrom(numbers.every(Number.isInteger) ? 'int32' : 'float32', numbers), [numbers.length]);
  }
  if (typeof first === 'boolean') {
    const flags = values.map((v, i) => (expectType<boolean>(v, 'boolean', i, path) ? 1 : 0));
    return new Tensor(storageFrom('bool', flags), [flags.length]);
  }
  if (Array.isArray(first)) {
    const arrays = values.map((v, i) => {
      if (!Array.isArray(v) || v.length !== first.length) {
        throw new TypeError(
          `defaultCollate: sample ${i} at ${path} is not an array of length ${first.length} like sample 0`,
        );
      }
      return v as readonly unknown[];
    });
    return first.map((_, k) =>
      collateValues(
        arrays.map((a) => a[k]),
        `${path}[${k}]`,
      ),
    );
  }
  if (isPlainObject(first)) {
    const keys = Object.keys(first);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      out[key] = collateValues(
        values.map((v, i) => {
          if (!isPlainObject(v) || !(key in v))
            throw new TypeError(`defaultCollate: sample ${i} at ${path} has no key '${key}'`);
          return v[key];
        }),
        `${path}.${key}`,
      );
    }
    return out;
  }
  throw new TypeError(
    `defaultCollate: cannot collate a ${describe(first)} at ${path}; pass a collate function to the DataLoader`,
  );
}

function expectTensor(value: unknown, index: number, path: string): Tensor {
  if (!(value instanceof Tensor))
    throw new TypeError(`defaultCollate: sample ${index} at ${path} is a ${describe(value)}, sample 0 is a Tensor`);
  return value;
}

function expectType<V>(value: unknown, type: 'number' | 'boolean', index: number, path: string): V {
  if (typeof value !== type)
    throw new TypeError(`defaultCollate: sample ${index} at ${path} is a ${describe(value)}, sample 0 is a ${type}`);
  return value as V;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
