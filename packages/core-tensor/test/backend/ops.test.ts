import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/autograd/functional.js';
import { accelerator } from '../../src/backend/active.js';
import { withBackend } from '../../src/backend/index.js';
import type { Conv2dOptions } from '../../src/functional/conv-geometry.js';
import { avgPool2d, conv1d, conv2d, convTranspose2d, maxPool2d } from '../../src/functional/index.js';
import { matmul, matmulT } from '../../src/ops/matmul.js';
import { sum } from '../../src/ops/reduce.js';
import { relu, square } from '../../src/ops/unary.js';
import type { OrtAccelerator } from '../../src/ort/accelerate/index.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { onBothBackends } from './both.js';

const generator = new Generator(5);
const r = (...shape: number[]): Tensor => randn(shape, { generator });
const close = { rtol: 1e-4, atol: 1e-5 };

function expectSame(js: readonly Tensor[], ort: readonly Tensor[]): void {
  expect(ort.length).toBe(js.length);
  js.forEach((t, i) => {
    expect(ort[i]!.shape).toEqual(t.shape);
    expect(ort[i]!.dtype).toBe(t.dtype);
    expect(ort[i]!).toBeAllClose(t, close);
  });
}

/** Values and every input's gradient of sum(f(inputs)·probe), a probe fixed per call. */
function valueAndGrads(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[]): () => Tensor[] {
  let probe: Tensor | undefined;
  return () => {
    const leaves = inputs.map((x) => x.detach().requiresGrad_());
    const y = f(...leaves);
    probe ??= randn([...y.shape], { generator });
    sum(y.mul(probe)).backward();
    return [y, ...leaves.map((x) => x.grad!)];
  };
}

describe('ort backend: matmul', () => {
  const cases: [string, number[], number[], boolean, boolean][] = [
    ['2-D', [5, 7], [7, 3], false, false],
    ['2-D Aᵀ', [7, 5], [7, 3], true, false],
    ['2-D Bᵀ', [5, 7], [3, 7], false, true],
    ['2-D AᵀBᵀ', [7, 5], [3, 7], true, true],
    ['odd sizes', [33, 65], [65, 17], false, false],
    ['a row times a column', [1, 13], [13, 1], false, false],
    ['batched', [3, 5, 7], [3, 7, 4], false, false],
    ['broadcast batch', [2, 4, 5, 7], [4, 7, 3], false, false],
    ['size-1 batch dims', [1, 3, 5, 7], [2, 1, 7, 3], false, false],
    ['batch times a matrix', [3, 5, 7], [7, 2], false, false],
    ['batched Aᵀ', [3, 7, 5], [3, 7, 4], true, false],
    ['batched Bᵀ, a shared weight', [3, 5, 7], [4, 7], false, true],
    ['batched AᵀBᵀ', [2, 3, 7, 5], [3, 4, 7], true, true],
  ];
  for (const [name, aShape, bShape, transA, transB] of cases) {
    it(`${name}: ${JSON.stringify(aShape)}${transA ? 'ᵀ' : ''} · ${JSON.stringify(bShape)}${transB ? 'ᵀ' : ''}, values and gradients`, () => {
      const run = valueAndGrads((a, b) => matmulT(a!, b!, transA, transB), [r(...aShape), r(...bShape)]);
      const { js, ort, ortCalls } = onBothBackends(run);
      expectSame(js, ort);
      expect(ortCalls.matmul).toBe(3);
    });
  }

  it('float64 runs in ORT too', () => {
    const a = r(9, 11).to('float64');
    const b = r(11, 6).to('float64');
    const { js, ort, ortCalls } = onBothBackends(() => [matmul(a, b)]);
    expect(ort[0]!).toBeAllClose(js[0]!, { rtol: 1e-12, atol: 1e-12 });
    expect(ortCalls.matmul).toBe(1);
  });

  it('1-D operands (vector·matrix, matrix·vector, dot) keep their shapes', () => {
    const v = r(7);
    const m = r(7, 4);
    const { js, ort } = onBothBackends(() => [matmul(v, m), matmul(m.T, v), matmul(v, v)]);
    expectSame(js, ort);
  });

  it('empty operands stay in JS', () => {
    const { js, ort, ortCalls } = onBothBackends(() => [matmul(r(0, 5), r(5, 3)), matmul(r(4, 0), r(0, 3))]);
    expectSame(js, ort);
    expect(ortCalls.matmul).toBe(0);
  });

  it('under the default thresholds small work stays in JS and large work goes to ORT', () => {
    const calls = withBackend('ort', () => {
      const counter = accelerator() as OrtAccelerator;
      const before = counter.calls.matmul;
      matmul(r(3, 4), r(4, 5));
      const afterSmall = counter.calls.matmul;
      matmul(r(128, 128), r(128, 128));
      return [afterSmall - before, counter.calls.matmul - afterSmall];
    });
    expect(calls).toEqual([0, 1]);
  });
});

