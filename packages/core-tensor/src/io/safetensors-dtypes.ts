import type { DType, Storage } from '../dtype.js';
import { SafetensorsError } from './errors.js';

/** The safetensors dtypes shinkei reads; F32, F64, I32 and BOOL are also written. */
export type SafetensorsDType = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I8' | 'U8' | 'BOOL';

/** What each safetensors dtype becomes in shinkei, and its size in bytes. */
export const SAFETENSORS_DTYPES: Record<SafetensorsDType, { bytes: number; dtype: DType }> = {
  F64: { bytes: 8, dtype: 'float64' },
  F32: { bytes: 4, dtype: 'float32' },
  F16: { bytes: 2, dtype: 'float32' },
  BF16: { bytes: 2, dtype: 'float32' },
  I64: { bytes: 8, dtype: 'int32' },
  I32: { bytes: 4, dtype: 'int32' },
  I8: { bytes: 1, dtype: 'int32' },
  U8: { bytes: 1, dtype: 'int32' },
  BOOL: { bytes: 1, dtype: 'bool' },
};

/** The safetensors dtype each shinkei dtype is written as. */
export const WRITTEN_DTYPE: Record<DType, SafetensorsDType> = {
  float64: 'F64',
  float32: 'F32',
  int32: 'I32',
  bool: 'BOOL',
};

/**
 * The order tensors are laid out in, as the reference implementation sorts them: larger
 * alignment first (F64, F32, I32, BOOL), then by name — so every tensor starts aligned.
 */
export const WRITE_ORDER: Record<DType, number> = { float64: 0, float32: 1, int32: 2, bool: 3 };

export function isSafetensorsDType(name: string): name is SafetensorsDType {
  return Object.hasOwn(SAFETENSORS_DTYPES, name);
}

const hostIsLittleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Decode `count` little-endian values of `dtype` from `bytes` into shinkei storage. F16 and
 * BF16 widen exactly to float32; I8/U8 widen to int32; I64 narrows to int32 and throws when a
 * value falls outside [−2³¹, 2³¹ − 1] (it never wraps); BOOL bytes become 0/1.
 */
export function decodeValues(dtype: SafetensorsDType, bytes: Uint8Array, count: number, name: string): Storage {
  // `new Uint8Array(bytes)` copies into a fresh, aligned buffer (a Node Buffer's slice() would not copy).
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (dtype) {
    case 'F64':
      return hostIsLittleEndian
        ? new Float64Array(new Uint8Array(bytes).buffer)
        : Float64Array.from({ length: count }, (_, i) => view.getFloat64(8 * i, true));
    case 'F32':
      return hostIsLittleEndian
        ? new Float32Array(new Uint8Array(bytes).buffer)
        : Float32Array.from({ length: count }, (_, i) => view.getFloat32(4 * i, true));
    case 'I32':
      return hostIsLittleEndian
        ? new Int32Array(new Uint8Array(bytes).buffer)
        : Int32Array.from({ length: count }, (_, i) => view.getInt32(4 * i, true));
    case 'F16':
      return Float32Array.from({ length: count }, (_, i) => float16ToNumber(view.getUint16(2 * i, true)));
    case 'BF16':
      return Float32Array.from({ length: count }, (_, i) => bfloat16ToNumber(view.getUint16(2 * i, true)));
    case 'I64':
      return Int32Array.from({ length: count }, (_, i) => narrowInt64(view.getBigInt64(8 * i, true), name, i));
    case 'I8':
      return Int32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, count));
    case 'U8':
      return Int32Array.from(bytes);
    case 'BOOL':
      return Uint8Array.from(bytes, (b) => (b === 0 ? 0 : 1));
  }
}

/** The little-endian bytes of a storage array (a copy on big-endian hosts, a view otherwise). */
export function encodeValues(data: Storage): Uint8Array {
  if (hostIsLittleEndian || data instanceof Uint8Array)
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float64Array) view.setFloat64(8 * i, data[i]!, true);
    else if (data instanceof Float32Array) view.setFloat32(4 * i, data[i]!, true);
    else view.setInt32(4 * i, data[i]!, true);
  }
  return out;
}

/** IEEE 754 half precision: (−1)^s · 2^(e−15) · (1 + m/1024), subnormals 2^−14 · m/1024. */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
  if (exponent === 0x1f) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
}

const bfloat16Scratch = new DataView(new ArrayBuffer(4));

/** bfloat16 is the top half of a float32: value = float32(bits << 16). */
export function bfloat16ToNumber(bits: number): number {
  bfloat16Scratch.setUint32(0, bits << 16);
  return bfloat16Scratch.getFloat32(0);
}

function narrowInt64(value: bigint, name: string, index: number): number {
  if (value < -2147483648n || value > 2147483647n) {
    throw new SafetensorsError(
      `safetensors: I64 tensor '${name}' holds ${value} at index ${index}, outside int32's range; shinkei stores I64 as int32`,
    );
  }
  return Number(value);
}
