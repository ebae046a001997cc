import { describe, expect, it } from 'vitest';
import * as T from '../../src/index.js';
import { assertGradcheck, manualSeed, randn, tensor } from '../../src/index.js';

const x = tensor([-2, -0.5, 0.25, 1, 3], { dtype: 'float64' });
const positive = tensor([0.1, 0.5, 1, 2.5], { dtype: 'float64' });

describe('unary ops: values', () => {
  const cases: [string, (t: T.Tensor) => T.Tensor, T.Tensor, (v: number) => number][] = [
    ['neg', T.neg, x, (v) => -v],
    ['abs', T.abs, x, Math.abs],
    ['exp', T.exp, x, Math.exp],
    ['log', T.log, positive, Math.log],
    ['log1p', T.log1p, positive, Math.log1p],
    ['sqrt', T.sqrt, positive, Math.sqrt],
    ['rsqrt', T.rsqrt, positive, (v) => 1 / Math.sqrt(v)],
    ['square', T.square, x, (v) => v * v],
    ['reciprocal', T.reciprocal, positive, (v) => 1 / v],
    ['sin', T.sin, x, Math.sin],
    ['cos', T.cos, x, Math.cos],
    ['tanh', T.tanh, x, Math.tanh],
    ['sigmoid', T.sigmoid, x, (v) => 1 / (1 + Math.exp(-v))],
    ['relu', T.relu, x, (v) => Math.max(0, v)],
    ['silu', T.silu, x, (v) => v / (1 + Math.exp(-v))],
    ['softplus', (t) => T.softplus(t), x, (v) => Math.log(1 + Math.exp(v))],
    ['leakyRelu', (t) => T.leakyRelu(t, 0.1), x, (v) => (v > 0 ? v : 0.1 * v)],
    ['elu', (t) => T.elu(t, 1), x, (v) => (v > 0 ? v : Math.exp(v) - 1)],
  ];
  for (const [name, fn, input, reference] of cases) {
    it(name, () => {
      expect(fn(input)).toBeAllClose(Array.from(input.data, reference), { rtol: 1e-12, atol: 1e-14 });
    });
  }

  it('erf and gelu match known values', () => {
    // erf(0.5) = 0.5204998778130465, erf(3) = 0.9999779095030014
    expect(T.erf(tensor([0.5, 3, -1], { dtype: 'float64' }))).toBeAllClose(
      [0.5204998778130465, 0.9999779095030014, -0.8427007929497149],
      { rtol: 1e-13 },
    );
    // torch.nn.functional.gelu(tensor([-1., 0.5, 2.])) = [-0.15865525, 0.34573123, 1.95449974]
    expect(T.gelu(tensor([-1, 0.5, 2]))).toBeAllClose([-0.15865525, 0.34573123, 1.95449974], { rtol: 1e-6 });
    expect(T.gelu(tensor([-1, 0.5, 2]), 'tanh')).toBeAllClose([-0.15880801, 0.34571401, 1.95459769], { rtol: 1e-6 });
  });

  it('rounding, sign, clamp and predicates', () => {
    expect(T.round(tensor([0.5, 1.5, 2.5, -0.5, 2.6])).toArray()).toEqual([0, 2, 2, -0, 3]);
    expect(T.floor(tensor([1.5, -1.5])).toArray()).toEqual([1, -2]);
    expect(T.ceil(tensor([1.5, -1.5])).toArray()).toEqual([2, -1]);
    expect(T.sign(tensor([-3, 0, 2])).toArray()).toEqual([-1, 0, 1]);
    expect(T.clamp(tensor([-3, 0.5, 2]), -1, 1).toArray()).toEqual([-1, 0.5, 1]);
    expect(T.isNaN(tensor([Number.NaN, 1])).toArray()).toEqual([true, false]);
    expect(T.isFinite(tensor([Number.POSITIVE_INFINITY, 1, Number.NaN])).toArray()).toEqual([false, true, false]);
    expect(T.logicalNot(tensor([true, false])).toArray()).toEqual([false, true]);
  });

  it('int inputs compute in float32', () => {
    const r = T.exp(tensor([0, 1], { dtype: 'int32' }));
    expect(r.dtype).toBe('float32');
    expect(r).toBeAllClose([1, Math.E], { rtol: 1e-6 });
  });

  it('clamp refuses min > max', () => {
    expect(() => T.clamp(tensor([1]), 2, 1)).toThrow(/min 2 is greater than max 1/);
  });
});

