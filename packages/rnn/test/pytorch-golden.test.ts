import { readFileSync } from 'node:fs';
import type { Tensor } from '@shinkei/core-tensor';
import { noGrad, tensor } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { Elman } from '../src/layers/elman.js';
import { GRU } from '../src/layers/gru.js';
import { LSTM } from '../src/layers/lstm.js';

interface Stored {
  shape: number[];
  values: number[];
}

interface GoldenCase {
  name: string;
  kind: 'RNN' | 'LSTM' | 'GRU';
  options: {
    inputSize: number;
    hiddenSize: number;
    numLayers: number;
    bidirectional: boolean;
    batchFirst: boolean;
    activation: 'tanh' | 'relu';
  };
  parameters: Record<string, number[]>;
  input: Stored;
  initialState: Stored[];
  output: Stored;
  finalState: Stored[];
}

const golden = JSON.parse(readFileSync(new URL('../fixtures/pytorch-golden.json', import.meta.url), 'utf8')) as {
  cases: GoldenCase[];
};

const load = (s: Stored): Tensor => tensor(s.values, { dtype: 'float64' }).reshape(s.shape);

type Layer = Elman | LSTM | GRU;

/** The layer of a case with PyTorch's weights copied in (`weight_ih_l0_reverse` is `layer0Reverse.weightIh`). */
function build(c: GoldenCase): Layer {
  const { inputSize, hiddenSize, activation, ...rest } = c.options;
  const options = { ...rest, dtype: 'float64' as const };
  const layer =
    c.kind === 'RNN'
      ? new Elman(inputSize, hiddenSize, { ...options, activation })
      : c.kind === 'LSTM'
        ? new LSTM(inputSize, hiddenSize, options)
        : new GRU(inputSize, hiddenSize, options);
  const own = new Map(layer.namedParameters());
  expect([...own.keys()].sort()).toEqual(Object.keys(c.parameters).sort());
  noGrad(() => {
    for (const [name, values] of Object.entries(c.parameters)) own.get(name)!.copy_(values);
  });
  return layer;
}

function run(layer: Layer, input: Tensor, state: Tensor[]): Tensor[] {
  return noGrad(() =>
    layer instanceof LSTM ? layer.forward(input, state[0], state[1]) : layer.forward(input, state[0]),
  );
}

describe('layers match PyTorch nn.RNN / nn.LSTM / nn.GRU (float64 golden values)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const results = run(build(c), load(c.input), c.initialState.map(load));
      expect(results[0]).toBeAllClose(load(c.output), { rtol: 1e-10, atol: 1e-12 });
      c.finalState.forEach((s, i) => {
        expect(results[i + 1]).toBeAllClose(load(s), { rtol: 1e-10, atol: 1e-12 });
      });
    });
  }
});
