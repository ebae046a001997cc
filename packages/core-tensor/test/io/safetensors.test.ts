import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeSafetensors,
  encodeSafetensors,
  loadSafetensors,
  SafetensorsError,
  saveSafetensors,
} from '../../src/io/index.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';

const folder = mkdtempSync(join(tmpdir(), 'shinkei-safetensors-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function headerOf(bytes: Uint8Array): { length: number; text: string } {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { length, text: new TextDecoder().decode(bytes.subarray(8, 8 + length)) };
}

function expectSameTensor(actual: Tensor | undefined, expected: Tensor): void {
  expect(actual?.dtype).toBe(expected.dtype);
  expect(actual?.shape).toEqual(expected.shape);
  expect(Array.from(actual?.data ?? [])).toEqual(Array.from(expected.data));
}

describe('safetensors round trip', () => {
  const state = {
    'layer.weight': randn([3, 4], { generator: new Generator(0) }),
    'layer.bias': tensor([Number.NaN, Number.POSITIVE_INFINITY, -0, 1.4e-45]),
    double: randn([2, 2], { dtype: 'float64', generator: new Generator(1) }),
    steps: tensor([7, -2147483648, 2147483647], { dtype: 'int32' }),
    mask: tensor([true, false, true]),
    scalar: tensor(3.5),
    empty: zeros([0, 3]),
  };

  it('gives back every dtype, shape and value bit for bit, with the metadata', () => {
    const bytes = encodeSafetensors(state, { format: 'pt', note: 'shinkei' });
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(state).sort());
    for (const [name, t] of Object.entries(state)) expectSameTensor(tensors[name], t);
    expect(Object.is(tensors['layer.bias']!.data[2], -0)).toBe(true);
    expect(metadata).toEqual({ format: 'pt', note: 'shinkei' });
  });

  it('writes an aligned header: u64 length, space padding to 8 bytes, larger dtypes first then by name', () => {
    const bytes = encodeSafetensors(state);
    const { length, text } = headerOf(bytes);
    expect(length % 8).toBe(0);
    expect(text.trimEnd().endsWith('}')).toBe(true);
    expect(/^ *$/.test(text.slice(text.lastIndexOf('}') + 1))).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'double',
      'empty',
      'layer.bias',
      'layer.weight',
      'scalar',
      'steps',
      'mask',
    ]);
    expect(JSON.parse(text).double).toEqual({ dtype: 'F64', shape: [2, 2], data_offsets: [0, 32] });
    expect(bytes.length).toBe(8 + length + 32 + 0 + 16 + 48 + 4 + 12 + 3);
  });

  it('saves to and loads from a file path', () => {
    const path = join(folder, 'state.safetensors');
    const returned = saveSafetensors(state, path, { metadata: { format: 'pt' } });
    expect(new Uint8Array(readFileSync(path))).toEqual(returned);
    const loaded = loadSafetensors(path);
    for (const [name, t] of Object.entries(state)) expectSameTensor(loaded[name], t);
    expect(loadSafetensors(returned)['steps']!.dtype).toBe('int32');
  });

  it('writes tensors whose storage is a view into a larger buffer', () => {
    const backing = new Float32Array([9, 1, 2, 3, 9]);
    const view = tensor([0, 0, 0]);
    Object.defineProperty(view, 'data', { value: backing.subarray(1, 4) });
    expectSameTensor(loadSafetensors(encodeSafetensors({ view }))['view'], tensor([1, 2, 3]));
  });

  it('refuses what it cannot write', () => {
    expect(() => encodeSafetensors({ __metadata__: tensor([1]) })).toThrow(SafetensorsError);
    expect(() => encodeSafetensors({ a: [1, 2] as unknown as Tensor })).toThrow(/'a' is not a Tensor/);
    expect(() => encodeSafetensors({}, { n: 1 as unknown as string })).toThrow(/metadata 'n' must be a string/);
  });
});

