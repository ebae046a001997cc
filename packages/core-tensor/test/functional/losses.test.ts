import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/autograd/functional.js';
import { DTypeError, ShapeError } from '../../src/errors.js';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  gaussianKlToStandardNormal,
  huberLoss,
  klDiv,
  l1Loss,
  mseLoss,
  nllLoss,
  smoothL1Loss,
} from '../../src/functional/index.js';
import { logSoftmax, softmax } from '../../src/ops/softmax.js';
import { Generator } from '../../src/random/generator.js';
import { rand, randn } from '../../src/random/sample.js';
import { tensor, zeros } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';

const generator = new Generator(3);
const r = (...shape: number[]): Tensor => randn(shape, { generator, dtype: 'float64' });
const u = (...shape: number[]): Tensor => rand(shape, { generator, dtype: 'float64' });
const labels = (...values: number[]): Tensor => tensor(values, { dtype: 'int32' });

describe('crossEntropy', () => {
  it('equals −log softmax at the label, averaged', () => {
    const logits = tensor(
      [
        [2, 0, 0],
        [0, 0, 0],
      ],
      { dtype: 'float64' },
    );
    const expected = (-Math.log(Math.exp(2) / (Math.exp(2) + 2)) + Math.log(3)) / 2;
    expect(crossEntropy(logits, labels(0, 1)).item()).toBeCloseTo(expected, 12);
  });

  it('label smoothing: q = (1 − ε)·onehot + ε/C', () => {
    const logits = tensor([[1, 2, 3]], { dtype: 'float64' });
    const logp = logSoftmax(logits, 1).data;
    const eps = 0.3;
    const expected = -((1 - eps) * logp[2]! + (eps / 3) * (logp[0]! + logp[1]! + logp[2]!));
    expect(crossEntropy(logits, labels(2), { labelSmoothing: eps }).item()).toBeCloseTo(expected, 12);
  });

  it('ignoreIndex: ignored targets add nothing, get no gradient and leave the mean denominator', () => {
    const logits = r(4, 3).requiresGrad_();
    const target = labels(0, 7, 2, 7);
    const loss = crossEntropy(logits, target, { ignoreIndex: 7, labelSmoothing: 0.1 });
    const kept = crossEntropy(
      tensor(
        [logits.data.slice(0, 3), logits.data.slice(6, 9)].map((row) => Array.from(row)),
        { dtype: 'float64' },
      ),
      labels(0, 2),
      { labelSmoothing: 0.1 },
    );
    expect(loss.item()).toBeCloseTo(kept.item(), 12);
    const [dLogits] = gradients(loss, [logits]);
    expect(Array.from(dLogits!.data.slice(3, 6))).toEqual([0, 0, 0]);
    expect(Array.from(dLogits!.data.slice(9, 12))).toEqual([0, 0, 0]);
  });

  it('gradients match finite differences (weights, smoothing, spatial targets, probabilities)', () => {
    const weight = u(3).add(0.5);
    assertGradcheck((x) => crossEntropy(x, labels(0, 2, 1, 2), { weight, labelSmoothing: 0.2 }), [r(4, 3)]);
    assertGradcheck(
      (x) => crossEntropy(x, tensor([[[0, 2]], [[1, 1]]], { dtype: 'int32' }), { reduction: 'sum' }),
      [r(2, 3, 1, 2)],
    );
    assertGradcheck((x, p) => crossEntropy(x, softmax(p, 1), { labelSmoothing: 0.1 }), [r(3, 4), r(3, 4)]);
    assertGradcheck((x) => crossEntropy(x, labels(1).reshape([])), [r(3)]);
  });

  it('refuses float class labels, bad shapes and out-of-range labels', () => {
    expect(() => crossEntropy(zeros([2, 3]), tensor([0, 1]))).toThrow(DTypeError);
    expect(() => crossEntropy(zeros([2, 3]), tensor([0, 1]))).toThrow(
      /neither int32 class indices nor float class probabilities/,
    );
    expect(() => crossEntropy(zeros([2, 3]), labels(0, 1, 2))).toThrow(
      new ShapeError('crossEntropy: input [2,3] needs class-index targets of shape [2], got [3]'),
    );
    expect(() => crossEntropy(zeros([2, 3]), labels(0, 3))).toThrow(RangeError);
    expect(() => crossEntropy(zeros([2, 3]), labels(0, -1))).toThrow(
      /target -1 at flat index 1 is out of range for 3 classes/,
    );
    expect(() => crossEntropy(zeros([2, 3]), labels(0, 1), { weight: zeros([2]) })).toThrow(
      /weight must have shape \[3\]/,
    );
    expect(() => crossEntropy(zeros([2, 3], { dtype: 'int32' }), labels(0, 1))).toThrow(DTypeError);
  });
});

describe('nllLoss', () => {
  it('picks −logp at the labels and is differentiable', () => {
    const logp = tensor(
      [
        [-1, -2],
        [-3, -4],
      ],
      { dtype: 'float64' },
    );
    expect(nllLoss(logp, labels(1, 0)).item()).toBe(2.5);
    expect(nllLoss(logp, labels(1, 0), { reduction: 'none' }).toArray()).toEqual([2, 3]);
    assertGradcheck(
      (x) => nllLoss(x, labels(1, -100, 0), { weight: tensor([2, 0.5], { dtype: 'float64' }) }),
      [r(3, 2)],
    );
    expect(() => nllLoss(logp, tensor([1, 0]))).toThrow(DTypeError);
  });
});

