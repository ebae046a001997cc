import { describe, expect, it } from 'vitest';
import * as T from '../../src/index.js';
import { ShapeError, tensor } from '../../src/index.js';

describe('Tensor basics', () => {
  it('infers shape and dtype from nested arrays and typed arrays', () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(t.shape).toEqual([2, 2]);
    expect(t.dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor(new Int32Array([1, 2, 3])).dtype).toBe('int32');
    expect(tensor(new Float64Array(6), { shape: [2, 3] }).shape).toEqual([2, 3]);
    expect(tensor(3).shape).toEqual([]);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => tensor(['a'] as unknown as number[])).toThrow(
      /tensor: expected numbers or booleans, got the string "a" at \[0\]/,
    );
    expect(() => tensor([[1, null]] as unknown as number[][])).toThrow(/got null at \[0\]\[1\]/);
    expect(() => tensor(undefined as unknown as number)).toThrow(/got undefined at top/);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(ShapeError);
  });

  it('item, toArray, to, clone', () => {
    const t = tensor([
      [1.5, 2],
      [3, 4],
    ]);
    expect(t.sum().item()).toBe(10.5);
    expect(() => t.item()).toThrow(/one element/);
    expect(t.toArray()).toEqual([
      [1.5, 2],
      [3, 4],
    ]);
    expect(t.to('int32').toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(t.to('bool').dtype).toBe('bool');
    const c = t.clone();
    expect(c.data).not.toBe(t.data);
  });

  it('creation functions', () => {
    expect(T.arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(T.arange(5).dtype).toBe('int32');
    expect(T.arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(T.linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(T.eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(T.full([2], 7).toArray()).toEqual([7, 7]);
    expect(T.zerosLike(tensor([1, 2], { dtype: 'float64' })).dtype).toBe('float64');
    expect(() => T.zeros([2, -1])).toThrow(/invalid shape/);
    expect(() => T.arange(0, 1, 0)).toThrow(/step/);
  });

  it('prints like PyTorch', () => {
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).toString(),
    ).toBe('tensor([[1., 2.],\n        [3., 4.]])');
    expect(tensor([1, 2], { dtype: 'int32' }).toString()).toBe('tensor([1, 2])');
    expect(tensor([0.5], { requiresGrad: true }).toString()).toBe('tensor([0.5000], requires_grad=True)');
    expect(T.zeros([2000]).toString()).toContain('...');
  });

  it('in-place ops bump the version', () => {
    const t = tensor([1, 2]);
    t.add_(1);
    t.mul_(tensor([2, 3]));
    expect(t.toArray()).toEqual([4, 9]);
    expect(t.version).toBe(2);
    t.copy_(tensor([5]));
    expect(t.toArray()).toEqual([5, 5]);
  });
});
