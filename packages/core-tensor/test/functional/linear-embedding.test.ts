import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/autograd/functional.js';
import { DTypeError, ShapeError } from '../../src/errors.js';
import { bilinear, cosineSimilarity, embedding, linear } from '../../src/functional/index.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';

const generator = new Generator(29);
const r = (...shape: number[]): Tensor => randn(shape, { generator, dtype: 'float64' });

describe('linear and bilinear', () => {
  it('linear is x Wᵀ + b over the last dim', () => {
    const x = tensor([[1, 2]]);
    const w = tensor([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(linear(x, w, tensor([0, 0, 10])).toArray()).toEqual([[1, 2, 13]]);
    expect(linear(tensor([1, 2]), w).toArray()).toEqual([1, 2, 3]);
  });

  it('gradients match finite differences (batched, vector and size-1 dims)', () => {
    assertGradcheck((x, w, b) => linear(x, w, b), [r(2, 1, 3), r(4, 3), r(4)]);
    assertGradcheck((x, w) => linear(x, w), [r(3), r(2, 3)]);
    assertGradcheck((x1, x2, w, b) => bilinear(x1, x2, w, b), [r(2, 3, 2), r(2, 3, 4), r(5, 2, 4), r(5)]);
  });

  it('bilinear is x₁ᵀ Aₖ x₂ + bₖ', () => {
    const a = tensor([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    expect(bilinear(tensor([[1, 1]]), tensor([[1, 0]]), a).toArray()).toEqual([[4]]);
  });

  it('refuses mismatched features', () => {
    expect(() => linear(zeros([2, 3]), zeros([4, 5]))).toThrow(
      new ShapeError('linear: input [2,3] must end with 5 features for weight [4,5]'),
    );
    expect(() => linear(zeros([2, 3]), zeros([4, 3]), zeros([3]))).toThrow(/bias must have shape \[4\]/);
    expect(() => bilinear(zeros([2, 3]), zeros([3, 4]), zeros([5, 3, 4]))).toThrow(ShapeError);
  });
});

describe('embedding', () => {
  it('looks rows up for any index shape and leaves the padding row without gradient', () => {
    const table = r(4, 2).requiresGrad_();
    const indices = tensor(
      [
        [0, 1, 1],
        [3, 1, 0],
      ],
      { dtype: 'int32' },
    );
    const out = embedding(indices, table, { paddingIdx: 1 });
    expect(out.shape).toEqual([2, 3, 2]);
    expect(Array.from(out.data.slice(2, 4))).toEqual(Array.from(table.data.slice(2, 4)));
    const [dTable] = gradients(out.sum(), [table]);
    expect(dTable!.toArray()).toEqual([
      [2, 2],
      [0, 0],
      [0, 0],
      [1, 1],
    ]);
  });

  it('gradients match finite differences; errors for float or out-of-range indices', () => {
    assertGradcheck((w) => embedding(tensor([2, 0, 2], { dtype: 'int32' }), w), [r(3, 2)]);
    expect(() => embedding(tensor([0, 1]), zeros([3, 2]))).toThrow(DTypeError);
    expect(() => embedding(tensor([0, 3], { dtype: 'int32' }), zeros([3, 2]))).toThrow(
      /index 3 at flat position 1 is out of range for 3 embeddings/,
    );
    expect(() => embedding(tensor([0], { dtype: 'int32' }), zeros([3, 2]), { paddingIdx: 5 })).toThrow(
      /paddingIdx 5 is out of range/,
    );
  });
});

describe('cosineSimilarity', () => {
  it('is 1 for parallel vectors, −1 for opposite, 0 against a zero vector', () => {
    const a = tensor(
      [
        [1, 2],
        [1, 0],
        [0, 0],
      ],
      { dtype: 'float64' },
    );
    const b = tensor(
      [
        [2, 4],
        [-3, 0],
        [1, 1],
      ],
      { dtype: 'float64' },
    );
    expect(cosineSimilarity(a, b)).toBeAllClose([1, -1, 0], { atol: 1e-12 });
  });

  it('gradients match finite differences, with broadcasting, and stay finite at a zero vector', () => {
    assertGradcheck((a, b) => cosineSimilarity(a, b, -1), [r(2, 1, 3), r(4, 3)]);
    const zero = zeros([1, 3], { dtype: 'float64' }).requiresGrad_();
    const [dZero] = gradients(cosineSimilarity(zero, r(1, 3)).sum(), [zero]);
    expect(Array.from(dZero!.data).every(Number.isFinite)).toBe(true);
  });
});
