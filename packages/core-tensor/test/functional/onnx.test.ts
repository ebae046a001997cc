/**
 * The ONNX lowerings of the functional primitives, exported with exportOnnx and run in ONNX
 * Runtime, give the eager results — the forward ops and, by tracing a gradient, the
 * backward-only ones (ConvTranspose for the input gradient, the swapped Conv for the
 * weight gradient, ScatterElements for max pooling, …).
 */
import type {} from '@shinkei/vitest-config/matchers';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/autograd/functional.js';
import { withGradMode } from '../../src/autograd/mode.js';
import * as F from '../../src/functional/index.js';
import { exportOnnx } from '../../src/onnx/index.js';
import { mul } from '../../src/ops/binary.js';
import { sum } from '../../src/ops/reduce.js';
import { square } from '../../src/ops/unary.js';
import { OrtModel } from '../../src/ort/index.js';
import { Generator } from '../../src/random/generator.js';
import { randint, randn } from '../../src/random/sample.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';

const generator = new Generator(23);
const r = (...shape: number[]): Tensor => randn(shape, { generator });

/**
 * Export `f` traced on `inputs`, then run it in ORT on fresh inputs of the same shapes and
 * dtypes (so nothing can hide in folded constants) and compare with the eager outputs.
 */
function expectOrtParity(
  f: (...inputs: Tensor[]) => Tensor | Tensor[],
  inputs: Tensor[],
  tolerance = { rtol: 1e-4, atol: 1e-5 },
): void {
  const model = OrtModel.fromModule(f, inputs);
  const fresh = inputs.map((t) => (t.dtype === 'float32' ? r(...t.shape) : t));
  const eager = f(...fresh);
  const outputs = model.runSync(fresh);
  (Array.isArray(eager) ? eager : [eager]).forEach((e, i) => {
    expect(outputs[i]!.shape).toEqual(e.shape);
    expect(outputs[i]!).toBeAllClose(e, tolerance);
  });
}

/** The gradients of Σ f(x)² in every input, recorded as a graph when traced. */
function gradientsOf(f: (...inputs: Tensor[]) => Tensor): (...inputs: Tensor[]) => Tensor[] {
  return (...inputs) =>
    withGradMode(true, () => {
      for (const t of inputs) t.requiresGrad_();
      return gradients(sum(square(f(...inputs))), inputs);
    });
}

