import { describe, expect, it } from 'vitest';
import { DatasetError, readTar } from '../../src/data/index.js';

const encoder = new TextEncoder();

/** One 512-byte ustar header with a valid checksum. */
function header(name: string, size: number, type: string, prefix = ''): Uint8Array {
  const block = new Uint8Array(512);
  const put = (text: string, at: number) => block.set(encoder.encode(text), at);
  put(name, 0);
  put('0000644\0', 100);
  put(`${size.toString(8).padStart(11, '0')}\0`, 124);
  put(type, 156);
  put('ustar\0', 257);
  put('00', 263);
  put(prefix, 345);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 512) * 512);
  out.set(data);
  return out;
}

function archive(entries: { name: string; type?: string; data: Uint8Array; prefix?: string }[]): Uint8Array {
  const parts = entries.flatMap(({ name, type = '0', data, prefix }) => [
    header(name, data.length, type, prefix),
    padded(data),
  ]);
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

describe('readTar', () => {
  const longName = `${'deep/'.repeat(30)}file.txt`;
  const pax = encoder.encode(`${longName.length + 11} path=${longName}\n`);
  const tar = archive([
    { name: 'package/', type: '5', data: new Uint8Array(0) },
    { name: 'package/data/a.txt', data: encoder.encode('hello') },
    { name: 'b.bin', prefix: 'package/data', data: Uint8Array.from({ length: 700 }, (_, i) => i % 251) },
    { name: 'PaxHeader', type: 'x', data: pax },
    { name: 'package/truncated-name', data: encoder.encode('long') },
    { name: 'package/link', type: '2', data: new Uint8Array(0) },
  ]);

  it('lists regular files with their paths and bytes, honouring ustar prefixes and PAX paths', () => {
    const files = readTar(tar);
    expect(files.map((f) => f.path)).toEqual(['package/data/a.txt', 'package/data/b.bin', longName]);
    expect(new TextDecoder().decode(files[0]!.data)).toBe('hello');
    expect(Array.from(files[1]!.data)).toEqual(Array.from({ length: 700 }, (_, i) => i % 251));
    expect(new TextDecoder().decode(files[2]!.data)).toBe('long');
  });

  it('refuses a corrupted header and a truncated archive', () => {
    const corrupt = tar.slice();
    corrupt[512 + 10]! ^= 0x20;
    expect(() => readTar(corrupt)).toThrow(/header at byte 512 has checksum .* \(corrupt archive\)/);
    expect(() => readTar(tar.subarray(0, 2048 + 300))).toThrow(
      /entry at byte 1536 needs 700 bytes of data but the archive ends at byte 2348/,
    );
    expect(() => readTar(tar.subarray(0, 1536))).toThrow(/without its end-of-archive blocks \(truncated\)/);
    expect(() => readTar(tar.subarray(0, 1000))).toThrow(DatasetError);
  });
});
