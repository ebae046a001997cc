import { describe, expect, it } from 'vitest';
import { imageSetFromIdx } from '../../src/data/image-set.js';
import { DatasetError, parseIdx } from '../../src/data/index.js';

/** An IDX file: magic [0, 0, type, ndim], big-endian u32 dims, then the payload. */
function idx(type: number, shape: number[], payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * shape.length + payload.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, type, shape.length]);
  for (const [i, d] of shape.entries()) view.setUint32(4 + 4 * i, d);
  bytes.set(payload, 4 + 4 * shape.length);
  return bytes;
}

describe('parseIdx', () => {
  it('reads uint8 arrays with their dims', () => {
    const parsed = parseIdx(idx(0x08, [2, 3], Uint8Array.of(1, 2, 3, 4, 5, 255)));
    expect(parsed.type).toBe('uint8');
    expect(parsed.shape).toEqual([2, 3]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 255]);
  });

  it('reads big-endian int16, int32, float32 and float64 values', () => {
    const payload = new Uint8Array(8);
    const view = new DataView(payload.buffer);
    view.setInt16(0, -300);
    view.setInt16(2, 7);
    expect(Array.from(parseIdx(idx(0x0b, [2], payload.subarray(0, 4))).data)).toEqual([-300, 7]);
    view.setInt32(0, -123456);
    expect(Array.from(parseIdx(idx(0x0c, [1], payload.subarray(0, 4))).data)).toEqual([-123456]);
    view.setFloat32(0, 1.5);
    expect(Array.from(parseIdx(idx(0x0d, [1], payload.subarray(0, 4))).data)).toEqual([1.5]);
    view.setFloat64(0, -2.25);
    expect(Array.from(parseIdx(idx(0x0e, [1], payload)).data)).toEqual([-2.25]);
    expect(Array.from(parseIdx(idx(0x09, [2], Uint8Array.of(0xff, 3))).data)).toEqual([-1, 3]);
  });

  it('refuses a wrong magic number', () => {
    const good = idx(0x08, [2], Uint8Array.of(1, 2));
    for (const [at, value] of [
      [0, 1],
      [1, 8],
      [2, 0x0a],
      [3, 0],
    ] as const) {
      const bad = good.slice();
      bad[at] = value;
      expect(() => parseIdx(bad, 'test file')).toThrow(/test file: bad IDX magic number/);
    }
  });

  it('refuses truncated files and trailing bytes, naming the sizes', () => {
    const good = idx(0x08, [2, 2], Uint8Array.of(1, 2, 3, 4));
    expect(() => parseIdx(good.subarray(0, good.length - 1))).toThrow(/need 16 bytes, the file has 15 \(truncated\)/);
    expect(() => parseIdx(good.subarray(0, 6))).toThrow(/cannot hold the 2 dims/);
    expect(() => parseIdx(good.subarray(0, 2))).toThrow(DatasetError);
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    expect(() => parseIdx(longer)).toThrow(/trailing bytes/);
  });
});

describe('imageSetFromIdx', () => {
  const spec = { what: 'tiny', count: 2, height: 2, width: 2, classes: 3 };
  const images = idx(0x08, [2, 2, 2], Uint8Array.of(0, 51, 102, 255, 255, 0, 0, 0));
  const labels = idx(0x08, [2], Uint8Array.of(2, 0));

  it('scales pixels to [0, 1] and keeps labels as int32', () => {
    const { x, y } = imageSetFromIdx(images, labels, spec);
    expect(x.shape).toEqual([2, 1, 2, 2]);
    expect(x).toBeAllClose([0, 0.2, 0.4, 1, 1, 0, 0, 0], { atol: 1e-7 });
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.data)).toEqual([2, 0]);
    const limited = imageSetFromIdx(images, labels, spec, { limit: 1, flatten: true });
    expect(limited.x.shape).toEqual([1, 4]);
    expect(Array.from(limited.y.data)).toEqual([2]);
  });

  it('refuses the wrong dims, counts or labels', () => {
    expect(() => imageSetFromIdx(images, labels, { ...spec, count: 3 })).toThrow(
      /tiny images: expected uint8 \[3, 2, 2\], got uint8 \[2, 2, 2\]/,
    );
    expect(() => imageSetFromIdx(images, idx(0x08, [1], Uint8Array.of(0)), spec)).toThrow(
      /tiny labels: expected uint8 \[2\]/,
    );
    expect(() => imageSetFromIdx(images, idx(0x08, [2], Uint8Array.of(0, 3)), spec)).toThrow(
      /label 3 at index 1 is not a class/,
    );
  });
});
