import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as T from '../../src/index.js';
import { assertGradcheck, manualSeed, randn, ShapeError, tensor } from '../../src/index.js';

describe('shape ops', () => {
  const x = T.arange(6).reshape([2, 3]);

  it('reshape infers -1 and shares the buffer', () => {
    expect(x.reshape(3, -1).shape).toEqual([3, 2]);
    expect(x.view([-1]).data).toBe(x.data);
    expect(() => x.reshape([4, -1])).toThrow(/cannot reshape \[2,3\] \(6 elements\) into \[4,-1\]/);
    expect(() => x.reshape([-1, -1])).toThrow(/only one dim can be -1/);
  });

  it('flatten, squeeze, unsqueeze', () => {
    const y = T.zeros([2, 1, 3, 1]);
    expect(y.flatten().shape).toEqual([6]);
    expect(y.flatten(1).shape).toEqual([2, 3]);
    expect(y.squeeze().shape).toEqual([2, 3]);
    expect(y.squeeze(1).shape).toEqual([2, 3, 1]);
    expect(y.unsqueeze(0).shape).toEqual([1, 2, 1, 3, 1]);
    expect(y.unsqueeze(-1).shape).toEqual([2, 1, 3, 1, 1]);
  });

  it('permute, transpose, t', () => {
    expect(x.t().toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    const z = T.arange(24).reshape([2, 3, 4]);
    const p = z.permute(2, 0, 1);
    expect(p.shape).toEqual([4, 2, 3]);
    expect(p.toArray()).toEqual([0, 1, 2, 3].map((k) => [0, 1].map((i) => [0, 1, 2].map((j) => 12 * i + 4 * j + k))));
    expect(z.transpose(0, -1).shape).toEqual([4, 3, 2]);
    expect(() => z.t()).toThrow(ShapeError);
  });

  it('expand copies a broadcast', () => {
    expect(
      tensor([[1], [2]])
        .expand(2, 3)
        .toArray(),
    ).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    expect(tensor([1, 2]).expand([3, -1]).toArray()).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(() => tensor([1, 2]).expand([3])).toThrow(/cannot expand \[2\] to \[3\]/);
  });

  it('permute round trips (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }), (shape) => {
        const t = T.arange(shape.reduce((p, d) => p * d, 1)).reshape(shape);
        const perm = shape.map((_, i) => i).reverse();
        const back = t.permute(perm).permute(perm.map((_, i) => perm.indexOf(i)));
        expect(Array.from(back.data)).toEqual(Array.from(t.data));
        expect(t.reshape([-1]).reshape(shape).toArray()).toEqual(t.toArray());
      }),
      { numRuns: 50 },
    );
  });

  it('gradients', () => {
    manualSeed(5);
    const r = randn([2, 3, 4], { dtype: 'float64' });
    assertGradcheck((t) => t.reshape([4, 6]).mul(T.arange(6).double()), [r]);
    assertGradcheck((t) => t.permute(1, 2, 0), [r]);
    assertGradcheck((t) => t.sum(1, true).expand([2, 5, 4]), [r]);
    assertGradcheck((t) => t.transpose(0, 2).flatten(1), [r]);
  });
});
