import { Generator, tensor } from '@shinkei/core-tensor';
import { makeLinearlySeparable, makeXor } from '@shinkei/core-tensor/data';
import { describe, expect, it } from 'vitest';
import { maxMarginSeparator } from '../src/neuron/max-margin.js';
import { novikoffBound } from '../src/neuron/novikoff.js';
import { Perceptron } from '../src/neuron/perceptron.js';

describe('Perceptron', () => {
  it('separates linearly separable data and stops on a mistake-free epoch', () => {
    const data = makeLinearlySeparable({ n: 200, dim: 3, margin: 0.1, seed: 1 });
    const p = new Perceptron(3);
    const history = p.fit(data.x, data.y, { maxEpochs: 1000 });
    expect(history.converged).toBe(true);
    expect(history.updatesPerEpoch.at(-1)).toBe(0);
    expect(history.mistakesPerEpoch.at(-1)).toBe(0);
    expect(p.score(data.x, data.y)).toBe(1);
    expect(history.updates).toBe(history.updatesPerEpoch.reduce((a, b) => a + b, 0));
  });

  it('makes at most (R/γ)² updates over 20 random orderings (Novikoff)', () => {
    const data = makeLinearlySeparable({ n: 300, dim: 2, margin: 0.05, seed: 2 });
    for (const bias of [false, true]) {
      const { bound } = novikoffBound(data.x, data.y, { w: data.w, bias });
      for (let trial = 0; trial < 20; trial++) {
        const p = new Perceptron(2, { bias });
        const history = p.fit(data.x, data.y, { shuffle: true, generator: new Generator(trial), maxEpochs: 10_000 });
        expect(history.converged).toBe(true);
        expect(history.updates).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('never settles on data that are not linearly separable', () => {
    const xor = makeXor({ n: 200, seed: 3 });
    const y = tensor(Array.from(xor.y.data, (v) => (v > 0 ? 1 : -1)));
    const p = new Perceptron(2);
    const history = p.fit(xor.x, y, { maxEpochs: 200, shuffle: true, generator: new Generator(0) });
    expect(history.converged).toBe(false);
    expect(Math.min(...history.updatesPerEpoch)).toBeGreaterThan(0);
    expect(Math.min(...history.mistakesPerEpoch)).toBeGreaterThan(0);
  });

  it('rejects labels other than ±1', () => {
    expect(() => new Perceptron(1).fit(tensor([[1], [2]]), tensor([0, 1]))).toThrow(/−1 or \+1/);
  });
});

describe('novikoffBound', () => {
  it('finds a separator at least as good as the generating one, certified by the dual', () => {
    const data = makeLinearlySeparable({ n: 100, dim: 2, margin: 0.1, seed: 4 });
    const found = novikoffBound(data.x, data.y);
    expect(found.separator).toBe('max-margin');
    expect(found.margin).toBeGreaterThanOrEqual(data.margin - 1e-6);
    expect(found.margin).toBeLessThanOrEqual(found.marginUpperBound);
    expect(found.marginUpperBound).toBeLessThanOrEqual(found.margin * (1 + 1e-5));
    expect(found.radius).toBeCloseTo(data.radius, 5);
    expect(found.bound).toBeCloseTo((found.radius / found.margin) ** 2, 8);
  });

  it('throws when the given direction does not separate', () => {
    const data = makeLinearlySeparable({ n: 50, dim: 2, seed: 5 });
    expect(() => novikoffBound(data.x, data.y, { w: data.w.neg() })).toThrow(/does not separate/);
  });

  it('the max-margin solver matches a hand-solved case', () => {
    // points ±(1, 0) and ±(1, 2)·…: the best separator through the origin of {(1,1)→+1, (1,−1)→−1} is (0,1), γ = 1
    const r = maxMarginSeparator(
      tensor([
        [1, 1],
        [1, -1],
        [2, 3],
      ]),
      tensor([1, -1, 1]),
    );
    expect(r.w[0]).toBeCloseTo(0, 5);
    expect(r.w[1]).toBeCloseTo(1, 5);
    expect(r.margin).toBeCloseTo(1, 5);
  });
});