describe('unary ops: gradients (float64 finite differences)', () => {
  manualSeed(3);
  const shapes = [[5], [2, 3], [1, 4, 1]];
  const smooth: [string, (t: T.Tensor) => T.Tensor, boolean][] = [
    ['neg', T.neg, false],
    ['exp', T.exp, false],
    ['log', T.log, true],
    ['log1p', T.log1p, true],
    ['sqrt', T.sqrt, true],
    ['rsqrt', T.rsqrt, true],
    ['square', T.square, false],
    ['reciprocal', T.reciprocal, true],
    ['sin', T.sin, false],
    ['cos', T.cos, false],
    ['tanh', T.tanh, false],
    ['sigmoid', T.sigmoid, false],
    ['softplus', (t) => T.softplus(t, 2), false],
    ['erf', T.erf, false],
    ['gelu', (t) => T.gelu(t), false],
    ['gelu tanh', (t) => T.gelu(t, 'tanh'), false],
    ['silu', T.silu, false],
    ['abs', T.abs, true],
    ['relu', T.relu, true],
    ['leakyRelu', (t) => T.leakyRelu(t, 0.2), true],
    ['elu', (t) => T.elu(t, 0.7), false],
    ['clamp', (t) => T.clamp(t, -0.5, 0.5), false],
  ];
  for (const [name, fn, positiveOnly] of smooth) {
    it(name, () => {
      for (const shape of shapes) {
        const input = randn(shape, { dtype: 'float64' });
        const safe = positiveOnly ? input.abs().add(0.2) : input;
        assertGradcheck(fn, [safe]);
      }
    });
  }
});

describe('relu backward', () => {
  it('is one fused op whose own gradient (double backward) is right', () => {
    const x = randn([4, 5], { dtype: 'float64' });
    const reluVjp = (dy: T.Tensor): T.Tensor => T.grad((xx: T.Tensor) => xx.relu().mul(dy).sum())(x) as T.Tensor;
    expect(reluVjp(T.onesLike(x))).toBeAllClose(T.gt(x, 0).double());
    assertGradcheck(reluVjp, [randn([4, 5], { dtype: 'float64' })]);
  });
});

describe('relu at special values (as PyTorch)', () => {
  const special = [Number.NEGATIVE_INFINITY, -3, -0, 0, 2, Number.POSITIVE_INFINITY, Number.NaN];
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: −∞ → 0, +∞ stays, NaN stays NaN`, () => {
      // the sign of a zero result is not specified (ONNX Runtime and PyTorch keep relu(−0) = −0)
      const out = Array.from(T.relu(tensor(special, { dtype })).data, (v) => (v === 0 ? 0 : v));
      expect(out.slice(0, 6)).toEqual([0, 0, 0, 0, 2, Number.POSITIVE_INFINITY]);
      expect(out[6]).toBeNaN();
    });
    it(`${dtype}: the gradient is 0 where x ≤ 0 even for an infinite or NaN dy, and dy where x is NaN`, () => {
      const xs = tensor([-1, -0, Number.NEGATIVE_INFINITY, 1, 2, Number.NaN], { dtype, requiresGrad: true });
      const dy = tensor([Number.POSITIVE_INFINITY, Number.NaN, 5, Number.NaN, Number.NEGATIVE_INFINITY, 7], { dtype });
      T.relu(xs).backward(dy);
      const dx = Array.from(xs.grad!.data);
      expect(dx.slice(0, 3)).toEqual([0, 0, 0]);
      expect(dx[3]).toBeNaN();
      expect(dx.slice(4)).toEqual([Number.NEGATIVE_INFINITY, 7]);
    });
  }
});
