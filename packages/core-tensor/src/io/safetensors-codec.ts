import { Tensor } from '../tensor/tensor.js';
import { SafetensorsError } from './errors.js';
import { decodeValues, encodeValues, WRITE_ORDER, WRITTEN_DTYPE } from './safetensors-dtypes.js';
import { parseSafetensorsHeader } from './safetensors-header.js';

/** A file's tensors by name, and its free-form `__metadata__` strings. */
export interface SafetensorsContents {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string> | undefined;
}

/**
 * Decode safetensors bytes: every tensor as a shinkei tensor with its own buffer (F16/BF16 →
 * float32, I8/U8/I64 → int32, see decodeValues), plus the metadata. Malformed input throws a
 * SafetensorsError and nothing is returned half-read.
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContents {
  const { entries, metadata, dataStart } = parseSafetensorsHeader(bytes);
  const tensors = Object.fromEntries(
    entries.map(({ name, dtype, shape, count, begin, end }) => {
      const data = decodeValues(dtype, bytes.subarray(dataStart + begin, dataStart + end), count, name);
      return [name, new Tensor(data, shape)] as const;
    }),
  );
  return { tensors, metadata };
}

/**
 * Encode named tensors in the safetensors format: an 8-byte little-endian header length N,
 * N bytes of JSON {__metadata__?, name: {dtype, shape, data_offsets}} padded with spaces to a
 * multiple of 8, then each tensor's raw little-endian bytes — larger dtypes first, then by
 * name, as the reference implementation writes them.
 */
export function encodeSafetensors(tensors: Record<string, Tensor>, metadata?: Record<string, string>): Uint8Array {
  const entries = Object.entries(tensors);
  for (const [name, t] of entries) {
    if (!(t instanceof Tensor)) throw new SafetensorsError(`encodeSafetensors: '${name}' is not a Tensor`);
    if (name === '__metadata__' || name === '')
      throw new SafetensorsError(`encodeSafetensors: '${name}' cannot name a tensor`);
  }
  if (metadata !== undefined) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string')
        throw new SafetensorsError(`encodeSafetensors: metadata '${key}' must be a string, got ${typeof value}`);
    }
  }
  entries.sort(([a, ta], [b, tb]) => WRITE_ORDER[ta.dtype] - WRITE_ORDER[tb.dtype] || (a < b ? -1 : a > b ? 1 : 0));
  let offset = 0;
  const described = entries.map(([name, t]) => {
    const begin = offset;
    offset += t.data.byteLength;
    return [name, { dtype: WRITTEN_DTYPE[t.dtype], shape: [...t.shape], data_offsets: [begin, offset] }] as const;
  });
  const header = Object.fromEntries(
    metadata === undefined ? described : [['__metadata__', metadata] as const, ...described],
  );
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let cursor = 8 + headerLength;
  for (const [, t] of entries) {
    out.set(encodeValues(t.data), cursor);
    cursor += t.data.byteLength;
  }
  return out;
}
