import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { assertGradcheck, Generator, randn } from '../../src/index.js';
import { BatchNorm1d, BatchNorm2d, GroupNorm, LayerNorm } from '../../src/nn/index.js';

/** Per-channel (dim 1) mean and biased variance of x [N, C, …], in float64 numbers. */
function channelStats(x: Tensor): { mean: number[]; variance: number[]; count: number } {
  const c = x.shape[1]!;
  const inner = x.shape.slice(2).reduce((p, d) => p * d, 1);
  const count = x.shape[0]! * inner;
  const mean = Array(c).fill(0);
  const sq = Array(c).fill(0);
  for (let i = 0; i < x.size; i++) {
    const ch = Math.floor(i / inner) % c;
    mean[ch] += x.data[i]! / count;
  }
  for (let i = 0; i < x.size; i++) {
    const ch = Math.floor(i / inner) % c;
    sq[ch] += (x.data[i]! - mean[ch]) ** 2 / count;
  }
  return { mean, variance: sq, count };
}

describe('BatchNorm', () => {
  it('in training normalizes with batch statistics and updates running stats with momentum', () => {
    const bn = new BatchNorm2d(3, { dtype: 'float64' });
    const x = randn([4, 3, 2, 2], { dtype: 'float64', generator: new Generator(0) })
      .mul(2)
      .add(1);
    const y = bn.call(x);
    const { mean, variance, count } = channelStats(x);
    expect(channelStats(y).mean).toBeAllClose([0, 0, 0], { atol: 1e-12 });
    expect(channelStats(y).variance).toBeAllClose(
      variance.map((v) => v / (v + 1e-5)),
      { rtol: 1e-10 },
    );
    expect(bn.runningMean!).toBeAllClose(
      mean.map((m) => 0.1 * m),
      { rtol: 1e-12 },
    );
    expect(bn.runningVar!).toBeAllClose(
      variance.map((v) => 0.9 + 0.1 * v * (count / (count - 1))),
      { rtol: 1e-12 },
    );
    expect(bn.numBatchesTracked!.item()).toBe(1);
  });

  it('in eval mode normalizes with the running statistics, and does not update them', () => {
    const bn = new BatchNorm1d(2, { dtype: 'float64' });
    for (let i = 0; i < 5; i++)
      bn.call(
        randn([8, 2], { dtype: 'float64', generator: new Generator(i) })
          .mul(3)
          .add(5),
      );
    bn.eval();
    const mean = Array.from(bn.runningMean!.data);
    const variance = Array.from(bn.runningVar!.data);
    const x = randn([3, 2], { dtype: 'float64', generator: new Generator(9) });
    const expected = (x.toArray() as number[][]).map((row) =>
      row.map((v, c) => (v - mean[c]!) / Math.sqrt(variance[c]! + 1e-5)),
    );
    expect(bn.call(x)).toBeAllClose(expected, { rtol: 1e-12 });
    expect(Array.from(bn.runningMean!.data)).toEqual(mean);
    expect(bn.numBatchesTracked!.item()).toBe(5);
  });

  it('momentum null gives the cumulative average of the batch means', () => {
    const bn = new BatchNorm1d(1, { dtype: 'float64', momentum: null });
    const means: number[] = [];
    for (let i = 0; i < 4; i++) {
      const x = randn([6, 1], { dtype: 'float64', generator: new Generator(20 + i) }).add(i);
      means.push(channelStats(x).mean[0]!);
      bn.call(x);
    }
    expect(bn.runningMean!.item()).toBeCloseTo(means.reduce((s, m) => s + m, 0) / 4, 12);
  });

  it('without running statistics uses batch statistics in eval too, and has no buffers', () => {
    const bn = new BatchNorm1d(2, { trackRunningStats: false, affine: false });
    expect(bn.buffers()).toEqual([]);
    expect(bn.parameters()).toEqual([]);
    bn.eval();
    const y = bn.call(randn([16, 2]).mul(4).add(3));
    expect(channelStats(y).mean).toBeAllClose([0, 0], { atol: 1e-5 });
  });

  it('saves running statistics in the state dict, PyTorch-style', () => {
    expect(Object.keys(new BatchNorm2d(4).stateDict())).toEqual([
      'weight',
      'bias',
      'runningMean',
      'runningVar',
      'numBatchesTracked',
    ]);
  });

  it('checks the input rank and channel count; gradients flow through batch statistics', () => {
    expect(() => new BatchNorm2d(3).call(randn([2, 3]))).toThrow(
      /BatchNorm2d: input \[2,3\] needs 4 dims with 3 channels/,
    );
    expect(() => new BatchNorm1d(3).call(randn([2, 4]))).toThrow(/needs 2 or 3 dims with 3 channels/);
    const bn = new BatchNorm1d(3, { dtype: 'float64' });
    assertGradcheck((x) => bn.call(x).square(), [randn([5, 3, 2], { dtype: 'float64' })]);
  });
});

describe('LayerNorm and GroupNorm', () => {
  it('LayerNorm normalizes each sample over the trailing dims, γ = 1, β = 0 at the start', () => {
    const ln = new LayerNorm([2, 3], { dtype: 'float64' });
    const x = randn([4, 2, 3], { dtype: 'float64' }).mul(5).add(2);
    const y = ln.call(x);
    const perSample = y.reshape(4, 6);
    expect(perSample.mean(1)).toBeAllClose([0, 0, 0, 0], { atol: 1e-12 });
    expect(perSample.var(1, { correction: 0 })).toBeAllClose([1, 1, 1, 1], { rtol: 1e-3 });
    expect(ln.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['weight', [2, 3]],
      ['bias', [2, 3]],
    ]);
    expect(new LayerNorm(4, { elementwiseAffine: false }).numParameters()).toBe(0);
    assertGradcheck((t) => ln.call(t).square(), [randn([2, 2, 3], { dtype: 'float64' })]);
  });

  it('GroupNorm normalizes each group of channels per sample', () => {
    const gn = new GroupNorm(2, 4, { dtype: 'float64' });
    const x = randn([3, 4, 5], { dtype: 'float64' }).mul(3).add(-1);
    const groups = gn.call(x).reshape(3, 2, 10);
    expect(groups.mean(2)).toBeAllClose(Array(6).fill(0), { atol: 1e-12 });
    expect(() => new GroupNorm(3, 4)).toThrow(/divisible by numGroups 3/);
  });
});
