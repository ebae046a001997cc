import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../src/data/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';

function histogram(y: Tensor): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of y.data) counts[label]! += 1;
  return counts;
}

/** Rows of the flattened images, as strings, to compare sets of samples. */
function rowKeys(x: Tensor): string[] {
  return Array.from({ length: x.shape[0]! }, (_, i) => Array.from(x.data.subarray(i * 64, (i + 1) * 64)).join());
}

describe('loadDigits', () => {
  it('loads all 1 797 images as [n, 1, 8, 8] pixels in [0, 1] with int32 labels 0–9', () => {
    const { x, y } = loadDigits();
    expect(x.shape).toEqual([1797, 1, 8, 8]);
    expect(x.dtype).toBe('float32');
    expect(y.dtype).toBe('int32');
    expect(histogram(y)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(Math.min(...x.data)).toBe(0);
    expect(Math.max(...x.data)).toBe(1);
    expect(Array.from(x.data.subarray(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0].map((p) => p / 16));
    expect(Array.from(y.data.subarray(0, 3))).toEqual([0, 1, 2]);
  });

  it('splits each class 80/20 by default, deterministically, without overlap', () => {
    const train = loadDigits({ split: 'train', flatten: true });
    const test = loadDigits({ split: 'test', flatten: true });
    expect(train.x.shape).toEqual([1438, 64]);
    expect(test.x.shape).toEqual([359, 64]);
    expect(histogram(test.y)).toEqual([36, 36, 35, 37, 36, 36, 36, 36, 35, 36]);
    const all = rowKeys(loadDigits({ flatten: true }).x).sort();
    expect([...rowKeys(train.x), ...rowKeys(test.x)].sort()).toEqual(all);
    expect(Array.from(loadDigits({ split: 'test', flatten: true }).x.data)).toEqual(Array.from(test.x.data));
  });

  it('draws a different split from another seed and honours testFraction and limit', () => {
    const a = loadDigits({ split: 'test', seed: 0 });
    const b = loadDigits({ split: 'test', seed: 1 });
    expect(Array.from(a.y.data)).not.toEqual(Array.from(b.y.data));
    expect(loadDigits({ split: 'test', testFraction: 0.5 }).y.size).toBe(901);
    const limited = loadDigits({ split: 'train', limit: 10 });
    expect(limited.x.shape).toEqual([10, 1, 8, 8]);
    expect(() => loadDigits({ split: 'validation' as 'test' })).toThrow(/split must be/);
  });
});