/**
 * A file as PyTorch's `safetensors.torch.save_file` writes it, built by hand from the spec:
 * serde_json's compact header with `__metadata__` first, tensors sorted by descending dtype
 * (I64 > F64 > F32 > I32 > BF16 > F16 > I8 > U8 > BOOL) then name, padded with spaces to a
 * multiple of 8, then the raw little-endian bytes. Bit patterns checked against torch 1.13.
 */
function torchStyleFile(): Uint8Array {
  const f32 = new Uint8Array(Float32Array.of(1, 2, 3, 4).buffer);
  const f16 = new Uint8Array(Uint16Array.of(0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00).buffer);
  const bf16 = new Uint8Array(Uint16Array.of(0x3f80, 0xbf00, 0x4049).buffer);
  const i64 = new Uint8Array(BigInt64Array.of(7n, -3n).buffer);
  const i8 = new Uint8Array(Int8Array.of(-128, 127).buffer);
  const u8 = Uint8Array.of(0, 255);
  const bool = Uint8Array.of(1, 0, 1);
  const tensors: [string, string, number[], Uint8Array][] = [
    ['num_batches_tracked', 'I64', [2], i64],
    ['fc.weight', 'F32', [2, 2], f32],
    ['bf', 'BF16', [3], bf16],
    ['half', 'F16', [5], f16],
    ['signed', 'I8', [2], i8],
    ['pixels', 'U8', [2], u8],
    ['mask', 'BOOL', [3], bool],
  ];
  let offset = 0;
  const fields = tensors.map(([name, dtype, shape, data]) => {
    const field = `"${name}":{"dtype":"${dtype}","shape":[${shape.join(',')}],"data_offsets":[${offset},${offset + data.length}]}`;
    offset += data.length;
    return field;
  });
  let header = `{"__metadata__":{"format":"pt"},${fields.join(',')}}`;
  header += ' '.repeat((8 - (header.length % 8)) % 8);
  const out = new Uint8Array(8 + header.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(new TextEncoder().encode(header), 8);
  let cursor = 8 + header.length;
  for (const [, , , data] of tensors) {
    out.set(data, cursor);
    cursor += data.length;
  }
  return out;
}

describe('files written by PyTorch', () => {
  it('load with the right values, widening F16/BF16 to float32 and I64/I8/U8 to int32', () => {
    const { tensors, metadata } = decodeSafetensors(torchStyleFile());
    expect(metadata).toEqual({ format: 'pt' });
    expectSameTensor(
      tensors['fc.weight'],
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    expectSameTensor(tensors['half'], tensor([1, -2, 65504, 2 ** -24, Number.POSITIVE_INFINITY]));
    expectSameTensor(tensors['bf'], tensor([1, -0.5, 3.140625]));
    expectSameTensor(tensors['num_batches_tracked'], tensor([7, -3], { dtype: 'int32' }));
    expectSameTensor(tensors['signed'], tensor([-128, 127], { dtype: 'int32' }));
    expectSameTensor(tensors['pixels'], tensor([0, 255], { dtype: 'int32' }));
    expectSameTensor(tensors['mask'], tensor([true, false, true]));
  });

  it('matches what we write for the same tensors, byte for byte', () => {
    const weight = tensor([
      [1, 2],
      [3, 4],
    ]);
    const bias = tensor([0.5, -0.5]);
    const header =
      '{"__metadata__":{"format":"pt"},"bias":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"weight":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]}}';
    const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
    const expected = new Uint8Array(8 + padded.length + 24);
    new DataView(expected.buffer).setBigUint64(0, BigInt(padded.length), true);
    expected.set(new TextEncoder().encode(padded), 8);
    expected.set(new Uint8Array(Float32Array.of(0.5, -0.5, 1, 2, 3, 4).buffer), 8 + padded.length);
    expect(encodeSafetensors({ weight, bias }, { format: 'pt' })).toEqual(expected);
  });

  it('refuses an I64 value outside int32 rather than wrapping it', () => {
    const bytes = torchStyleFile();
    const { length } = headerOf(bytes);
    new DataView(bytes.buffer).setBigInt64(8 + length, 2n ** 40n, true);
    expect(() => decodeSafetensors(bytes)).toThrow(
      /I64 tensor 'num_batches_tracked' holds 1099511627776 at index 0, outside int32's range/,
    );
  });
});

/** A file with this header text (padded) and `dataBytes` zero bytes of data. */
function withHeader(header: string, dataBytes: number, declaredLength?: number): Uint8Array {
  const text = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + text.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(declaredLength ?? text.length), true);
  out.set(text, 8);
  return out;
}

describe('malformed files are refused with a SafetensorsError that says why', () => {
  const entry = (dtype: string, shape: string, offsets: string) =>
    `{"dtype":"${dtype}","shape":${shape},"data_offsets":${offsets}}`;
  const cases: [string, Uint8Array, RegExp][] = [
    ['too short', new Uint8Array(5), /5 bytes is too short for the 8-byte header length/],
    [
      'header length beyond the file',
      withHeader('{}', 0, 64),
      /header length 64 reaches beyond the end of the file \(10 bytes\)/,
    ],
    ['huge header length', withHeader('{}', 0, 2 ** 40), /exceeds the 100000000-byte limit/],
    [
      'not UTF-8',
      (() => {
        const b = withHeader('{"a":1}', 0);
        b[10] = 0xff;
        return b;
      })(),
      /not valid UTF-8/,
    ],
    ['not starting with {', withHeader(' {}', 0), /must start with '\{'/],
    ['invalid JSON', withHeader('{"a":', 0), /not valid JSON/],
    ['a JSON array', withHeader('[1]', 0), /must start with '\{'/],
    ['bad metadata', withHeader('{"__metadata__":{"n":1}}', 0), /__metadata__.n must be a string/],
    [
      'unknown dtype',
      withHeader(`{"a":${entry('F8_E4M3', '[1]', '[0,1]')}}`, 1),
      /dtype "F8_E4M3"; supported: F64, F32/,
    ],
    ['negative dim', withHeader(`{"a":${entry('F32', '[-1]', '[0,4]')}}`, 4), /shape \[-1\]/],
    ['bad offsets', withHeader(`{"a":${entry('F32', '[1]', '[0]')}}`, 4), /data_offsets \[0\]/],
    ['offsets out of order', withHeader(`{"a":${entry('F32', '[0]', '[4,0]')}}`, 4), /out of order \(begin > end\)/],
    [
      'size mismatch',
      withHeader(`{"a":${entry('F32', '[2]', '[0,4]')}}`, 4),
      /needs 8 bytes but data_offsets \[0, 4\] span 4/,
    ],
    [
      'overlap',
      withHeader(`{"a":${entry('F32', '[2]', '[0,8]')},"b":${entry('F32', '[1]', '[4,8]')}}`, 8),
      /tensor 'b' starts at byte 4, which overlaps tensor 'a' \(ending at byte 8\)/,
    ],
    ['gap', withHeader(`{"a":${entry('F32', '[1]', '[4,8]')}}`, 8), /leaves a gap after the start of the data section/],
    [
      'out of range',
      withHeader(`{"a":${entry('F32', '[2]', '[0,8]')}}`, 4),
      /ends at byte 8, beyond the data section \(4 bytes\)/,
    ],
    [
      'trailing data',
      withHeader(`{"a":${entry('F32', '[1]', '[0,4]')}}`, 6),
      /cover 4 bytes but the data section holds 6 \(size mismatch\)/,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(what, () => {
      expect(() => decodeSafetensors(bytes)).toThrow(SafetensorsError);
      expect(() => decodeSafetensors(bytes)).toThrow(message);
    });
  }
});
