import type { NodeBuiltins } from '../platform/node-builtin.js';
import { nodeBuiltin } from '../platform/node-builtin.js';
import { DatasetError } from './errors.js';
import type { ImageSet, ImageSetOptions } from './image-set.js';
import { imageSetFromIdx, LOADER_BROWSER_HINT } from './image-set.js';
import { verifySha256 } from './sources/sha256.js';

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** The ten Fashion-MNIST classes, by label. */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** SHA-256 of each uncompressed IDX file of Zalando's Fashion-MNIST. */
const FASHION_FILES = {
  train: {
    count: 60000,
    images: {
      file: 'train-images-idx3-ubyte',
      sha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    },
    labels: {
      file: 'train-labels-idx1-ubyte',
      sha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
    },
  },
  test: {
    count: 10000,
    images: {
      file: 't10k-images-idx3-ubyte',
      sha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    },
    labels: {
      file: 't10k-labels-idx1-ubyte',
      sha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
    },
  },
} as const;

const FEATURE = 'loadFashionMnist';

export interface FashionMnistOptions extends ImageSetOptions {
  /** 'train' (60 000 images, default) or 'test' (10 000). */
  split?: 'train' | 'test';
  /** The folder with the IDX files, plain or .gz (default $SHINKEI_FASHION_MNIST_DIR, else Debian's folder). */
  directory?: string;
}

/**
 * Zalando's Fashion-MNIST: 28×28 grey images of clothes in 10 classes (FASHION_MNIST_CLASSES),
 * pixels p ↦ p/255. x: float32 [n, 1, 28, 28] ([n, 784] with flatten), y: int32 [n]. Read from
 * Debian's `dataset-fashion-mnist` files (or `directory`); each file's SHA-256 is checked.
 */
export function loadFashionMnist(options: FashionMnistOptions = {}): ImageSet {
  const split = options.split ?? 'train';
  const files = FASHION_FILES[split];
  if (files === undefined) throw new RangeError(`loadFashionMnist: split must be 'train' or 'test', got '${split}'`);
  const fs = nodeBuiltin('fs', FEATURE, LOADER_BROWSER_HINT);
  const { join } = nodeBuiltin('path', FEATURE);
  const directory = options.directory ?? (process.env.SHINKEI_FASHION_MNIST_DIR || DEBIAN_FASHION_MNIST_DIR);
  const read = ({ file, sha256 }: { file: string; sha256: string }): Uint8Array => {
    const bytes = readIdxFile(fs, directory, file);
    verifySha256(bytes, sha256, `loadFashionMnist: ${join(directory, file)}`);
    return bytes;
  };
  const spec = { what: `Fashion-MNIST ${split}`, count: files.count, height: 28, width: 28, classes: 10 };
  return imageSetFromIdx(read(files.images), read(files.labels), spec, options);
}

function readIdxFile({ existsSync, readFileSync }: NodeBuiltins['fs'], directory: string, file: string): Uint8Array {
  const { join } = nodeBuiltin('path', FEATURE);
  const { gunzipSync } = nodeBuiltin('zlib', FEATURE);
  const plain = join(directory, file);
  if (existsSync(plain)) return readFileSync(plain);
  const gzipped = `${plain}.gz`;
  if (existsSync(gzipped)) {
    try {
      return gunzipSync(readFileSync(gzipped));
    } catch (error) {
      throw new DatasetError(`loadFashionMnist: ${gzipped} is not a valid gzip file (${(error as Error).message})`);
    }
  }
  throw new DatasetError(
    `loadFashionMnist: ${file}(.gz) not found in ${directory}. Install Debian's package (apt-get install dataset-fashion-mnist, ` +
      `files in ${DEBIAN_FASHION_MNIST_DIR}), or put the four Fashion-MNIST IDX files in a folder and pass {directory} or set SHINKEI_FASHION_MNIST_DIR.`,
  );
}
