import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/functional.js';
import { ShapeError } from '../../src/errors.js';
import { pad } from '../../src/ops/indexing/index.js';
import { arange, tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';
import { sample } from './helpers.js';

describe('pad', () => {
  const row = tensor([1, 2, 3]);

  it('pads the last dim first (torch.nn.functional.pad ordering)', () => {
    expect(pad(row, [2, 1]).toArray()).toEqual([0, 0, 1, 2, 3, 0]);
    expect(pad(row, [1, 0], 'constant', 9).toArray()).toEqual([9, 1, 2, 3]);
    expect(pad(arange(4).reshape(2, 2), [1, 0, 0, 1]).toArray()).toEqual([
      [0, 0, 1],
      [0, 2, 3],
      [0, 0, 0],
    ]);
  });

  it('reflects without repeating the edge, replicates the edge, crops with negative pads', () => {
    expect(pad(row, [2, 2], 'reflect').toArray()).toEqual([3, 2, 1, 2, 3, 2, 1]);
    expect(pad(row, [2, 1], 'replicate').toArray()).toEqual([1, 1, 1, 2, 3, 3]);
    expect(pad(row, [-1, 1]).toArray()).toEqual([2, 3, 0]);
  });

  it('refuses bad pads', () => {
    expect(() => pad(row, [1])).toThrow(ShapeError);
    expect(() => pad(row, [1, 1, 1, 1])).toThrow(ShapeError);
    expect(() => pad(row, [3, 0], 'reflect')).toThrow(
      /pad: reflect mode needs pads smaller than the dim: dim 0 has size 3/,
    );
    expect(() => pad(row, [-1, 0], 'replicate')).toThrow(RangeError);
    expect(() => pad(row, [-2, -2])).toThrow(ShapeError);
  });

  it.each([
    ['constant', [1, 2], [2, 3]],
    ['constant', [2, -1, -1, 1], [2, 3, 4]],
    ['reflect', [2, 1, 1, 2], [1, 2, 3, 4]],
    ['reflect', [1, 1], [2, 1, 3]],
    ['replicate', [3, 1, 0, 2], [2, 2, 3]],
    ['replicate', [1, 2], [1, 1, 1]],
  ] as const)('gradcheck %s %j on %j', (mode, pads, shape) => {
    assertGradcheck((x) => pad(x!, pads, mode, 0.5), [sample(shape)]);
  });

  it('differentiates twice in reflect mode', () => {
    const f = (x: Tensor): Tensor => pad(x, [2, 1], 'reflect').pow(3).sum();
    const second = grad((x) => (grad(f)(x) as Tensor).sum());
    // output entries read x: [x2, x1, x0, x1, x2, x1] → counts (1, 3, 2); d²/dx² of c·x³ summed = 6·c·x
    expect(second(tensor([1, 2, 3], { dtype: 'float64' }))).toBeAllClose([6, 36, 36]);
  });
});