/** The node types of `f` exported on `inputs`. */
function opTypes(f: (...inputs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[]): string[] {
  return (onnxProto.onnx.ModelProto.decode(exportOnnx(f, inputs)).graph?.node ?? []).map((n) => n.opType ?? '');
}

const weight = r(4, 2, 3, 2);
const w1 = r(3, 2, 3);

describe('ONNX lowerings run in ONNX Runtime with the eager results', () => {
  it('Conv: padding (incl. asymmetric same), stride, dilation, groups, bias; conv1d', () => {
    const bias = r(4);
    expectOrtParity((x) => F.conv2d(x, weight, bias, { padding: 'same', groups: 2 }), [r(2, 4, 6, 5)]);
    expectOrtParity((x) => F.conv2d(x, weight, bias, { stride: [2, 1], groups: 2 }), [r(2, 4, 6, 5)]);
    expectOrtParity(
      (x) => F.conv2d(x, weight, undefined, { padding: [1, 2], dilation: 2, groups: 2 }),
      [r(1, 4, 7, 7)],
    );
    expectOrtParity((x) => F.conv1d(x, w1, undefined, { padding: 'same' }), [r(2, 2, 9)]);
  });

  it('ConvTranspose with output padding and groups', () => {
    const bias = r(4);
    expectOrtParity(
      (x) => F.convTranspose2d(x, weight, bias, { stride: 2, padding: 1, outputPadding: [1, 0], groups: 2 }),
      [r(1, 4, 3, 4)],
    );
  });

  it('the gradients of conv2d: ConvTranspose (input) and the swapped Conv (weight)', () => {
    const conv = (x: Tensor, w: Tensor): Tensor =>
      F.conv2d(x, w, undefined, { stride: 2, padding: [1, 0], dilation: [1, 2], groups: 2 });
    expectOrtParity(gradientsOf(conv), [r(2, 4, 7, 8), weight]);
    expect(opTypes(gradientsOf(conv), [r(2, 4, 7, 8), weight])).toEqual(
      expect.arrayContaining(['Conv', 'ConvTranspose', 'Slice']),
    );
  });

  it('MaxPool (with indices), AveragePool, GlobalAveragePool and adaptive pooling', () => {
    expectOrtParity((x) => F.maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }), [r(2, 3, 7, 6)]);
    expectOrtParity(
      (x) => F.maxPool2d(x, { kernelSize: 2, dilation: 2, returnIndices: true }).indices,
      [r(1, 2, 6, 6)],
    );
    expectOrtParity(
      (x) => F.avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }),
      [r(2, 3, 7, 6)],
    );
    expectOrtParity((x) => F.adaptiveAvgPool2d(x, 1), [r(2, 3, 5, 4)]);
    expect(opTypes((x) => F.adaptiveAvgPool2d(x, 1), [r(2, 3, 5, 4)])).toContain('GlobalAveragePool');
    expectOrtParity((x) => F.adaptiveAvgPool2d(x, [3, 2]), [r(2, 3, 5, 4)]);
  });

  it('the gradients of pooling: ScatterElements for max, a ConvTranspose of ones for average', () => {
    expectOrtParity(
      gradientsOf((x) => F.maxPool2d(x, { kernelSize: 2, stride: 1 })),
      [r(1, 2, 4, 5)],
    );
    expect(
      opTypes(
        gradientsOf((x) => F.maxPool2d(x, { kernelSize: 2 })),
        [r(1, 2, 4, 4)],
      ),
    ).toEqual(expect.arrayContaining(['MaxPool', 'ScatterElements']));
    expectOrtParity(
      gradientsOf((x) => F.avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false })),
      [r(1, 2, 7, 6)],
    );
    expectOrtParity(
      gradientsOf((x) => F.avgPool2d(x, { kernelSize: 2, stride: 2 })),
      [r(1, 2, 7, 5)],
    );
  });

  it('Resize (nearest, bilinear, alignCorners, scale factors) and its gradient', () => {
    expectOrtParity((x) => F.interpolate(x, { size: [5, 7] }), [r(1, 2, 3, 4)]);
    expectOrtParity((x) => F.interpolate(x, { scaleFactor: 2 }), [r(1, 2, 3, 4)]);
    expectOrtParity((x) => F.interpolate(x, { size: [5, 7], mode: 'bilinear' }), [r(1, 2, 3, 4)]);
    expectOrtParity((x) => F.interpolate(x, { size: [5, 7], mode: 'bilinear', alignCorners: true }), [r(1, 2, 3, 4)]);
    expectOrtParity((x) => F.interpolate(x, { scaleFactor: [2, 1.5], mode: 'bilinear' }), [r(1, 2, 3, 4)]);
    expectOrtParity(
      gradientsOf((x) => F.interpolate(x, { size: [5, 3], mode: 'bilinear' })),
      [r(1, 2, 3, 4)],
    );
  });

  it('LayerNormalization and the fused layer-norm gradient', () => {
    const [gamma, beta] = [r(3, 4), r(3, 4)];
    expectOrtParity((x) => F.layerNorm(x, [3, 4], gamma, beta), [r(2, 3, 4)]);
    expectOrtParity(
      gradientsOf((x, w) => F.layerNorm(x, [4], w, undefined, 1e-3)),
      [r(5, 4), r(4)],
    );
  });

  it('BatchNormalization (inference mode, also fed batch statistics in training mode)', () => {
    const [gamma, beta, runningMean, runningVar] = [r(3), r(3), r(3), r(3).abs()];
    expectOrtParity((x) => F.batchNorm(x, runningMean, runningVar, gamma, beta), [r(2, 3, 4, 2)]);
    expect(opTypes((x) => F.batchNorm(x, runningMean, runningVar, gamma, beta), [r(2, 3, 4)])).toContain(
      'BatchNormalization',
    );
    expectOrtParity((x) => F.batchNorm(x, null, null, gamma, beta, { training: true }), [r(4, 3, 2)]);
    expectOrtParity(
      gradientsOf((x, w) => F.batchNorm(x, null, null, w, undefined, { training: true })),
      [r(4, 3, 2), r(3)],
    );
  });

  it('Softmax and LogSoftmax, and their fused gradients', () => {
    const probe = r(3, 4, 2);
    expectOrtParity((x) => [F.softmax(x, 1), F.logSoftmax(x, -1)], [r(3, 4, 2)]);
    expectOrtParity(
      gradientsOf((x) => mul(F.softmax(x, 1), probe)),
      [r(3, 4, 2)],
    );
    expectOrtParity(
      gradientsOf((x) => mul(F.logSoftmax(x, 0), probe)),
      [r(3, 4, 2)],
    );
  });

  it('composites: linear, group norm, losses, attention and embedding', () => {
    const [w, b, gamma, beta, runningMean, runningVar, classWeight] = [
      r(3, 4),
      r(3),
      r(4),
      r(4),
      r(3),
      r(3).abs(),
      r(4).abs(),
    ];
    expectOrtParity((x) => F.linear(x, w, b), [r(2, 5, 4)]);
    expectOrtParity((x) => F.layerNorm(x, [4], gamma, beta), [r(3, 4)]);
    expectOrtParity((x) => F.batchNorm(x, runningMean, runningVar, b, b), [r(2, 3, 4)]);
    const labels = randint(0, 4, [5], { generator });
    expectOrtParity((x, y) => F.crossEntropy(x, y, { labelSmoothing: 0.1, weight: classWeight }), [r(5, 4), labels]);
    const mask = tensor([
      [true, false, true],
      [false, false, false],
    ]);
    expectOrtParity((q, k, v) => F.scaledDotProductAttention(q, k, v, { attnMask: mask }), [r(2, 2), r(3, 2), r(3, 4)]);
    expectOrtParity(
      (q, k, v) => F.scaledDotProductAttention(q, k, v, { isCausal: true }),
      [r(2, 3, 2), r(2, 3, 2), r(2, 3, 4)],
    );
    expectOrtParity(
      (idx, table) => F.embedding(idx, table, { paddingIdx: 0 }),
      [
        tensor(
          [
            [0, 2],
            [1, 1],
          ],
          { dtype: 'int32' },
        ),
        r(3, 2),
      ],
    );
  });
});
