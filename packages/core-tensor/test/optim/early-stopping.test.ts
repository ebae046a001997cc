import { describe, expect, it } from 'vitest';
import { noGrad } from '../../src/index.js';
import { Linear } from '../../src/nn/index.js';
import { EarlyStopping } from '../../src/optim/index.js';

describe('EarlyStopping', () => {
  it('stops after `patience` checks without improvement and restores the best weights', () => {
    const model = new Linear(2, 1);
    const stopper = new EarlyStopping({ patience: 2 });
    const losses = [1.0, 0.5, 0.6, 0.4, 0.45, 0.41];
    const stops: boolean[] = [];
    let bestWeights: number[] = [];
    for (const [i, loss] of losses.entries()) {
      noGrad(() => model.weight.fill_(i));
      if (loss === 0.4) bestWeights = Array.from(model.weight.data);
      stops.push(stopper.step(loss, model));
    }
    expect(stops).toEqual([false, false, false, false, false, true]);
    expect(stopper.bestScore).toBe(0.4);
    expect(stopper.bestCheck).toBe(3);
    stopper.restoreBest(model);
    expect(Array.from(model.weight.data)).toEqual(bestWeights);
  });

  it("counts only improvements larger than minDelta, in 'max' mode for accuracies", () => {
    const model = new Linear(1, 1);
    const stopper = new EarlyStopping({ patience: 2, minDelta: 0.01, mode: 'max' });
    expect(stopper.step(0.9, model)).toBe(false);
    expect(stopper.step(0.905, model)).toBe(false);
    expect(stopper.step(0.95, model)).toBe(false);
    expect(stopper.step(0.955, model)).toBe(false);
    expect(stopper.step(Number.NaN, model)).toBe(true);
    expect(stopper.bestScore).toBe(0.95);
  });

  it('refuses to restore before any check and bad options', () => {
    expect(() => new EarlyStopping({ patience: 3 }).restoreBest(new Linear(1, 1))).toThrow(/no check/);
    expect(() => new EarlyStopping({ patience: 0 })).toThrow(/patience must be an integer ≥ 1/);
  });
});
