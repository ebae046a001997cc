import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import {
  adaptiveAvgPool2d,
  avgPool2d,
  conv2d,
  convTranspose2d,
  interpolate,
  maxPool2d,
} from '../../src/functional/index.js';
import { arange, assertGradcheck, Generator, ones, randn, tensor } from '../../src/index.js';
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  Bilinear,
  Conv1d,
  Conv2d,
  ConvTranspose2d,
  Embedding,
  Flatten,
  Identity,
  Linear,
  MaxPool2d,
  ReLU,
  Residual,
  Unflatten,
  Upsample,
} from '../../src/nn/index.js';

const g = (seed: number) => new Generator(seed);

describe('Linear', () => {
  it('computes x Wᵀ + b over the last dim, for 1-D and batched inputs', () => {
    const layer = new Linear(3, 2, { generator: g(0) });
    const w = layer.weight.toArray() as number[][];
    const b = layer.bias!.toArray() as number[];
    const x = [1, -2, 0.5];
    const expected = w.map((row, o) => row.reduce((s, wi, i) => s + wi * x[i]!, b[o]!));
    expect(layer.call(tensor(x))).toBeAllClose(expected, { rtol: 1e-6 });
    expect(layer.call(randn([4, 5, 3])).shape).toEqual([4, 5, 2]);
    expect(() => layer.call(ones([2, 4]))).toThrow(/must end with 3 features/);
  });

  it('is initialized like PyTorch: W, b ~ U(−1/√in, 1/√in)', () => {
    const layer = new Linear(400, 300, { generator: g(1) });
    const bound = 1 / 20;
    const w = Array.from(layer.weight.data);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance / ((bound * bound) / 3)).toBeCloseTo(1, 1);
    expect(Math.max(...Array.from(layer.bias!.data, Math.abs))).toBeLessThanOrEqual(bound);
  });

  it('is reproducible from a generator and can drop the bias', () => {
    const a = new Linear(4, 4, { generator: g(7) });
    const b = new Linear(4, 4, { generator: g(7) });
    expect(Array.from(a.weight.data)).toEqual(Array.from(b.weight.data));
    expect(new Linear(4, 4, { bias: false }).numParameters()).toBe(16);
  });

  it('has correct gradients for input and parameters', () => {
    const layer = new Linear(3, 2, { dtype: 'float64', generator: g(2) });
    assertGradcheck((x) => layer.call(x), [randn([2, 1, 3], { dtype: 'float64' })]);
    const x = randn([5, 3], { dtype: 'float64', generator: g(3) });
    layer.call(x).sum().backward();
    expect(layer.bias!.grad!).toBeAllClose([5, 5]);
    expect(layer.weight.grad!).toBeAllClose(ones([5, 2], { dtype: 'float64' }).t().matmul(x));
  });
});

describe('Bilinear', () => {
  it('computes x₁ᵀAₖx₂ + bₖ', () => {
    const layer = new Bilinear(2, 3, 2, { dtype: 'float64', generator: g(4) });
    const x1 = tensor([[1, 2]], { dtype: 'float64' });
    const x2 = tensor([[0.5, -1, 3]], { dtype: 'float64' });
    const a = layer.weight.toArray() as number[][][];
    const b = layer.bias!.toArray() as number[];
    const expected = a.map((ak, k) =>
      ak.reduce((s, row, i) => s + row.reduce((t, aij, j) => t + [1, 2][i]! * aij * [0.5, -1, 3][j]!, 0), b[k]!),
    );
    expect(layer.call(x1, x2)).toBeAllClose([expected], { rtol: 1e-12 });
    assertGradcheck(
      (u, v) => layer.call(u, v),
      [randn([3, 2], { dtype: 'float64' }), randn([3, 3], { dtype: 'float64' })],
    );
  });
});