describe('regression losses', () => {
  it('values: mse, l1, huber and smooth L1', () => {
    const x = tensor([0, 1, 3], { dtype: 'float64' });
    const y = tensor([0.5, 1, 0], { dtype: 'float64' });
    expect(mseLoss(x, y).item()).toBeCloseTo((0.25 + 9) / 3, 12);
    expect(l1Loss(x, y, { reduction: 'sum' }).item()).toBe(3.5);
    expect(huberLoss(x, y, { reduction: 'none' }).toArray()).toEqual([0.125, 0, 2.5]);
    expect(smoothL1Loss(x, y, { reduction: 'none', beta: 2 }).toArray()).toEqual([0.0625, 0, 2]);
    expect(smoothL1Loss(x, y, { reduction: 'none', beta: 0 }).toArray()).toEqual([0.5, 0, 3]);
  });

  it('gradients match finite differences', () => {
    for (const loss of [mseLoss, l1Loss, huberLoss, smoothL1Loss])
      assertGradcheck((x, y) => loss(x, y), [r(3, 1, 2), r(3, 1, 2)]);
    assertGradcheck((x, y) => huberLoss(x, y, { delta: 0.3, reduction: 'sum' }), [r(4), r(4)]);
  });

  it('refuses targets whose shape differs (no silent [N,1] − [N] broadcast)', () => {
    expect(() => mseLoss(zeros([4, 1]), zeros([4]))).toThrow(
      new ShapeError('mseLoss: input [4,1] and target [4] must have the same shape'),
    );
  });
});

describe('binary cross-entropy', () => {
  it('clamps the logs at −100 and agrees with the logits form', () => {
    expect(binaryCrossEntropy(tensor([0, 1]), tensor([1, 0]), { reduction: 'none' }).toArray()).toEqual([100, 100]);
    const x = r(3, 2);
    const y = u(3, 2);
    expect(binaryCrossEntropy(x.sigmoid(), y)).toBeAllClose(binaryCrossEntropyWithLogits(x, y), { rtol: 1e-10 });
  });

  it('with logits is stable for huge |x|', () => {
    const loss = binaryCrossEntropyWithLogits(
      tensor([-1000, 1000], { dtype: 'float64' }),
      tensor([1, 0], { dtype: 'float64' }),
      { reduction: 'none' },
    );
    expect(loss.toArray()).toEqual([1000, 1000]);
  });

  it('gradients match finite differences (weights, posWeight)', () => {
    const weight = u(1, 2);
    assertGradcheck((p, y) => binaryCrossEntropy(p, y, { weight }), [u(3, 2).mul(0.8).add(0.1), u(3, 2)]);
    assertGradcheck(
      (x, y, pw) => binaryCrossEntropyWithLogits(x, y, { posWeight: pw, weight }),
      [r(3, 2), u(3, 2), u(2)],
    );
  });

  it('refuses probabilities outside [0, 1]', () => {
    expect(() => binaryCrossEntropy(tensor([0.5, 1.5]), tensor([0, 1]))).toThrow(
      /input must hold probabilities in \[0, 1\], got 1.5 at flat index 1/,
    );
  });
});

describe('divergences', () => {
  it('klDiv: KL(t ‖ exp x) with 0·log 0 = 0, in all reductions', () => {
    const t = tensor([[0.5, 0.5, 0]], { dtype: 'float64' });
    const logq = tensor([[Math.log(0.25), Math.log(0.25), Math.log(0.5)]], { dtype: 'float64' });
    expect(klDiv(logq, t, { reduction: 'batchmean' }).item()).toBeCloseTo(Math.log(2), 12);
    expect(klDiv(logq, t).item()).toBeCloseTo(Math.log(2) / 3, 12);
    expect(klDiv(logq, t.add(1e-300).log(), { logTarget: true, reduction: 'sum' }).item()).toBeCloseTo(Math.log(2), 12);
    assertGradcheck((x, p) => klDiv(x, softmax(p, 1), { reduction: 'batchmean' }), [logSoftmax(r(2, 3), 1), r(2, 3)]);
    assertGradcheck((x, lt) => klDiv(x, lt, { logTarget: true }), [r(2, 3), r(2, 3)]);
  });

  it('gaussianKlToStandardNormal is 0 at N(0, 1) and matches the closed form', () => {
    expect(gaussianKlToStandardNormal(zeros([2, 3]), zeros([2, 3])).item()).toBe(0);
    const mu = tensor([[1, 0]], { dtype: 'float64' });
    const logVar = tensor([[0, Math.log(2)]], { dtype: 'float64' });
    expect(gaussianKlToStandardNormal(mu, logVar, { reduction: 'none' }).toArray()).toEqual([
      0.5 + 0.5 * (2 - 1 - Math.log(2)),
    ]);
    assertGradcheck((m, lv) => gaussianKlToStandardNormal(m, lv), [r(3, 2), r(3, 2)]);
    assertGradcheck((m, lv) => gaussianKlToStandardNormal(m, lv, { reduction: 'sum' }), [r(4), r(4)]);
  });
});
