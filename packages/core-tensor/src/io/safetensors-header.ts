import { SafetensorsError } from './errors.js';
import type { SafetensorsDType } from './safetensors-dtypes.js';
import { isSafetensorsDType, SAFETENSORS_DTYPES } from './safetensors-dtypes.js';

/** One tensor's entry in the header: where its bytes lie in the data section. */
export interface TensorEntry {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  /** Element count ∏shape. */
  count: number;
  /** [begin, end) byte offsets relative to the start of the data section. */
  begin: number;
  end: number;
}

export interface ParsedHeader {
  entries: TensorEntry[];
  metadata: Record<string, string> | undefined;
  /** Byte offset of the data section in the file: 8 + header length. */
  dataStart: number;
}

/** The reference implementation's cap on the header size (100 MB). */
const MAX_HEADER_BYTES = 100_000_000;

/**
 * Read and check a safetensors header: u64 little-endian length N, then N bytes of UTF-8 JSON
 * {name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?: {string: string}}. The
 * tensors must tile the data section exactly: sorted by begin they are contiguous from 0, each
 * end − begin = ∏shape · itemsize, and the last ends at the end of the file. Anything else
 * throws a SafetensorsError.
 */
export function parseSafetensorsHeader(bytes: Uint8Array): ParsedHeader {
  if (bytes.length < 8) fail(`${bytes.length} bytes is too short for the 8-byte header length`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (headerLength > BigInt(MAX_HEADER_BYTES))
    fail(`header length ${headerLength} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  const dataStart = 8 + Number(headerLength);
  if (dataStart > bytes.length)
    fail(`header length ${headerLength} reaches beyond the end of the file (${bytes.length} bytes)`);
  const header = parseJsonObject(bytes.subarray(8, dataStart));
  let metadata: Record<string, string> | undefined;
  const entries: TensorEntry[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') metadata = parseMetadata(value);
    else entries.push(parseEntry(name, value));
  }
  checkLayout(entries, bytes.length - dataStart);
  return { entries, metadata, dataStart };
}

function fail(message: string): never {
  throw new SafetensorsError(`safetensors: ${message}`);
}

function parseJsonObject(headerBytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
  } catch {
    fail('the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) fail(`the header must start with '{', got ${JSON.stringify(text.slice(0, 16))}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(`the header is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('the header must be a JSON object');
  return parsed as Record<string, unknown>;
}

function parseMetadata(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('__metadata__ must be an object of strings');
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') fail(`__metadata__.${key} must be a string, got ${JSON.stringify(v)}`);
  }
  return { ...(value as Record<string, string>) };
}

function parseEntry(name: string, value: unknown): TensorEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(`tensor '${name}' must be described by an object`);
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string' || !isSafetensorsDType(dtype)) {
    fail(
      `tensor '${name}' has dtype ${JSON.stringify(dtype)}; supported: ${Object.keys(SAFETENSORS_DTYPES).join(', ')}`,
    );
  }
  if (!Array.isArray(shape) || !shape.every(isCount))
    fail(`tensor '${name}' has shape ${JSON.stringify(shape)}; expected an array of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    fail(
      `tensor '${name}' has data_offsets ${JSON.stringify(offsets)}; expected [begin, end] with non-negative integers`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) fail(`tensor '${name}' has data_offsets [${begin}, ${end}] out of order (begin > end)`);
  const count = (shape as number[]).reduce((p, d) => p * d, 1);
  const expected = count * SAFETENSORS_DTYPES[dtype].bytes;
  if (end - begin !== expected) {
    fail(
      `tensor '${name}' (${dtype} [${shape.join(', ')}]) needs ${expected} bytes but data_offsets [${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { name, dtype, shape: shape as number[], count, begin, end };
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Sorted by begin, the tensors must follow each other with no gap or overlap and fill the data section. */
function checkLayout(entries: TensorEntry[], dataBytes: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  let previous = 'the start of the data section';
  for (const entry of sorted) {
    if (entry.begin !== cursor) {
      const problem = entry.begin < cursor ? 'overlaps' : 'leaves a gap after';
      fail(
        `tensor '${entry.name}' starts at byte ${entry.begin}, which ${problem} ${previous} (ending at byte ${cursor})`,
      );
    }
    if (entry.end > dataBytes)
      fail(`tensor '${entry.name}' ends at byte ${entry.end}, beyond the data section (${dataBytes} bytes)`);
    cursor = entry.end;
    previous = `tensor '${entry.name}'`;
  }
  if (cursor !== dataBytes)
    fail(`the tensors cover ${cursor} bytes but the data section holds ${dataBytes} (size mismatch)`);
}
