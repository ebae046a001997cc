/**
 * Every function against PyTorch's torch.nn.functional on the same inputs: values and the
 * gradients of Σ y·r for a fixed cotangent r (fixtures/functional/generate.py).
 */
import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/autograd/functional.js';
import * as F from '../../src/functional/index.js';
import { mul } from '../../src/ops/binary.js';
import { sum } from '../../src/ops/reduce.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { decode, goldenCases, inputsOf } from './golden.js';

type Inputs = Record<string, Tensor>;
type Call = (t: Inputs) => Tensor | { values: Tensor; indices: Tensor };

const calls: Record<string, Call> = {
  'conv2d.basic': ({ x, w, b }) => F.conv2d(x!, w!, b, { padding: 1 }),
  'conv2d.strideDilation': ({ x, w }) => F.conv2d(x!, w!, undefined, { stride: 2, padding: [1, 2], dilation: [2, 1] }),
  'conv2d.groups': ({ x, w, b }) => F.conv2d(x!, w!, b, { stride: 2, groups: 2 }),
  'conv2d.depthwiseSame': ({ x, w }) => F.conv2d(x!, w!, undefined, { padding: 'same', groups: 3 }),
  'conv2d.sameEvenKernel': ({ x, w }) => F.conv2d(x!, w!, undefined, { padding: 'same', dilation: [1, 2] }),
  'conv1d.strided': ({ x, w, b }) => F.conv1d(x!, w!, b, { stride: 2, padding: 1, dilation: 2 }),
  'conv1d.same': ({ x, w }) => F.conv1d(x!, w!, undefined, { padding: 'same' }),
  'convTranspose2d.strided': ({ x, w, b }) => F.convTranspose2d(x!, w!, b, { stride: 2, padding: 1, outputPadding: 1 }),
  'convTranspose2d.groupsDilation': ({ x, w }) =>
    F.convTranspose2d(x!, w!, undefined, { stride: [2, 1], dilation: [1, 2], groups: 2 }),
  'maxPool2d.padded': ({ x }) => F.maxPool2d(x!, { kernelSize: 3, stride: 2, padding: 1, returnIndices: true }),
  'maxPool2d.ceilDilation': ({ x }) =>
    F.maxPool2d(x!, { kernelSize: [2, 3], stride: 2, dilation: [2, 1], ceilMode: true, returnIndices: true }),
  'maxPool2d.overlap': ({ x }) => F.maxPool2d(x!, { kernelSize: 3, stride: 1, returnIndices: true }),
  'avgPool2d.includePad': ({ x }) => F.avgPool2d(x!, { kernelSize: 3, stride: 2, padding: 1 }),
  'avgPool2d.excludePadCeil': ({ x }) =>
    F.avgPool2d(x!, { kernelSize: [3, 2], stride: 2, padding: 1, ceilMode: true, countIncludePad: false }),
  'avgPool2d.default': ({ x }) => F.avgPool2d(x!, { kernelSize: 2 }),
  'adaptiveAvgPool2d.uneven': ({ x }) => F.adaptiveAvgPool2d(x!, [3, 4]),
  'adaptiveAvgPool2d.global': ({ x }) => F.adaptiveAvgPool2d(x!, 1),
  'maxPool1d.basic': ({ x }) => F.maxPool1d(x!, { kernelSize: 3, stride: 2, padding: 1 }),
  'avgPool1d.basic': ({ x }) =>
    F.avgPool1d(x!, { kernelSize: 4, stride: 3, padding: 2, ceilMode: true, countIncludePad: false }),
  'interpolate.nearestSize': ({ x }) => F.interpolate(x!, { size: [5, 7] }),
  'interpolate.nearestScale': ({ x }) => F.interpolate(x!, { scaleFactor: 2 }),
  'interpolate.nearestFractional': ({ x }) => F.interpolate(x!, { scaleFactor: 1.5 }),
  'interpolate.bilinear': ({ x }) => F.interpolate(x!, { size: [5, 7], mode: 'bilinear', alignCorners: false }),
  'interpolate.bilinearAligned': ({ x }) => F.interpolate(x!, { size: [5, 7], mode: 'bilinear', alignCorners: true }),
  'interpolate.bilinearScale': ({ x }) => F.interpolate(x!, { scaleFactor: [2, 1.5], mode: 'bilinear' }),
  'interpolate.bilinearDown': ({ x }) => F.interpolate(x!, { size: [2, 3], mode: 'bilinear' }),
  'interpolate.nearest1d': ({ x }) => F.interpolate(x!, { size: 7 }),
  'linear.batched': ({ x, w, b }) => F.linear(x!, w!, b),
  'linear.vector': ({ x, w }) => F.linear(x!, w!),
  'bilinear.basic': ({ x1, x2, w, b }) => F.bilinear(x1!, x2!, w!, b),
  'layerNorm.affine': ({ x, w, b }) => F.layerNorm(x!, [3, 4], w, b),
  'layerNorm.plain': ({ x }) => F.layerNorm(x!, [5], undefined, undefined, 1e-3),
  'batchNorm.training': ({ x, w, b, runningMean, runningVar }) =>
    F.batchNorm(x!, runningMean!, runningVar!, w, b, { training: true, momentum: 0.2, eps: 1e-4 }),
  'batchNorm.eval': ({ x, rm, rv, w, b }) => F.batchNorm(x!, rm!, rv!, w, b),
  'groupNorm.affine': ({ x, w, b }) => F.groupNorm(x!, 2, w, b),
  'crossEntropy.basic': ({ x, y }) => F.crossEntropy(x!, y!),
  'crossEntropy.weighted': ({ x, y, w }) => F.crossEntropy(x!, y!, { weight: w! }),
  'crossEntropy.smoothing': ({ x, y }) => F.crossEntropy(x!, y!, { labelSmoothing: 0.2 }),
  'crossEntropy.ignoreIndex': ({ x, y }) => F.crossEntropy(x!, y!),
  'crossEntropy.customIgnore': ({ x, y }) => F.crossEntropy(x!, y!, { ignoreIndex: 3, reduction: 'sum' }),
  'crossEntropy.everything': ({ x, y, w }) =>
    F.crossEntropy(x!, y!, { weight: w!, labelSmoothing: 0.3, ignoreIndex: -100 }),
  'crossEntropy.none': ({ x, y }) => F.crossEntropy(x!, y!, { reduction: 'none', labelSmoothing: 0.1 }),
  'crossEntropy.spatial': ({ x, y }) => F.crossEntropy(x!, y!),
  'crossEntropy.unbatched': ({ x, y }) => F.crossEntropy(x!, y!),
  'crossEntropy.probabilities': ({ x, p, w }) => F.crossEntropy(x!, p!, { weight: w!, labelSmoothing: 0.1 }),
  'nllLoss.weighted': ({ x, y, w }) => F.nllLoss(x!, y!, { weight: w! }),
  'mseLoss.mean': ({ x, y }) => F.mseLoss(x!, y!),
  'l1Loss.sum': ({ x, y }) => F.l1Loss(x!, y!, { reduction: 'sum' }),
  'huberLoss.delta': ({ x, y }) => F.huberLoss(x!, y!, { delta: 0.5 }),
  'smoothL1Loss.beta': ({ x, y }) => F.smoothL1Loss(x!, y!, { beta: 0.5, reduction: 'none' }),
  'binaryCrossEntropy.weighted': ({ p, y, w }) => F.binaryCrossEntropy(p!, y!, { weight: w! }),
  'binaryCrossEntropy.edges': ({ p, y }) => F.binaryCrossEntropy(p!, y!, { reduction: 'none' }),
  'binaryCrossEntropyWithLogits.posWeight': ({ x, y, pw }) =>
    F.binaryCrossEntropyWithLogits(x!, y!, { posWeight: pw! }),
  'binaryCrossEntropyWithLogits.extreme': ({ x, y }) => F.binaryCrossEntropyWithLogits(x!, y!, { reduction: 'none' }),
  'klDiv.batchmean': ({ x, t }) => F.klDiv(x!, t!, { reduction: 'batchmean' }),
  'klDiv.logTarget': ({ x, t }) => F.klDiv(x!, t!, { reduction: 'sum', logTarget: true }),
  'klDiv.mean': ({ x, t }) => F.klDiv(x!, t!),
  'gaussianKl.mean': ({ mu, logVar }) => F.gaussianKlToStandardNormal(mu!, logVar!),
  'cosineSimilarity.dim1': ({ a, b }) => F.cosineSimilarity(a!, b!),
  'cosineSimilarity.broadcast': ({ a, b }) => F.cosineSimilarity(a!, b!, -1),
  'embedding.padding': ({ idx, w }) => F.embedding(idx!, w!, { paddingIdx: 1 }),
  'attention.plain': ({ q, k, v }) => F.scaledDotProductAttention(q!, k!, v!),
  'attention.causal': ({ q, k, v }) => F.scaledDotProductAttention(q!, k!, v!, { isCausal: true }),
  'attention.boolMask': ({ q, k, v, mask }) => F.scaledDotProductAttention(q!, k!, v!, { attnMask: mask! }),
  'attention.floatMask': ({ q, k, v, mask }) => F.scaledDotProductAttention(q!, k!, v!, { attnMask: mask! }),
};

const tolerance = { rtol: 1e-9, atol: 1e-10 };

describe('torch.nn.functional golden values', () => {
  it('covers every fixture case', () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(goldenCases).sort());
  });

  for (const [name, golden] of Object.entries(goldenCases)) {
    it(name, () => {
      const call = calls[name]!;
      const inputs = inputsOf(golden);
      const wrt = Object.keys(golden.grads ?? {});
      for (const k of wrt) inputs[k]!.requiresGrad_(true);
      const result = call(inputs);
      const output = 'values' in result ? result.values : result;
      expect(output.shape).toEqual(golden.output.shape);
      expect(output).toBeAllClose(golden.output.data, tolerance);
      if (golden.indices !== undefined && 'indices' in result) {
        expect(result.indices.dtype).toBe('int32');
        expect(Array.from(result.indices.data)).toEqual(golden.indices.data);
      }
      if (golden.grads === undefined || golden.cotangent === undefined) return;
      const grads = gradients(
        sum(mul(output, decode(golden.cotangent))),
        wrt.map((k) => inputs[k]!),
      );
      wrt.forEach((k, i) => {
        expect(grads[i], `d/d${k}`).toBeAllClose(golden.grads![k]!.data, tolerance);
      });
    });
  }
});
