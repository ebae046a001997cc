import type { Tensor } from '@shinkei/core-tensor';
import { Generator, noGrad, randn } from '@shinkei/core-tensor';
import { exportOnnx } from '@shinkei/core-tensor/onnx';
import { OrtModel } from '@shinkei/core-tensor/ort';
import { describe, expect, it } from 'vitest';
import { gruPointwise } from '../src/cells/fused/gru-pointwise.js';
import { gruPointwiseGrad } from '../src/cells/fused/gru-pointwise-grad.js';
import { lstmPointwise } from '../src/cells/fused/lstm-pointwise.js';
import { lstmPointwiseGrad } from '../src/cells/fused/lstm-pointwise-grad.js';
import { Elman } from '../src/layers/elman.js';
import { GRU } from '../src/layers/gru.js';
import { LSTM } from '../src/layers/lstm.js';

type Layer = Elman | LSTM | GRU;

/**
 * Export with a batch of 3 and run a batch of 5 in ONNX Runtime (the batch is symbolic: dim 1
 * time-major, dim 0 batch-first; states are [L·D, B, H]); compare every output with the eager
 * forward. With `withState`, the initial states are graph inputs too.
 */
function expectOrtParity(layer: Layer, withState: boolean): void {
  const g = new Generator(21);
  const T = 6;
  const stateCount = layer instanceof LSTM ? 2 : 1;
  const cells = layer.numLayers * layer.directions;
  const make = (B: number): Tensor[] => [
    randn(layer.batchFirst ? [B, T, layer.inputSize] : [T, B, layer.inputSize], { generator: g }),
    ...(withState
      ? Array.from({ length: stateCount }, () => randn([cells, B, layer.hiddenSize], { generator: g }))
      : []),
  ];
  const batchAxis = layer.batchFirst ? 0 : 1;
  const inputNames = ['input', ...(withState ? ['h0', 'c0'].slice(0, stateCount) : [])];
  const outputNames = ['output', 'hN', 'cN'].slice(0, stateCount + 1);
  const dynamicAxes = Object.fromEntries([
    ['input', { [batchAxis]: 'batch' }],
    ['output', { [batchAxis]: 'batch' }],
    ...[...inputNames.slice(1), ...outputNames.slice(1)].map((name) => [name, { 1: 'batch' }]),
  ]);
  const ort = OrtModel.fromModule(layer, make(3), { inputNames, outputNames, dynamicAxes });
  const inputs = make(5);
  const got = ort.runSync(inputs);
  const [x, h0, c0] = inputs as [Tensor, Tensor?, Tensor?];
  const expected = noGrad(() => (layer instanceof LSTM ? layer.forward(x, h0, c0) : layer.forward(x, h0)));
  expect(got).toHaveLength(expected.length);
  got.forEach((out, i) => {
    expect(out).toBeAllClose(expected[i]!, { rtol: 1e-4, atol: 1e-5 });
  });
}

describe('layers export to ONNX and match in ONNX Runtime at another batch size', () => {
  const generator = new Generator(4);

  it('Elman (tanh; ReLU, 2 layers, bidirectional, batch first, sigmoid)', () => {
    expectOrtParity(new Elman(3, 5, { generator }), false);
    expectOrtParity(
      new Elman(3, 4, { generator, activation: 'relu', numLayers: 2, bidirectional: true, batchFirst: true }),
      true,
    );
    expectOrtParity(new Elman(2, 4, { generator, activation: 'sigmoid', bias: false }), true);
  });

  it('LSTM (1 layer; 2 layers bidirectional with h0 and c0; batch first)', () => {
    expectOrtParity(new LSTM(3, 5, { generator, forgetBias: 1 }), false);
    expectOrtParity(new LSTM(2, 4, { generator, numLayers: 2, bidirectional: true }), true);
    expectOrtParity(new LSTM(3, 4, { generator, batchFirst: true }), true);
  });

  it('GRU (1 layer; 2 layers bidirectional batch first with h0)', () => {
    expectOrtParity(new GRU(3, 5, { generator }), false);
    expectOrtParity(new GRU(2, 3, { generator, numLayers: 2, bidirectional: true, batchFirst: true }), true);
  });
});

describe('the fused cells lower to ONNX nodes that compute their kernels', () => {
  /** Export `fn` on `inputs` alone and compare every output ONNX Runtime gives with the eager kernel's. */
  function expectLoweringMatches(fn: (...xs: Tensor[]) => Tensor[], inputs: Tensor[]): void {
    const ort = OrtModel.fromOnnx(exportOnnx(fn, inputs)).runSync(inputs);
    const eager = noGrad(() => fn(...inputs));
    expect(ort).toHaveLength(eager.length);
    eager.forEach((t, k) => {
      expect(ort[k]!).toBeAllClose(t, { rtol: 1e-5, atol: 1e-6 });
    });
  }

  it('LSTM: forward (hₜ, cₜ, activations); the backward kernel with and without a cotangent of the activations', () => {
    const g = new Generator(23);
    const [pre, c] = [randn([1, 4, 12], { generator: g }).mul(2), randn([1, 4, 3], { generator: g })];
    const [dh, dc, ds] = [
      randn([1, 4, 3], { generator: g }),
      randn([1, 4, 3], { generator: g }),
      randn([1, 4, 15], { generator: g }),
    ];
    const acts = noGrad(() => lstmPointwise.apply([pre, c]))[2];
    expectLoweringMatches((a, s) => lstmPointwise.apply([a!, s!]), [pre, c]);
    expectLoweringMatches((d, e, y, s) => lstmPointwiseGrad(d!, e!, null, y!, s!), [dh, dc, acts, c]);
    expectLoweringMatches((d, e, f, y, s) => lstmPointwiseGrad(d!, e!, f!, y!, s!), [dh, dc, ds, acts, c]);
  });

  it('GRU: forward (hₜ, activations); the backward kernel with and without a cotangent of the activations', () => {
    const g = new Generator(24);
    const [pre, h] = [randn([4, 12], { generator: g }).mul(2), randn([4, 3], { generator: g })];
    const [dh, ds] = [randn([4, 3], { generator: g }), randn([4, 9], { generator: g })];
    const acts = noGrad(() => gruPointwise.apply([pre, h]))[1];
    expectLoweringMatches((a, s) => gruPointwise.apply([a!, s!]), [pre, h]);
    expectLoweringMatches((d, y, a, s) => gruPointwiseGrad(d!, null, y!, a!, s!), [dh, acts, pre, h]);
    expectLoweringMatches((d, f, y, a, s) => gruPointwiseGrad(d!, f!, y!, a!, s!), [dh, ds, acts, pre, h]);
  });
});
