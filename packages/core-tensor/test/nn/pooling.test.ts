import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as F from '../../src/functional/index.js';
import type { Tensor } from '../../src/index.js';
import { assertGradcheck, DTypeError, manualSeed, randn, relu, ShapeError, tensor } from '../../src/index.js';
import type { PooledWithIndices } from '../../src/nn/index.js';
import { MaxPool2d, MaxUnpool2d, ReLU, Sequential } from '../../src/nn/index.js';

describe('MaxPool2d with returnIndices', () => {
  it('returns { values, indices } as F.maxPool2d does, typed by the option', () => {
    manualSeed(3);
    const x = randn([2, 3, 7, 7]);
    const pool = new MaxPool2d(3, { stride: 2, padding: 1, returnIndices: true });
    const out = pool.call(x);
    expectTypeOf(out).toEqualTypeOf<PooledWithIndices>();
    const reference = F.maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1, returnIndices: true });
    expect(out.values).toBeAllClose(reference.values, { rtol: 0, atol: 0 });
    expect(out.indices.dtype).toBe('int32');
    expect(Array.from(out.indices.data)).toEqual(Array.from(reference.indices.data));
    expect(pool.toString()).toBe('MaxPool2d(kernelSize=3, stride=2, padding=1, returnIndices=true)');
  });

  it('keeps the default a Tensor → Tensor module that chains in Sequential', () => {
    const pool = new MaxPool2d(2);
    expectTypeOf(pool.call(randn([1, 1, 4, 4]))).toEqualTypeOf<Tensor>();
    expectTypeOf(new MaxPool2d(2, { stride: 1, returnIndices: false }).call).returns.toEqualTypeOf<Tensor>();
    const net = new Sequential(new MaxPool2d(2), new ReLU());
    expect(net.call(randn([1, 2, 4, 4])).shape).toEqual([1, 2, 2, 2]);
    // @ts-expect-error a pooling that returns { values, indices } does not chain in Sequential
    new Sequential(new MaxPool2d(2, { returnIndices: true }));
  });
});

describe('MaxUnpool2d', () => {
  const x = tensor([
    [
      [
        [1, 5, 2, 0],
        [3, 4, 8, 7],
        [0, 9, 1, 1],
        [6, 2, 3, 2],
      ],
    ],
  ]);

  it('puts each maximum back where it came from, zeros elsewhere (PyTorch example)', () => {
    const { values, indices } = new MaxPool2d(2, { returnIndices: true }).call(x);
    const y = new MaxUnpool2d(2).call(values, indices);
    expect(y).toBeAllClose([
      [
        [
          [0, 5, 0, 0],
          [0, 0, 8, 0],
          [0, 9, 0, 0],
          [0, 0, 3, 0],
        ],
      ],
    ]);
    expect(new MaxUnpool2d(2, { stride: 2 }).toString()).toBe('MaxUnpool2d(kernelSize=2, stride=2)');
  });

  it('takes an output size to undo a pooling that dropped a border', () => {
    manualSeed(4);
    const odd = randn([2, 2, 5, 5]);
    const { values, indices } = F.maxPool2d(odd, { kernelSize: 2, returnIndices: true });
    const unpool = new MaxUnpool2d(2);
    expect(() => unpool.call(values, indices)).toThrow(/is outside the 4×4 output plane/);
    const restored = unpool.call(values, indices, odd.shape);
    expect(restored.shape).toEqual([2, 2, 5, 5]);
    // each window now holds its maximum and zeros
    expect(F.maxPool2d(restored, { kernelSize: 2 })).toBeAllClose(relu(values));
  });

  it('passes gradcheck in float64 (its gradient gathers dy at the indices)', () => {
    manualSeed(5);
    const { values, indices } = F.maxPool2d(randn([2, 2, 6, 4], { dtype: 'float64' }), {
      kernelSize: 2,
      returnIndices: true,
    });
    assertGradcheck((v: Tensor) => F.maxUnpool2d(v, indices, { kernelSize: 2 }), [values]);
    assertGradcheck((v: Tensor) => F.maxUnpool2d(v, indices, { kernelSize: 2, outputSize: [7, 5] }), [values]);
  });

  it('refuses bad indices and sizes, saying what was expected', () => {
    const values = randn([1, 1, 2, 2]);
    const indices = tensor([0, 3, 8, 15], { dtype: 'int32', shape: [1, 1, 2, 2] });
    expect(() => F.maxUnpool2d(values, indices.float(), { kernelSize: 2 })).toThrow(DTypeError);
    expect(() => F.maxUnpool2d(values, tensor([0, 1], { dtype: 'int32' }), { kernelSize: 2 })).toThrow(
      /indices \[2\] must have the input's shape \[1,1,2,2\]/,
    );
    expect(() => F.maxUnpool2d(randn([2, 2]), indices, { kernelSize: 2 })).toThrow(ShapeError);
    expect(() =>
      F.maxUnpool2d(values, tensor([0, 3, 8, 16], { dtype: 'int32', shape: [1, 1, 2, 2] }), { kernelSize: 2 }),
    ).toThrow(/index 16 at \[0, 0, 1, 1\] is outside the 4×4 output plane \[0, 16\)/);
    expect(() => F.maxUnpool2d(values, indices, { kernelSize: 2, outputSize: [6, 4] })).toThrow(
      /outputSize \[6, 4\] must lie strictly between \[2, 2\] and \[6, 6\]/,
    );
    expect(() => F.maxUnpool2d(values, indices, { kernelSize: 2, outputSize: [4] })).toThrow(
      /outputSize must be \[H, W\] or \[N, C, H, W\], got \[4\]/,
    );
  });
});
