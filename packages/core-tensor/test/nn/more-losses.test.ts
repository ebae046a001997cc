import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { cosineEmbeddingLoss, cosineSimilarity, gaussianNllLoss } from '../../src/functional/index.js';
import type { Tensor } from '../../src/index.js';
import { assertGradcheck, DTypeError, Generator, rand, randn, ShapeError, tensor } from '../../src/index.js';
import { CosineEmbeddingLoss, CosineSimilarity, GaussianNLLLoss } from '../../src/nn/index.js';

const generator = (seed: number) => ({ generator: new Generator(seed), dtype: 'float64' as const });

describe('GaussianNLLLoss', () => {
  const input = randn([4, 3], generator(0));
  const target = randn([4, 3], generator(1));
  const variance = rand([4, 3], generator(2)).add(0.1);

  it('is ½(ln var + (x − y)²/var) [+ ½ ln 2π], as a module with fixed options', () => {
    const expected = variance.log().add(input.sub(target).square().div(variance)).mul(0.5);
    expect(gaussianNllLoss(input, target, variance, { reduction: 'none' })).toBeAllClose(expected, { rtol: 1e-12 });
    const full = new GaussianNLLLoss({ full: true, reduction: 'sum' });
    expect(full.call(input, target, variance)).toBeAllClose(expected.add(0.5 * Math.log(2 * Math.PI)).sum(), {
      rtol: 1e-12,
    });
    expect(full.toString()).toBe('GaussianNLLLoss(reduction=sum)');
  });

  it('passes gradcheck in float64 in input, target and var, heteroscedastic and shared variance', () => {
    assertGradcheck((x: Tensor, y: Tensor, v: Tensor) => gaussianNllLoss(x, y, v), [input, target, variance]);
    const shared = rand([4], generator(3)).add(0.1);
    assertGradcheck((x: Tensor, v: Tensor) => gaussianNllLoss(x, target, v, { reduction: 'none' }), [input, shared]);
  });

  it('refuses mis-shaped or negative variances and mismatched targets', () => {
    expect(() => gaussianNllLoss(input, target, rand([3], generator(4)))).toThrow(
      /var \[3\] must have input's shape \[4,3\], or that shape without its last dim or with a last dim of 1/,
    );
    expect(() => gaussianNllLoss(input, target, variance.sub(1))).toThrow(/var must be ≥ 0, got -0\.\d+ at flat index/);
    expect(() => gaussianNllLoss(input, target.reshape([3, 4]), variance)).toThrow(ShapeError);
    expect(() => gaussianNllLoss(input, target, variance, { eps: 0 })).toThrow(/eps must be > 0/);
  });
});

describe('CosineEmbeddingLoss and CosineSimilarity', () => {
  const x1 = randn([5, 4], generator(5));
  const x2 = randn([5, 4], generator(6));
  const y = tensor([1, -1, 1, -1, -1], { dtype: 'float64' });

  it('costs 1 − cos for similar pairs and max(0, cos − margin) for dissimilar ones', () => {
    const cos = cosineSimilarity(x1, x2);
    const losses = cosineEmbeddingLoss(x1, x2, y, { margin: 0.1, reduction: 'none' });
    for (let i = 0; i < 5; i++) {
      const c = cos.data[i]!;
      expect(losses.data[i]).toBeCloseTo(y.data[i] === 1 ? 1 - c : Math.max(0, c - 0.1), 10);
    }
    expect(new CosineEmbeddingLoss({ margin: 0.1 }).call(x1, x2, y)).toBeAllClose(losses.mean());
    expect(cosineEmbeddingLoss(x1, x2, y.int())).toBeAllClose(cosineEmbeddingLoss(x1, x2, y));
  });

  it('passes gradcheck in float64 in both inputs', () => {
    assertGradcheck(
      (a: Tensor, b: Tensor) => cosineEmbeddingLoss(a, b, y, { margin: -0.3, reduction: 'none' }),
      [x1, x2],
    );
  });

  it('refuses labels other than ±1 and mismatched shapes', () => {
    expect(() => cosineEmbeddingLoss(x1, x2, tensor([1, 0, 1, -1, 1]))).toThrow(
      /target labels must be 1 or −1, got 0 at index 1/,
    );
    expect(() => cosineEmbeddingLoss(x1, x2, tensor([1, -1]))).toThrow(
      /target must be \[5\] \(one label per pair\), got \[2\]/,
    );
    expect(() => cosineEmbeddingLoss(x1, x2.reshape([4, 5]), y)).toThrow(/x1 and x2 must both be \[N, D\] or \[D\]/);
    expect(() => cosineEmbeddingLoss(x1.int(), x2, y)).toThrow(DTypeError);
  });

  it('CosineSimilarity applies cosineSimilarity along its dim', () => {
    const module = new CosineSimilarity(0, 1e-6);
    expect(module.call(x1, x2)).toBeAllClose(cosineSimilarity(x1, x2, 0, 1e-6));
    expect(module.toString()).toBe('CosineSimilarity(dim=0, eps=0.000001)');
  });
});
