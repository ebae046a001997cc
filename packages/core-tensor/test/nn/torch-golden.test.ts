/**
 * Max unpooling and the losses added as modules, against PyTorch on the same inputs: values
 * and the gradients of Σ y·r for a fixed cotangent r (fixtures/nn/generate.py).
 */
import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/autograd/functional.js';
import * as F from '../../src/functional/index.js';
import { mul } from '../../src/ops/binary.js';
import { sum } from '../../src/ops/reduce.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { decode, inputsOf } from '../functional/golden.js';
import { nnCases } from './golden.js';

type Call = (t: Record<string, Tensor>) => Tensor;

const calls: Record<string, Call> = {
  'maxUnpool2d.basic': ({ values, indices }) => F.maxUnpool2d(values!, indices!, { kernelSize: 2 }),
  'maxUnpool2d.overlapOutputSize': ({ values, indices }) =>
    F.maxUnpool2d(values!, indices!, { kernelSize: 3, stride: 2, padding: 1, outputSize: [7, 7] }),
  'gaussianNllLoss.heteroscedastic': ({ input, target, var: v }) => F.gaussianNllLoss(input!, target!, v!),
  'gaussianNllLoss.homoscedasticFullSum': ({ input, target, var: v }) =>
    F.gaussianNllLoss(input!, target!, v!, { full: true, reduction: 'sum' }),
  'gaussianNllLoss.trailingOneNone': ({ input, target, var: v }) =>
    F.gaussianNllLoss(input!, target!, v!, { eps: 1e-3, reduction: 'none' }),
  'cosineEmbeddingLoss.margin': ({ x1, x2, y }) => F.cosineEmbeddingLoss(x1!, x2!, y!, { margin: 0.2 }),
  'cosineEmbeddingLoss.none': ({ x1, x2, y }) =>
    F.cosineEmbeddingLoss(x1!, x2!, y!, { margin: -0.5, reduction: 'none' }),
  'cosineEmbeddingLoss.vector': ({ x1, x2, y }) => F.cosineEmbeddingLoss(x1!, x2!, y!, { reduction: 'sum' }),
};

const tolerance = { rtol: 1e-9, atol: 1e-10 };

describe('PyTorch golden values for max unpooling and losses', () => {
  it('covers every fixture case but the model', () => {
    expect(Object.keys(calls).sort()).toEqual(
      Object.keys(nnCases)
        .filter((k) => k !== 'tinyModel')
        .sort(),
    );
  });

  for (const [name, call] of Object.entries(calls)) {
    it(name, () => {
      const golden = nnCases[name]!;
      const inputs = inputsOf(golden);
      const wrt = Object.keys(golden.grads ?? {});
      for (const k of wrt) inputs[k]!.requiresGrad_(true);
      const output = call(inputs);
      expect(output.shape).toEqual(golden.output.shape);
      expect(output).toBeAllClose(golden.output.data, tolerance);
      const grads = gradients(
        sum(mul(output, decode(golden.cotangent!))),
        wrt.map((k) => inputs[k]!),
      );
      expect(wrt.length).toBeGreaterThan(0);
      wrt.forEach((k, i) => {
        expect(grads[i], `d/d${k}`).toBeAllClose(golden.grads![k]!.data, tolerance);
      });
    });
  }
});
