import { Tensor } from '../tensor/tensor.js';
import { DatasetError } from './errors.js';
import { parseIdx } from './sources/idx.js';

/** Images and their class labels. */
export interface ImageSet {
  /** Pixels in [0, 1], float32 [n, 1, height, width], or [n, height·width] when flattened. */
  x: Tensor;
  /** Class indices, int32 [n]. */
  y: Tensor;
}

export interface ImageSetOptions {
  /** Keep only the first `limit` samples (default: all). */
  limit?: number;
  /** Return x as [n, height·width] instead of [n, 1, height, width] (default false). */
  flatten?: boolean;
}

/** What the errors of the file loaders (loadDigits, loadMnist, …) advise in a browser, where they cannot run. */
export const LOADER_BROWSER_HINT = 'In a browser, build tensors from your own data (tensor(), TensorDataset).';

/** What a pair of IDX files must hold. */
export interface IdxPairSpec {
  what: string;
  count: number;
  height: number;
  width: number;
  classes: number;
}

/** x/255 for every byte value, so conversion is one table lookup per pixel. */
const unitScale = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * An image set from an IDX image file (uint8 [count, height, width]) and an IDX label file
 * (uint8 [count], values < classes): pixels p ↦ p/255 in float32, labels as int32. Anything
 * else — wrong dims, wrong counts, out-of-range labels — throws a DatasetError.
 */
export function imageSetFromIdx(
  images: Uint8Array,
  labels: Uint8Array,
  spec: IdxPairSpec,
  options: ImageSetOptions = {},
): ImageSet {
  const { what, count, height, width, classes } = spec;
  const imageArray = parseIdx(images, `${what} images`);
  const labelArray = parseIdx(labels, `${what} labels`);
  const wantImages = [count, height, width];
  if (imageArray.type !== 'uint8' || imageArray.shape.join() !== wantImages.join()) {
    throw new DatasetError(
      `${what} images: expected uint8 [${wantImages.join(', ')}], got ${imageArray.type} [${imageArray.shape.join(', ')}]`,
    );
  }
  if (labelArray.type !== 'uint8' || labelArray.shape.join() !== String(count)) {
    throw new DatasetError(
      `${what} labels: expected uint8 [${count}], got ${labelArray.type} [${labelArray.shape.join(', ')}]`,
    );
  }
  const n = Math.min(count, options.limit ?? count);
  if (!(Number.isInteger(n) && n >= 0))
    throw new RangeError(`${what}: limit must be a non-negative integer, got ${options.limit}`);
  const y = new Int32Array(n);
  for (let i = 0; i < count; i++) {
    const label = labelArray.data[i]!;
    if (label >= classes)
      throw new DatasetError(`${what} labels: label ${label} at index ${i} is not a class (0 … ${classes - 1})`);
    if (i < n) y[i] = label;
  }
  const pixels = height * width;
  const x = new Float32Array(n * pixels);
  const source = imageArray.data;
  for (let i = 0; i < x.length; i++) x[i] = unitScale[source[i]!]!;
  return { x: new Tensor(x, options.flatten ? [n, pixels] : [n, 1, height, width]), y: new Tensor(y, [n]) };
}