describe('convolution layers', () => {
  it('Conv2d applies conv2d with its weight shape [O, C/groups, kH, kW] and options', () => {
    const layer = new Conv2d(4, 6, [3, 1], { stride: 2, padding: 1, groups: 2, generator: g(5) });
    expect(layer.weight.shape).toEqual([6, 2, 3, 1]);
    const x = randn([2, 4, 7, 5], { generator: g(6) });
    expect(layer.call(x)).toBeAllClose(conv2d(x, layer.weight, layer.bias!, { stride: 2, padding: 1, groups: 2 }));
    expect(layer.toString()).toBe(
      'Conv2d(4, 6, kernelSize=[3,1], stride=2, padding=1, groups=2, bias=true)  # 42 params',
    );
    expect(() => new Conv2d(3, 4, 3, { groups: 2 })).toThrow(/divisible by groups 2/);
    expect(() => new Conv2d(3, 4, 0)).toThrow(/Conv2d: kernelSize must be an integer ≥ 1, got 0/);
    expect(() => new Conv2d(3, 4, [3, 2.5])).toThrow(/Conv2d: kernelSize must be an integer ≥ 1, got 2.5/);
  });

  it('Conv2d is initialized with fan_in = C/groups·kH·kW', () => {
    const layer = new Conv2d(8, 16, 3, { generator: g(7) });
    const bound = 1 / Math.sqrt(72);
    expect(Math.max(...Array.from(layer.weight.data, Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...Array.from(layer.weight.data, Math.abs))).toBeGreaterThan(0.95 * bound);
  });

  it('Conv1d matches Conv2d on a height-1 image', () => {
    const layer = new Conv1d(3, 2, 3, { padding: 'same', generator: g(8) });
    const x = randn([2, 3, 9], { generator: g(9) });
    const expected = conv2d(x.unsqueeze(2), layer.weight.unsqueeze(2), layer.bias!, { padding: 'same' }).squeeze(2);
    expect(layer.call(x)).toBeAllClose(expected, { rtol: 1e-6 });
  });

  it('ConvTranspose2d doubles the size with stride 2 and has weight [C_in, C_out/groups, kH, kW]', () => {
    const layer = new ConvTranspose2d(4, 3, 4, { stride: 2, padding: 1, generator: g(10) });
    expect(layer.weight.shape).toEqual([4, 3, 4, 4]);
    const x = randn([1, 4, 5, 5], { generator: g(11) });
    const y = layer.call(x);
    expect(y.shape).toEqual([1, 3, 10, 10]);
    expect(y).toBeAllClose(convTranspose2d(x, layer.weight, layer.bias!, { stride: 2, padding: 1 }));
  });
});

describe('Embedding', () => {
  it('looks up rows, starts from N(0, 1) and keeps the padding row at zero', () => {
    const layer = new Embedding(1000, 8, { paddingIdx: -1, generator: g(12) });
    expect(layer.paddingIdx).toBe(999);
    const values = Array.from(layer.weight.data.subarray(0, 999 * 8));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
    expect(Array.from(layer.weight.data.subarray(999 * 8))).toEqual(Array(8).fill(0));
    const idx = tensor([[3, 999]], { dtype: 'int32' });
    const out = layer.call(idx);
    expect(out.shape).toEqual([1, 2, 8]);
    expect(out).toBeAllClose([[Array.from(layer.weight.data.subarray(24, 32)), Array(8).fill(0)]]);
    out.sum().backward();
    expect(Array.from(layer.weight.grad!.data.subarray(999 * 8))).toEqual(Array(8).fill(0));
  });
});

describe('shape layers, Identity, Residual, Upsample', () => {
  it('Flatten and Unflatten are inverses', () => {
    const x = arange(24).reshape(2, 3, 4);
    const flat = new Flatten().call(x);
    expect(flat.shape).toEqual([2, 12]);
    expect(new Unflatten(1, [3, 4]).call(flat).toArray()).toEqual(x.toArray());
    expect(new Flatten(0, 1).call(x).shape).toEqual([6, 4]);
    expect(() => new Unflatten(1, [5, 2]).call(flat)).toThrow(/has 12 elements, sizes \[5,2\] hold 10/);
    expect(new Identity().call(x)).toBe(x);
  });

  it('Residual adds its input to F(h), with F a module (trained) or a function', () => {
    const block = new Linear(3, 3, { generator: g(13) });
    const residual = new Residual(block);
    const h = randn([2, 3]);
    expect(residual.call(h)).toBeAllClose(h.add(block.call(h)));
    expect(residual.parameters()).toEqual(block.parameters());
    expect(new Residual((t) => t.mul(2)).call(tensor([1, 2]))).toBeAllClose([3, 6]);
    expect(new Residual(new ReLU()).numParameters()).toBe(0);
  });

  it('Upsample resamples like interpolate', () => {
    const x = randn([1, 2, 3, 3]);
    expect(new Upsample({ scaleFactor: 2 }).call(x)).toBeAllClose(interpolate(x, { scaleFactor: 2 }));
    expect(new Upsample({ size: [5, 4], mode: 'bilinear' }).call(x).shape).toEqual([1, 2, 5, 4]);
    expect(() => new Upsample({})).toThrow(/exactly one of size and scaleFactor/);
  });
});

describe('pooling layers', () => {
  it('apply the pooling functions with their options', () => {
    const x = randn([2, 3, 7, 6], { generator: g(14) });
    expect(new MaxPool2d(2).call(x)).toBeAllClose(maxPool2d(x, { kernelSize: 2 }));
    expect(new MaxPool2d(3, { stride: 2, padding: 1 }).call(x)).toBeAllClose(
      maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }),
    );
    expect(new AvgPool2d([2, 3], { ceilMode: true }).call(x)).toBeAllClose(
      avgPool2d(x, { kernelSize: [2, 3], ceilMode: true }),
    );
    expect(new AdaptiveAvgPool2d(1).call(x).shape).toEqual([2, 3, 1, 1]);
    expect(new AdaptiveAvgPool2d([3, null]).call(x)).toBeAllClose(adaptiveAvgPool2d(x, [3, null]));
    expect(new MaxPool2d(3, { stride: 2 }).toString()).toBe('MaxPool2d(kernelSize=3, stride=2)');
  });

  it('global average pooling is the mean over H and W', () => {
    const x = randn([2, 3, 4, 4], { generator: g(15) });
    expect(new AdaptiveAvgPool2d(1).call(x).reshape(2, 3)).toBeAllClose(x.mean([2, 3]), { rtol: 1e-6 });
  });
});
