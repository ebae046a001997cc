/** An 8-bit image: one channel (gray) or three (RGB), row-major, channels interleaved. */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

/** Enlarges an image by an integer factor, each pixel becoming a factor × factor block (nearest neighbour). */
export function upscaleNearest(image: Raster, factor: number): Raster {
  if (!Number.isInteger(factor) || factor < 1)
    throw new Error(`upscaleNearest: expected a positive integer factor, got ${factor}`);
  if (factor === 1) return image;
  const { width, height, channels, data } = image;
  const outWidth = width * factor;
  const out = new Uint8Array(outWidth * height * factor * channels);
  for (let y = 0; y < height * factor; y++) {
    const sourceRow = Math.floor(y / factor) * width;
    for (let x = 0; x < outWidth; x++) {
      const source = (sourceRow + Math.floor(x / factor)) * channels;
      const target = (y * outWidth + x) * channels;
      for (let c = 0; c < channels; c++) out[target + c] = data[source + c] as number;
    }
  }
  return { width: outWidth, height: height * factor, channels, data: out };
}

/**
 * Maps arbitrary values to 0–255 gray levels, min → black and max → white, per image:
 * g = round(255 · (v − min)/(max − min)). Non-finite values become black; a constant image is mid-gray.
 */
export function normaliseToGray(values: ArrayLike<number>): { data: Uint8Array; constant: boolean; nonFinite: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      nonFinite += 1;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const data = new Uint8Array(values.length);
  const constant = !(max > min);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) data[i] = 0;
    else data[i] = constant ? 128 : Math.round((255 * (v - min)) / (max - min));
  }
  return { data, constant, nonFinite };
}
