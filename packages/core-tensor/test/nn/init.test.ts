import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { Generator, zeros } from '../../src/index.js';
import { init } from '../../src/nn/index.js';

function stats(t: Tensor): { mean: number; variance: number; maxAbs: number } {
  const values = Array.from(t.data);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, variance, maxAbs: Math.max(...values.map(Math.abs)) };
}

describe('nn.init', () => {
  it('calculateGain follows PyTorch’s table', () => {
    expect(init.calculateGain('linear')).toBe(1);
    expect(init.calculateGain('conv2d')).toBe(1);
    expect(init.calculateGain('sigmoid')).toBe(1);
    expect(init.calculateGain('tanh')).toBeCloseTo(5 / 3, 12);
    expect(init.calculateGain('relu')).toBeCloseTo(Math.SQRT2, 12);
    expect(init.calculateGain('leakyRelu')).toBeCloseTo(Math.sqrt(2 / (1 + 0.01 ** 2)), 12);
    expect(init.calculateGain('leakyRelu', Math.sqrt(5))).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(init.calculateGain('selu')).toBe(0.75);
  });

  it('fans multiply by the receptive field', () => {
    expect(init.fans('test', zeros([16, 3, 5, 5]))).toEqual({ fanIn: 75, fanOut: 400 });
    expect(() => init.fans('xavierUniform_', zeros([3]))).toThrow(/at least 2 dims, got \[3\]/);
  });

  it('uniform_, normal_, constant_ fill in place with the requested law', () => {
    const g = new Generator(0);
    const u = init.uniform_(zeros([20000]), -2, 3, { generator: g });
    const su = stats(u);
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u.data)).toBeLessThan(3);
    expect(su.mean).toBeCloseTo(0.5, 1);
    expect(su.variance).toBeCloseTo(25 / 12, 1);
    const n = stats(init.normal_(zeros([20000]), 1, 2, { generator: g }));
    expect(n.mean).toBeCloseTo(1, 1);
    expect(n.variance / 4).toBeCloseTo(1, 1);
    expect(Array.from(init.constant_(zeros([3]), 7).data)).toEqual([7, 7, 7]);
    expect(Array.from(init.ones_(zeros([2])).data)).toEqual([1, 1]);
    expect(Array.from(init.zeros_(init.ones_(zeros([2]))).data)).toEqual([0, 0]);
  });

  it('is reproducible with a seeded generator and bumps the version', () => {
    const a = init.normal_(zeros([5]), 0, 1, { generator: new Generator(42) });
    const b = init.normal_(zeros([5]), 0, 1, { generator: new Generator(42) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(a.version).toBe(1);
  });

  it('works on parameters that require grad (outside autograd)', () => {
    const w = zeros([4, 4], { requiresGrad: true });
    init.xavierUniform_(w, { generator: new Generator(1) });
    expect(w.isLeaf).toBe(true);
    expect(stats(w).maxAbs).toBeGreaterThan(0);
  });

  it('xavier (Glorot): Var = gain²·2/(fan_in + fan_out)', () => {
    const g = new Generator(3);
    const w = init.xavierUniform_(zeros([200, 300]), { gain: 2, generator: g });
    const bound = 2 * Math.sqrt(6 / 500);
    expect(stats(w).maxAbs).toBeLessThanOrEqual(bound);
    expect(stats(w).variance / ((bound * bound) / 3)).toBeCloseTo(1, 1);
    const n = init.xavierNormal_(zeros([200, 300]), { generator: g });
    expect(stats(n).variance / (2 / 500)).toBeCloseTo(1, 1);
  });

  it('kaiming (He): Var = gain²/fan for the chosen mode and nonlinearity', () => {
    const g = new Generator(4);
    const relu = init.kaimingNormal_(zeros([100, 400]), { nonlinearity: 'relu', generator: g });
    expect(stats(relu).variance / (2 / 400)).toBeCloseTo(1, 1);
    const fanOut = init.kaimingNormal_(zeros([100, 400]), { mode: 'fanOut', generator: g });
    expect(stats(fanOut).variance / (2 / 100)).toBeCloseTo(1, 1);
    const uniform = init.kaimingUniform_(zeros([100, 400]), { a: Math.sqrt(5), generator: g });
    expect(stats(uniform).maxAbs).toBeLessThanOrEqual(1 / 20);
    expect(stats(uniform).maxAbs).toBeGreaterThan(0.049);
  });

  it('orthogonal_ gives orthonormal rows (wide) or columns (tall), scaled by the gain', () => {
    for (const shape of [
      [3, 7],
      [7, 3],
      [4, 2, 2],
    ]) {
      const w = init.orthogonal_(zeros(shape, { dtype: 'float64' }), { gain: 2, generator: new Generator(5) });
      const m = w.reshape(shape[0]!, -1);
      const gram = m.shape[0]! <= m.shape[1]! ? m.matmul(m.t()) : m.t().matmul(m);
      const k = gram.shape[0]!;
      const identity4 = Array.from({ length: k * k }, (_, i) => (Math.floor(i / k) === i % k ? 4 : 0));
      expect(gram).toBeAllClose(identity4, { atol: 1e-12 });
    }
  });
});
