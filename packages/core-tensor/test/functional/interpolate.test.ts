import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/functional.js';
import { interpolate } from '../../src/functional/index.js';
import { mul } from '../../src/ops/binary.js';
import { sum } from '../../src/ops/reduce.js';
import { square } from '../../src/ops/unary.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';

const generator = new Generator(5);
const r = (...shape: number[]): Tensor => randn(shape, { generator, dtype: 'float64' });

describe('interpolate', () => {
  it('nearest doubles each pixel; bilinear with alignCorners keeps the corners', () => {
    const x = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    expect(interpolate(x, { scaleFactor: 2 }).toArray()).toEqual([
      [
        [
          [1, 1, 2, 2],
          [1, 1, 2, 2],
          [3, 3, 4, 4],
          [3, 3, 4, 4],
        ],
      ],
    ]);
    expect(interpolate(x, { size: 3, mode: 'bilinear', alignCorners: true }).toArray()).toEqual([
      [
        [
          [1, 1.5, 2],
          [2, 2.5, 3],
          [3, 3.5, 4],
        ],
      ],
    ]);
    expect(interpolate(x, { size: [2, 4], mode: 'bilinear' }).toArray()).toEqual([
      [
        [
          [1, 1.25, 1.75, 2],
          [3, 3.25, 3.75, 4],
        ],
      ],
    ]);
  });

  for (const [name, options] of Object.entries({
    'nearest up': { size: [5, 4] },
    'bilinear up': { scaleFactor: [1.5, 2], mode: 'bilinear' },
    'bilinear down, aligned': { size: [2, 2], mode: 'bilinear', alignCorners: true },
  } as const)) {
    it(`gradients match finite differences: ${name}`, () => {
      assertGradcheck((x) => interpolate(x, options), [r(2, 1, 3, 3)]);
    });
  }

  it('double backward (the adjoint resampling is differentiable)', () => {
    const dx = grad((x: Tensor) => sum(mul(square(interpolate(x, { size: [4, 5], mode: 'bilinear' })), 0.5)));
    assertGradcheck((x) => dx(x) as Tensor, [r(1, 2, 3, 2)]);
  });

  it('resamples 3-D input [N,C,L] along L', () => {
    const x = tensor([[[0, 10]]]);
    expect(interpolate(x, { size: 4, mode: 'bilinear' }).toArray()).toEqual([[[0, 2.5, 7.5, 10]]]);
  });

  it('refuses ambiguous or impossible requests', () => {
    const x = zeros([1, 1, 2, 2]);
    expect(() => interpolate(x, { size: 3, scaleFactor: 2 })).toThrow(/exactly one of size and scaleFactor/);
    expect(() => interpolate(x, {})).toThrow(/exactly one of size and scaleFactor/);
    expect(() => interpolate(x, { size: 3, alignCorners: true })).toThrow(/alignCorners applies to mode 'bilinear'/);
    expect(() => interpolate(zeros([2, 2]), { size: 3 })).toThrow(/needs 4 dims/);
  });
});
