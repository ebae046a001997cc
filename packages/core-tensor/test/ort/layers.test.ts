import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { manualSeed, randint, randn } from '../../src/index.js';
import type { Module } from '../../src/nn/index.js';
import * as nn from '../../src/nn/index.js';
import { OrtModel } from '../../src/ort/index.js';

type Case = [name: string, make: () => Module, input: (batch: number) => Tensor];

/** MaxPool2d with indices, then MaxUnpool2d back to the input size (ONNX MaxPool + MaxUnpool). */
class PoolUnpool extends nn.Module {
  readonly pool = this.registerModule('pool', new nn.MaxPool2d(3, { stride: 2, padding: 1, returnIndices: true }));
  readonly unpool = this.registerModule('unpool', new nn.MaxUnpool2d(3, { stride: 2, padding: 1 }));

  forward(x: Tensor): Tensor {
    const { values, indices } = this.pool.call(x);
    return this.unpool.call(values, indices, x.shape);
  }
}

const image = (channels: number, size: number) => (batch: number) => randn([batch, channels, size, size]);
const vector = (features: number) => (batch: number) => randn([batch, features]);

const cases: Case[] = [
  ['Linear', () => new nn.Linear(6, 4), vector(6)],
  ['Bilinear', () => new nn.Sequential(new nn.Linear(6, 6), new nn.Tanh()), vector(6)],
  ['Conv1d', () => new nn.Conv1d(3, 4, 3, { padding: 1 }), (b) => randn([b, 3, 10])],
  ['Conv2d', () => new nn.Conv2d(3, 5, 3, { stride: 2, padding: 1, dilation: 1, groups: 1 }), image(3, 9)],
  ['Conv2d depthwise', () => new nn.Conv2d(4, 4, 3, { groups: 4, padding: 'same' }), image(4, 7)],
  ['ConvTranspose2d', () => new nn.ConvTranspose2d(3, 2, 3, { stride: 2, padding: 1, outputPadding: 1 }), image(3, 5)],
  ['MaxPool2d', () => new nn.MaxPool2d(2), image(2, 8)],
  ['MaxPool2d with indices → MaxUnpool2d', () => new PoolUnpool(), image(3, 7)],
  ['AvgPool2d', () => new nn.AvgPool2d(3, { stride: 2, padding: 1 }), image(2, 8)],
  ['AdaptiveAvgPool2d', () => new nn.AdaptiveAvgPool2d(1), image(3, 6)],
  ['Upsample', () => new nn.Upsample({ scaleFactor: 2, mode: 'bilinear' }), image(2, 4)],
  ['Flatten', () => new nn.Sequential(new nn.Flatten(), new nn.Linear(2 * 4 * 4, 3)), image(2, 4)],
  ['BatchNorm1d (eval)', () => new nn.BatchNorm1d(6), vector(6)],
  ['BatchNorm2d (eval)', () => new nn.BatchNorm2d(3), image(3, 4)],
  ['LayerNorm', () => new nn.LayerNorm(6), vector(6)],
  ['GroupNorm', () => new nn.GroupNorm(2, 4), image(4, 3)],
  ['Dropout (eval)', () => new nn.Dropout(0.5), vector(6)],
  ['Embedding', () => new nn.Embedding(10, 4), (b) => randint(0, 10, [b, 3])],
  ['PReLU', () => new nn.PReLU(3), image(3, 4)],
  [
    'activations',
    () =>
      new nn.Sequential(
        new nn.ReLU(),
        new nn.LeakyReLU(0.1),
        new nn.ELU(),
        new nn.GELU(),
        new nn.SiLU(),
        new nn.Sigmoid(),
        new nn.Tanh(),
      ),
    vector(6),
  ],
  ['Softmax / LogSoftmax', () => new nn.Sequential(new nn.Softmax(1), new nn.LogSoftmax(1)), vector(6)],
  ['Residual', () => new nn.Residual(new nn.Linear(6, 6)), vector(6)],
];

describe('every nn layer exports to ONNX and runs in ONNX Runtime with the eager outputs', () => {
  for (const [name, make, input] of cases) {
    it(name, () => {
      manualSeed(1);
      const layer = make();
      layer.train(); // export switches to eval itself and restores training afterwards
      const model = OrtModel.fromModule(layer, [input(2)], { dynamicAxes: { input: { 0: 'batch' } } });
      expect(layer.training).toBe(true);
      layer.eval();
      const x = input(5); // another batch size than the traced one
      expect(model.runSync([x])[0]!).toBeAllClose(layer.call(x), { rtol: 1e-4, atol: 1e-5 });
    });
  }
});
