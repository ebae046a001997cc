import { Generator, noGrad, rand } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { ElmanCell } from '../src/cells/elman-cell.js';
import { LSTMCell } from '../src/cells/lstm-cell.js';
import { LSTM } from '../src/layers/lstm.js';
import { gradientThroughTime } from '../src/probes/gradient-through-time.js';

describe('gradientThroughTime', () => {
  it('at the last step ‖∂L/∂h_T‖ = √H/B for L = Σ h_T / B', () => {
    const probe = gradientThroughTime(new ElmanCell(2, 9, { generator: new Generator(1) }), 4, { batchSize: 3 });
    expect(probe.steps).toEqual([1, 2, 3, 4]);
    expect(probe.hidden[3]).toBeCloseTo(3 / 3, 6);
    expect(probe.cell).toBeNull();
  });

  it('matches the BPTT gradient by hand: ∂L/∂h₁ = (1 − h₂²)ᵀ W_hh for an Elman cell and L = Σ h₂', () => {
    const cell = new ElmanCell(2, 3, { generator: new Generator(2), dtype: 'float64' });
    const inputs = rand([2, 1, 2], { generator: new Generator(3), dtype: 'float64' });
    const probe = gradientThroughTime(cell, 2, { inputs });
    const expected = noGrad(() => {
      const h1 = cell.call(inputs.narrow(0, 0, 1));
      const h2 = cell.call(inputs.narrow(0, 1, 1), h1);
      return h2.square().neg().add(1).matmul(cell.weightHh);
    });
    expect(probe.hidden[0]).toBeCloseTo(Math.sqrt(expected.square().sum().item()), 10);
  });

  it('vanishes in the Elman network, survives through an open LSTM forget gate', () => {
    const elman = gradientThroughTime(new ElmanCell(2, 16, { generator: new Generator(4) }), 60);
    const lstm = gradientThroughTime(new LSTMCell(2, 16, { forgetBias: 3, generator: new Generator(4) }), 60);
    expect(elman.ratio).toBeLessThan(1e-8);
    expect(lstm.ratio).toBeGreaterThan(1e-2);
    expect(lstm.cell).toHaveLength(60);
  });

  it('probes a layer through its first cell', () => {
    const layer = new LSTM(2, 4, { numLayers: 2, generator: new Generator(5) });
    expect(gradientThroughTime(layer, 5).hidden).toHaveLength(5);
    expect(() => gradientThroughTime(layer, 0)).toThrow('T must be an integer ≥ 1');
  });
});
