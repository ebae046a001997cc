/** The element types a tensor can hold. `bool` is stored as 0/1 bytes. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

export type FloatDType = 'float32' | 'float64';

/** The typed array behind each dtype. */
export interface StorageOf {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

export type Storage = StorageOf[DType];

const constructors = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
} as const;

/** A zero-filled typed array of `n` elements for `dtype`. */
export function allocate<D extends DType>(dtype: D, n: number): StorageOf[D] {
  return new constructors[dtype](n) as StorageOf[D];
}

/** Copy `values` into a new typed array of `dtype` (bools become 0/1, ints truncate toward zero). */
export function storageFrom<D extends DType>(dtype: D, values: ArrayLike<number>): StorageOf[D] {
  const out = allocate(dtype, values.length);
  if (dtype === 'bool') for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  else (out as Float64Array).set(values);
  return out;
}

/** The dtype whose storage is this typed array. */
export function dtypeOfStorage(data: ArrayBufferView): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array) return 'bool';
  throw new TypeError(
    `unsupported typed array ${data.constructor.name}: expected Float32Array, Float64Array, Int32Array or Uint8Array`,
  );
}

const rank: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** Type promotion like PyTorch's: bool < int32 < float32 < float64. */
export function promoteTypes(a: DType, b: DType): DType {
  return rank[a] >= rank[b] ? a : b;
}

export function isFloat(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

/** The float dtype an op computes in: floats stay, ints and bools become float32. */
export function floatOf(dtype: DType): FloatDType {
  return dtype === 'float64' ? 'float64' : 'float32';
}
