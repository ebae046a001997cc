import { Generator, ShapeError, tensor } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import {
  flipBits,
  HopfieldNetwork,
  hebbianWeights,
  maskRegion,
  overlap,
  projectionWeights,
  randomPatterns,
} from '../src/index.js';

const patterns = [
  [1, -1, 1, -1],
  [1, 1, -1, -1],
];

describe('learning rules', () => {
  it('Hebb: wᵢⱼ = (1/N) Σ_μ ξᵢ^μ ξⱼ^μ with wᵢᵢ = 0', () => {
    // w₀₁ = (1·(−1) + 1·1)/4 = 0, w₀₂ = (1 − 1)/4 = 0, w₀₃ = (−1 − 1)/4 = −½, w₁₂ = (−1 − 1)/4 = −½, …
    expect(hebbianWeights(patterns)).toBeAllClose([
      [0, 0, 0, -0.5],
      [0, 0, -0.5, 0],
      [0, -0.5, 0, 0],
      [-0.5, 0, 0, 0],
    ]);
  });

  it('store adds Hebbian terms: one pattern at a time equals all at once', () => {
    const xi = randomPatterns(5, 30, { generator: new Generator(1) });
    const batch = new HopfieldNetwork(30).store(xi);
    const incremental = new HopfieldNetwork(30);
    for (const row of xi.toArray() as number[][]) incremental.store(row);
    expect(incremental.weights).toBeAllClose(batch.weights, { atol: 1e-12 });
    expect(batch.load).toBeCloseTo(5 / 30);
  });

  it('projection rule makes correlated patterns exact fixed points where Hebb fails', () => {
    const g = new Generator(2);
    const base = randomPatterns(1, 60, { generator: g });
    const correlated = Array.from(
      { length: 12 },
      () => flipBits(base.reshape([60]), 6, { generator: g }).toArray() as number[],
    );
    const projection = new HopfieldNetwork(60, { rule: 'projection' }).store(correlated);
    const hebb = new HopfieldNetwork(60).store(correlated);
    for (const pattern of correlated) expect(projection.unstableBits(pattern)).toBe(0);
    expect(correlated.some((p) => hebb.unstableBits(p) > 0)).toBe(true);
    const w = projectionWeights(correlated);
    expect(w).toBeAllClose(w.t(), { atol: 1e-12 });
  });
});

describe('energy and dynamics', () => {
  it('E(x) = −½ Σ wᵢⱼxᵢxⱼ + Σ θᵢxᵢ', () => {
    const network = HopfieldNetwork.fromWeights(
      [
        [0, 1, -2],
        [1, 0, 0.5],
        [-2, 0.5, 0],
      ],
      [0.1, -0.2, 0.3],
    );
    // −½·2·(1·1·(−1) + (−2)·1·1 + 0.5·(−1)·1) + (0.1 + 0.2 + 0.3)
    expect(network.energy([1, -1, 1])).toBeCloseTo(3.5 + 0.6, 12);
    expect(network.localField([1, -1, 1])).toBeAllClose([-3.1, 1.7, -2.8], { atol: 1e-12 });
  });

  it('claim (a): asynchronous updates never increase the energy, checked at every single flip', () => {
    const g = new Generator(3);
    const units = 200;
    let flips = 0;
    for (const alpha of [0.05, 0.138, 0.3]) {
      const xi = randomPatterns(Math.round(alpha * units), units, { generator: g });
      const network = new HopfieldNetwork(units).store(xi);
      for (let probe = 0; probe < 10; probe++) {
        const start = flipBits(xi.data.subarray(0, units), 60, { generator: g });
        const { flipEnergies, energies, state, converged } = network.recall(start, { generator: g, traceFlips: true });
        expect(converged).toBe(true);
        let previous = energies[0]!;
        for (const e of flipEnergies) {
          expect(e).toBeLessThan(previous);
          previous = e;
        }
        expect(network.energy(state)).toBeCloseTo(energies[energies.length - 1]!, 9);
        flips += flipEnergies.length;
      }
    }
    expect(flips).toBeGreaterThan(1000);
  });

  it('recall cleans a corrupted pattern below capacity and reports its trace', () => {
    const g = new Generator(4);
    const xi = randomPatterns(10, 200, { generator: g });
    const network = new HopfieldNetwork(200).store(xi);
    const target = xi.data.subarray(200, 400);
    const probe = flipBits(target, 40, { generator: g });
    expect(overlap(probe, target)).toBeCloseTo(0.6, 12);
    const result = network.recall(probe, { generator: g, recordStates: true });
    expect(overlap(result.state, target)).toBe(1);
    expect(result.converged).toBe(true);
    expect(result.states).toHaveLength(result.sweeps + 1);
    expect(result.energies).toHaveLength(result.sweeps + 1);
    expect(result.state.dtype).toBe('float64');
  });

  it('synchronous updates can fall into a 2-cycle', () => {
    const network = HopfieldNetwork.fromWeights([
      [0, -1],
      [-1, 0],
    ]);
    const result = network.recall([1, 1], { mode: 'sync' });
    expect(result.limitCycle).toBe(true);
    expect(result.converged).toBe(false);
    expect(result.energies[1]).toBe(result.energies[0]);
    expect(network.recall([1, 1], { mode: 'async', order: 'sequential' }).converged).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const run = () => {
      const g = new Generator(9);
      const xi = randomPatterns(30, 100, { generator: g });
      return new HopfieldNetwork(100).store(xi).recall(flipBits(xi.data.subarray(0, 100), 30, { generator: g }), {
        generator: g,
      });
    };
    const [a, b] = [run(), run()];
    expect(a.state).toBeAllClose(b.state);
    expect(a.energies).toEqual(b.energies);
  });
});

describe('patterns', () => {
  it('flipBits flips exactly k bits and maskRegion erases a rectangle', () => {
    const g = new Generator(5);
    const x = Array(64).fill(1);
    const flipped = flipBits(x, 10, { generator: g });
    expect(Array.from(flipped.data).filter((v) => v === -1)).toHaveLength(10);
    const masked = maskRegion(x, 8, { x: 2, y: 1, width: 3, height: 2 });
    expect(Array.from(masked.data).filter((v) => v === -1)).toHaveLength(6);
    expect(masked.data[1 * 8 + 2]).toBe(-1);
    expect(masked.data[3 * 8 + 2]).toBe(1);
    expect(() => maskRegion(x, 8, { x: 6, y: 0, width: 3, height: 1 })).toThrow(RangeError);
  });

  it('randomPatterns is seeded and unbiased', () => {
    const a = randomPatterns(10, 1000, { generator: new Generator(6) });
    const b = randomPatterns(10, 1000, { generator: new Generator(6) });
    expect(a).toBeAllClose(b);
    const mean = Array.from(a.data).reduce((s, v) => s + v, 0) / a.size;
    expect(Math.abs(mean)).toBeLessThan(0.03);
  });

  it('rejects bad input with the op, the expected and the given', () => {
    const network = new HopfieldNetwork(4);
    expect(() => network.store([[1, -1, 1]])).toThrow(/expected rows of 4 values, got \[1,3\]/);
    expect(() => network.store([[1, 0, 1, 1]])).toThrow(/must be −1 or \+1, got 0 at index 1/);
    expect(() => network.energy(tensor([[1, 1, 1, 1]]))).toThrow(ShapeError);
    expect(() =>
      HopfieldNetwork.fromWeights([
        [0, 1],
        [2, 0],
      ]),
    ).toThrow(/symmetric/);
    expect(() => new HopfieldNetwork(0)).toThrow(RangeError);
  });
});
