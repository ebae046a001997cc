import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32.js';
import type { Raster } from './raster.js';

const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

/**
 * Encodes an 8-bit gray or RGB image as a PNG file: signature, IHDR, one zlib-compressed
 * IDAT of filter-type-0 scanlines, IEND.
 */
export function encodePng(image: Raster): Buffer {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`encodePng: expected positive integer width and height, got ${width}×${height}`);
  }
  const rowBytes = width * channels;
  if (data.length !== rowBytes * height) {
    throw new Error(
      `encodePng: expected ${rowBytes * height} bytes for ${width}×${height}×${channels}, got ${data.length}`,
    );
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = channels === 1 ? 0 : 2;
  const scanlines = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    scanlines.set(data.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** The PNG as a `data:` URI, ready for an `<img src>` or SVG `<image href>`. */
export function pngDataUri(image: Raster): string {
  return `data:image/png;base64,${encodePng(image).toString('base64')}`;
}
