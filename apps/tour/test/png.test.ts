import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/report/png/crc32.js';
import { encodePng, pngDataUri } from '../src/report/png/encode.js';
import { normaliseToGray, upscaleNearest } from '../src/report/png/raster.js';

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
  crcInput: Buffer;
}

function readChunks(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    chunks.push({ type, data, crc, crcInput: png.subarray(offset + 4, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('encodePng', () => {
  const gray = { width: 3, height: 2, channels: 1 as const, data: Uint8Array.of(0, 128, 255, 10, 20, 30) };

  it('writes the signature, IHDR, IDAT and IEND with valid CRCs', () => {
    const png = encodePng(gray);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const chunk of chunks) {
      expect(chunk.crc).toBe(crc32(chunk.crcInput));
      const independent = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
      if (independent) expect(chunk.crc).toBe(independent(chunk.crcInput));
    }
    const ihdr = chunks[0]!.data;
    expect(ihdr.readUInt32BE(0)).toBe(3);
    expect(ihdr.readUInt32BE(4)).toBe(2);
    expect([...ihdr.subarray(8)]).toEqual([8, 0, 0, 0, 0]);
  });

  it('stores filter-0 scanlines that inflate back to the pixels', () => {
    const idat = readChunks(encodePng(gray))[1]!.data;
    expect([...zlib.inflateSync(idat)]).toEqual([0, 0, 128, 255, 0, 10, 20, 30]);
  });

  it('encodes RGB with colour type 2', () => {
    const png = encodePng({ width: 1, height: 2, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) });
    const [ihdr, idat] = readChunks(png);
    expect(ihdr!.data[9]).toBe(2);
    expect([...zlib.inflateSync(idat!.data)]).toEqual([0, 1, 2, 3, 0, 4, 5, 6]);
  });

  it('refuses a buffer of the wrong length', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 1, data: new Uint8Array(3) })).toThrow(
      /expected 4 bytes for 2×2×1, got 3/,
    );
    expect(() => encodePng({ width: 0, height: 2, channels: 1, data: new Uint8Array(0) })).toThrow(/positive integer/);
  });

  it('makes a base64 data URI', () => {
    const uri = pngDataUri(gray);
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(uri.slice(22), 'base64').equals(encodePng(gray))).toBe(true);
  });
});

describe('rasters', () => {
  it('upscales by repeating pixels', () => {
    const big = upscaleNearest({ width: 2, height: 1, channels: 1, data: Uint8Array.of(1, 2) }, 2);
    expect(big.width).toBe(4);
    expect(big.height).toBe(2);
    expect([...big.data]).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
    const rgb = upscaleNearest({ width: 1, height: 1, channels: 3, data: Uint8Array.of(7, 8, 9) }, 2);
    expect([...rgb.data]).toEqual([7, 8, 9, 7, 8, 9, 7, 8, 9, 7, 8, 9]);
  });

  it('normalises each image from black (min) to white (max)', () => {
    expect([...normaliseToGray([-1, 0, 1]).data]).toEqual([0, 128, 255]);
    const constant = normaliseToGray([3, 3]);
    expect(constant.constant).toBe(true);
    expect([...constant.data]).toEqual([128, 128]);
    const holes = normaliseToGray([0, Number.NaN, 2]);
    expect(holes.nonFinite).toBe(1);
    expect([...holes.data]).toEqual([0, 0, 255]);
  });
});
