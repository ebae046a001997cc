import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as T from '../../src/index.js';
import { assertGradcheck, manualSeed, randn, tensor } from '../../src/index.js';

const a = tensor([
  [1, 5, 3],
  [4, 2, 6],
]);

describe('reductions: values', () => {
  it('sum, mean, prod over dims with keepdim', () => {
    expect(a.sum().item()).toBe(21);
    expect(a.sum(0).toArray()).toEqual([5, 7, 9]);
    expect(a.sum(1, true).toArray()).toEqual([[9], [12]]);
    expect(a.sum([0, 1]).item()).toBe(21);
    expect(a.sum(-1).toArray()).toEqual([9, 12]);
    expect(a.mean(1).toArray()).toEqual([3, 4]);
    expect(a.prod(0).toArray()).toEqual([4, 10, 18]);
  });

  it('reduces non-adjacent dims', () => {
    const x = T.arange(24).reshape([2, 3, 4]).float();
    // sum over dims 0 and 2: for each j, Σ_i Σ_k (12i + 4j + k)
    expect(x.sum([0, 2]).toArray()).toEqual([60, 92, 124]);
    expect(x.amax([0, 2]).toArray()).toEqual([15, 19, 23]);
  });

  it('max/min with indices, argmax/argmin', () => {
    const { values, indices } = a.max(1);
    expect(values.toArray()).toEqual([5, 6]);
    expect(indices.toArray()).toEqual([1, 2]);
    expect(indices.dtype).toBe('int32');
    expect(a.min(0).indices.toArray()).toEqual([0, 1, 0]);
    expect(a.argmax().item()).toBe(5);
    expect(a.argmin(1, true).toArray()).toEqual([[0], [1]]);
  });

  it('var and std with Bessel correction by default', () => {
    const v = tensor([1, 2, 3, 4]);
    expect(v.var().item()).toBeCloseTo(5 / 3, 6);
    expect(v.var(undefined, { correction: 0 }).item()).toBeCloseTo(1.25, 6);
    expect(v.std().item()).toBeCloseTo(Math.sqrt(5 / 3), 6);
  });

  it('logSumExp and softmax are stable for large inputs', () => {
    const big = tensor([1000, 1000, 1000]);
    expect(big.logSumExp(0).item()).toBeCloseTo(1000 + Math.log(3), 3);
    expect(big.softmax(0)).toBeAllClose([1 / 3, 1 / 3, 1 / 3], { rtol: 1e-6 });
    expect(tensor([-1000, 0]).logSoftmax(0)).toBeAllClose([-1000, 0], { atol: 1e-4 });
    expect(tensor([Number.NEGATIVE_INFINITY, 0]).softmax(0)).toBeAllClose([0, 1]);
  });

  it('norms', () => {
    const v = tensor([3, -4]);
    expect(v.norm().item()).toBeCloseTo(5);
    expect(v.norm(1).item()).toBeCloseTo(7);
    expect(v.norm(Number.POSITIVE_INFINITY).item()).toBeCloseTo(4);
    expect(v.norm(3).item()).toBeCloseTo((27 + 64) ** (1 / 3), 5);
  });

  it('refuses bad dims and empty max', () => {
    expect(() => a.sum(2)).toThrow(/sum: dim 2 is out of range for a tensor of 2 dims/);
    expect(() => a.sum([0, 0])).toThrow(/repeats/);
    expect(() => T.zeros([0]).amax()).toThrow(/empty/);
  });

  it('sum over all dims equals the sum of per-dim sums (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (shape, d) => {
          const dim = d % shape.length;
          const x = T.rand(shape, { generator: new T.Generator(shape.length * 7 + d), dtype: 'float64' });
          expect(x.sum(dim).sum().item()).toBeCloseTo(x.sum().item(), 10);
          expect(x.mean(dim).mul(shape[dim]!).sum().item()).toBeCloseTo(x.sum().item(), 10);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('reductions: gradients', () => {
  manualSeed(11);
  const fns: [string, (x: T.Tensor) => T.Tensor][] = [
    ['sum', (x) => x.sum(1)],
    ['sum all', (x) => x.sum()],
    ['sum non-adjacent', (x) => x.sum([0, 2], true)],
    ['mean', (x) => x.mean([0, 1])],
    ['prod', (x) => x.prod(2)],
    ['amax', (x) => x.amax(1)],
    ['amin', (x) => x.amin([0, 2])],
    ['max values', (x) => x.max(2).values],
    ['var', (x) => x.var(1)],
    ['std', (x) => x.std(2, { correction: 0 })],
    ['logSumExp', (x) => x.logSumExp(1)],
    ['softmax', (x) => x.softmax(2)],
    ['logSoftmax', (x) => x.logSoftmax(0)],
    ['norm 2', (x) => x.norm(2, 1)],
    ['norm 3', (x) => x.norm(3, 2)],
  ];
  for (const [name, fn] of fns) {
    it(name, () => assertGradcheck(fn, [randn([2, 3, 4], { dtype: 'float64' })]));
  }

  it('prod handles zeros without NaN', () => {
    const x = tensor([2, 0, 3], { requiresGrad: true });
    x.prod().backward();
    expect(x.grad!.toArray()).toEqual([0, 6, 0]);
    const y = tensor([0, 0, 3], { requiresGrad: true });
    y.prod().backward();
    expect(y.grad!.toArray()).toEqual([0, 0, 0]);
  });
});