describe('ort backend: conv2d and its gradients', () => {
  const cases: [string, number[], number[], Conv2dOptions, boolean][] = [
    ['3×3, no padding', [2, 3, 9, 11], [4, 3, 3, 3], {}, true],
    ['stride 2, padding 1', [2, 3, 9, 11], [5, 3, 3, 3], { stride: 2, padding: 1 }, true],
    [
      'uneven stride, padding and dilation',
      [2, 2, 13, 10],
      [3, 2, 3, 2],
      { stride: [3, 2], padding: [0, 2], dilation: [1, 2] },
      true,
    ],
    ['strides that skip the last rows', [1, 2, 10, 9], [3, 2, 2, 3], { stride: [3, 4] }, false],
    ['dilation 2 and stride 2', [2, 4, 12, 12], [4, 4, 3, 3], { stride: 2, dilation: 2, padding: 2 }, true],
    ['groups 2', [2, 4, 8, 7], [6, 2, 3, 3], { groups: 2, padding: 1 }, true],
    ['depthwise, stride 2', [3, 4, 9, 9], [8, 1, 3, 3], { groups: 4, stride: 2, padding: 1 }, true],
    ["'same' with an even kernel (asymmetric pads)", [2, 3, 7, 8], [4, 3, 4, 2], { padding: 'same' }, true],
    ['1×1, no bias', [2, 5, 6, 6], [3, 5, 1, 1], {}, false],
    ['a 1×1 image', [4, 3, 1, 1], [2, 3, 1, 1], {}, true],
  ];
  for (const [name, xShape, wShape, options, withBias] of cases) {
    it(`${name}: x ${JSON.stringify(xShape)}, w ${JSON.stringify(wShape)}`, () => {
      const inputs = [r(...xShape), r(...wShape), ...(withBias ? [r(wShape[0]!)] : [])];
      const run = valueAndGrads((x, w, b) => conv2d(x!, w!, b, options), inputs);
      const { js, ort, ortCalls } = onBothBackends(run);
      expectSame(js, ort);
      expect(ortCalls.conv2d).toBe(1);
      expect(ortCalls.conv2dBackwardInput).toBe(1);
      expect(ortCalls.conv2dBackwardWeight).toBe(1);
    });
  }

  it('convTranspose2d (stride 2, output padding, groups) and its gradients', () => {
    const run = valueAndGrads(
      (x, w, b) => convTranspose2d(x!, w!, b, { stride: 2, padding: 1, outputPadding: 1, groups: 2 }),
      [r(2, 4, 5, 6), r(4, 3, 3, 3), r(6)],
    );
    const { js, ort, ortCalls } = onBothBackends(run);
    expectSame(js, ort);
    expect(ortCalls.conv2dBackwardInput).toBe(1);
    expect(ortCalls.conv2d).toBe(1);
  });

  it('conv1d (a conv2d with height 1)', () => {
    const run = valueAndGrads(
      (x, w) => conv1d(x!, w!, undefined, { stride: 2, padding: 2, dilation: 2 }),
      [r(3, 4, 17), r(5, 4, 3)],
    );
    const { js, ort } = onBothBackends(run);
    expectSame(js, ort);
  });

  it('double backward: the gradient of a gradient penalty', () => {
    const x0 = r(2, 3, 8, 8);
    const w0 = r(4, 3, 3, 3);
    const { js, ort } = onBothBackends(() => {
      const x = x0.detach().requiresGrad_();
      const w = w0.detach().requiresGrad_();
      const y = conv2d(x, w, undefined, { stride: 2, padding: 1 });
      const [dx] = gradients(sum(square(y)), [x], undefined, { createGraph: true });
      sum(square(dx!)).backward();
      return [dx!, x.grad!, w.grad!];
    });
    expectSame(js, ort);
  });
});

