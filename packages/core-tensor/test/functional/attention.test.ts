import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import { scaledDotProductAttention } from '../../src/functional/index.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';

const generator = new Generator(17);
const r = (...shape: number[]): Tensor => randn(shape, { generator, dtype: 'float64' });

describe('scaledDotProductAttention', () => {
  it('causal: output i depends only on keys and values 0 … i', () => {
    const [q, k, v] = [r(4, 3), r(4, 3), r(4, 2)];
    const laterChanged = (t: Tensor): Tensor => t.add(tensor([[0], [0], [1], [-2]], { dtype: 'float64' }));
    const out = scaledDotProductAttention(q, k, v, { isCausal: true });
    const changed = scaledDotProductAttention(q, laterChanged(k), laterChanged(v), { isCausal: true });
    expect(Array.from(changed.data.slice(0, 4))).toEqual(Array.from(out.data.slice(0, 4)));
    expect(changed.data[7]).not.toBe(out.data[7]);
    expect(Array.from(out.data.slice(0, 2))).toEqual(Array.from(v.data.slice(0, 2))); // query 0 sees key 0 only
  });

  it('bool masks: true means attend; a fully blocked query gets zero output, not NaN', () => {
    const q = r(2, 3);
    const k = r(4, 3);
    const v = r(4, 2);
    const onlyKey2 = tensor([
      [false, false, true, false],
      [false, false, false, false],
    ]);
    const out = scaledDotProductAttention(q, k, v, { attnMask: onlyKey2 });
    expect(Array.from(out.data.slice(0, 2))).toEqual(Array.from(v.data.slice(4, 6)));
    expect(Array.from(out.data.slice(2, 4))).toEqual([0, 0]);
    const additive = tensor(
      [
        [0, 0, 0, 0],
        [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
      ],
      { dtype: 'float64' },
    );
    expect(Array.from(scaledDotProductAttention(q, k, v, { attnMask: additive }).data.slice(2, 4))).toEqual([0, 0]);
  });

  it('gradients match finite differences (causal, bool mask with a blocked row, additive mask, scale)', () => {
    assertGradcheck(
      (q, k, v) => scaledDotProductAttention(q, k, v, { isCausal: true }),
      [r(2, 3, 2), r(2, 3, 2), r(2, 3, 2)],
    );
    const mask = tensor([
      [true, false, true],
      [false, false, false],
    ]);
    assertGradcheck((q, k, v) => scaledDotProductAttention(q, k, v, { attnMask: mask }), [r(2, 2), r(3, 2), r(3, 4)]);
    assertGradcheck(
      (q, k, v, m) => scaledDotProductAttention(q, k, v, { attnMask: m, scale: 0.3 }),
      [r(2, 1, 2, 3), r(2, 4, 3), r(4, 2), r(2, 4)],
    );
  });

  it('dropout on the weights is seeded', () => {
    const [q, k, v] = [r(3, 2), r(3, 2), r(3, 2)];
    const a = scaledDotProductAttention(q, k, v, { dropoutP: 0.5, generator: new Generator(9) });
    const b = scaledDotProductAttention(q, k, v, { dropoutP: 0.5, generator: new Generator(9) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('refuses mismatched shapes and masks', () => {
    expect(() => scaledDotProductAttention(zeros([2, 3]), zeros([4, 2]), zeros([4, 2]))).toThrow(ShapeError);
    expect(() =>
      scaledDotProductAttention(zeros([2, 3]), zeros([4, 3]), zeros([4, 2]), { attnMask: zeros([3, 4]) }),
    ).toThrow(/attnMask \[3,4\] must broadcast/);
    expect(() =>
      scaledDotProductAttention(zeros([2, 3]), zeros([4, 3]), zeros([4, 2]), {
        attnMask: zeros([2, 4]),
        isCausal: true,
      }),
    ).toThrow(/either attnMask or isCausal/);
  });
});
