import { DatasetError } from '../errors.js';

/** The element types of the IDX format, by their type byte. */
const IDX_TYPES = {
  8: { name: 'uint8', bytes: 1 },
  9: { name: 'int8', bytes: 1 },
  11: { name: 'int16', bytes: 2 },
  12: { name: 'int32', bytes: 4 },
  13: { name: 'float32', bytes: 4 },
  14: { name: 'float64', bytes: 8 },
} as const;

export type IdxType = (typeof IDX_TYPES)[keyof typeof IDX_TYPES]['name'];

/** A parsed IDX array: its element type, its dims and its values in row-major order. */
export interface IdxArray {
  type: IdxType;
  shape: number[];
  /** The values: the file's own bytes for uint8, else converted from big-endian. */
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/**
 * Parse an IDX file (LeCun's MNIST format): magic = [0, 0, type, ndim], then ndim big-endian
 * u32 dims, then ∏dims values, big-endian. The file must be exactly 4 + 4·ndim + ∏dims·size
 * bytes: a wrong magic number, a truncated file or trailing bytes throw a DatasetError.
 */
export function parseIdx(bytes: Uint8Array, what = 'IDX file'): IdxArray {
  if (bytes.length < 4)
    throw new DatasetError(`${what}: ${bytes.length} bytes is too short for an IDX header (truncated)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const typeByte = bytes[2]!;
  const ndim = bytes[3]!;
  const type = IDX_TYPES[typeByte as keyof typeof IDX_TYPES];
  if (bytes[0] !== 0 || bytes[1] !== 0 || type === undefined || ndim === 0) {
    throw new DatasetError(
      `${what}: bad IDX magic number 0x${view.getUint32(0).toString(16).padStart(8, '0')} (expected 0x0000TTDD with a known type TT and DD ≥ 1 dims)`,
    );
  }
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes)
    throw new DatasetError(
      `${what}: ${bytes.length} bytes cannot hold the ${ndim} dims the header announces (truncated)`,
    );
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i));
  const count = shape.reduce((p, d) => p * d, 1);
  const expected = headerBytes + count * type.bytes;
  if (bytes.length !== expected) {
    const problem = bytes.length < expected ? 'truncated' : 'trailing bytes';
    throw new DatasetError(
      `${what}: dims [${shape.join(', ')}] of ${type.name} need ${expected} bytes, the file has ${bytes.length} (${problem})`,
    );
  }
  return { type: type.name, shape, data: readValues(view, headerBytes, count, type.name, bytes) };
}

function readValues(view: DataView, offset: number, count: number, type: IdxType, bytes: Uint8Array): IdxArray['data'] {
  switch (type) {
    case 'uint8':
      return bytes.subarray(offset, offset + count);
    case 'int8':
      return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count);
    case 'int16':
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i));
    case 'int32':
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i));
    case 'float32':
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i));
    case 'float64':
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i));
  }
}