describe('ort backend: pooling and sums', () => {
  it('maxPool2d: values, argmax indices and the gradient (padding, stride, dilation)', () => {
    const x0 = r(2, 3, 11, 9);
    const { js, ort, ortCalls } = onBothBackends(() => {
      const x = x0.detach().requiresGrad_();
      const { values, indices } = maxPool2d(x, {
        kernelSize: 3,
        stride: 2,
        padding: 1,
        dilation: [1, 2],
        returnIndices: true,
      });
      sum(values.mul(values)).backward();
      return [values, indices, x.grad!];
    });
    expectSame(js, ort);
    expect(ortCalls.maxPool2d).toBe(1);
  });

  it('2×2 max pooling stays in JS, whose tournament kernel is faster than ONNX Runtime', () => {
    const x = r(2, 3, 8, 6);
    const { js, ort, ortCalls } = onBothBackends(() => [maxPool2d(x, { kernelSize: 2 })]);
    expectSame(js, ort);
    expect(ortCalls.maxPool2d).toBe(0);
  });

  it('maxPool2d with ceil mode stays in JS where ONNX rounds differently', () => {
    const x = r(1, 2, 7, 7);
    const { js, ort, ortCalls } = onBothBackends(() => [maxPool2d(x, { kernelSize: 2, ceilMode: true })]);
    expectSame(js, ort);
    expect(ortCalls.maxPool2d).toBe(0);
  });

  it('avgPool2d with and without the padding in the divisor', () => {
    const x = r(2, 3, 10, 7);
    const { js, ort, ortCalls } = onBothBackends(() => [
      avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }),
      avgPool2d(x, { kernelSize: [2, 3], stride: [1, 2], padding: [1, 1], countIncludePad: false }),
      avgPool2d(x, { kernelSize: 2 }),
    ]);
    expectSame(js, ort);
    expect(ortCalls.avgPool2d).toBe(3);
  });

  it('sums over adjacent and scattered dims (a conv bias gradient sums over [0, 2, 3])', () => {
    const x = r(4, 5, 6, 7);
    const { js, ort, ortCalls } = onBothBackends(() => [sum(x, [0, 2, 3]), sum(x, [1], true), sum(x, [0, 3]), sum(x)]);
    expectSame(js, ort);
    expect(ortCalls.reduce).toBe(4);
  });
});

describe('ort backend: relu and its gradient', () => {
  it('values and gradient, including −∞, −0, NaN and an infinite upstream gradient', () => {
    const special = [Number.NEGATIVE_INFINITY, -0, Number.NaN, Number.POSITIVE_INFINITY, -2, 3];
    const x0 = tensor([...special, ...r(2, 3, 5).data]).reshape([2, 3, 6]);
    const dy = tensor([Number.POSITIVE_INFINITY, Number.NaN, 1, 2, Number.NaN, 4, ...r(2, 3, 5).data]).reshape([
      2, 3, 6,
    ]);
    const { js, ort, ortCalls } = onBothBackends(() => {
      const x = x0.detach().requiresGrad_();
      const y = relu(x);
      y.backward(dy);
      return [y, x.grad!];
    });
    // the same values; only the sign of relu(−0) may differ (ONNX Runtime keeps −0, as PyTorch)
    const values = (t: Tensor): number[] => Array.from(t.data, (v) => (v === 0 ? 0 : v));
    for (let i = 0; i < 2; i++) expect(values(ort[i]!)).toEqual(values(js[i]!));
    expect(ortCalls.relu).toBe(1);
    expect(ortCalls.reluBackward).toBe(1);
  });

  it('float64 stays in JS', () => {
    const x = r(4, 5).double();
    const { js, ort, ortCalls } = onBothBackends(valueAndGrads(relu, [x]));
    expectSame(js, ort);
    expect(ortCalls.relu).toBe(0);
  });
});
