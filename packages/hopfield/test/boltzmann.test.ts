import { Generator } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import {
  allBinaryStates,
  BoltzmannMachine,
  empiricalDistribution,
  klDivergence,
  totalVariation,
} from '../src/index.js';

/** −E(x) summed the slow way over an explicit state list, for cross-checks. */
function bruteForce(machine: BoltzmannMachine) {
  const n = machine.units;
  const states = allBinaryStates(n).toArray() as number[][];
  const weights = machine.weights.toArray() as number[][];
  const biases = Array.from(machine.biases.data);
  const logits = states.map((x) => {
    let value = 0;
    for (let i = 0; i < n; i++) {
      value += biases[i]! * x[i]!;
      for (let j = i + 1; j < n; j++) value += weights[i]![j]! * x[i]! * x[j]!;
    }
    return value;
  });
  const z = logits.reduce((a, l) => a + Math.exp(l), 0);
  const p = logits.map((l) => Math.exp(l) / z);
  const pair = (i: number, j: number) => states.reduce((a, x, s) => a + p[s]! * x[i]! * x[j]!, 0);
  return { logZ: Math.log(z), p, pair };
}

describe('exact enumeration', () => {
  it('E(x) = −Σ_{i<j} wᵢⱼxᵢxⱼ − Σ bᵢxᵢ', () => {
    const machine = new BoltzmannMachine(3, {
      weights: [
        [0, 1, -2],
        [1, 0, 0.5],
        [-2, 0.5, 0],
      ],
      biases: [0.1, -0.2, 0.3],
    });
    expect(machine.energy([1, 1, 0])).toBeCloseTo(-(1 + 0.1 - 0.2), 14);
    expect(machine.energy([1, 1, 1])).toBeCloseTo(-(1 - 2 + 0.5 + 0.1 - 0.2 + 0.3), 14);
  });

  it('log Z, P(x) and E[xᵢxⱼ] match a brute-force sum', () => {
    const machine = BoltzmannMachine.random(7, { generator: new Generator(1) });
    const slow = bruteForce(machine);
    expect(machine.logPartition()).toBeCloseTo(slow.logZ, 10);
    expect(machine.probabilities()).toBeAllClose(slow.p, { atol: 1e-12 });
    const { means, correlations } = machine.exactMoments();
    expect(means.data[2]).toBeCloseTo(slow.pair(2, 2), 12);
    expect(correlations.data[1 * 7 + 5]).toBeCloseTo(slow.pair(1, 5), 12);
    expect(machine.logProbability([[1, 0, 1, 1, 0, 0, 1]]).item()).toBeCloseTo(Math.log(slow.p[0b1001101]!), 10);
  });

  it('claim: Gibbs marginals and pairwise moments match enumeration (n = 8: max error < 0.04, TV < 0.05)', () => {
    const generator = new Generator(2);
    const machine = BoltzmannMachine.random(8, { generator, weightScale: 0.5, biasScale: 0.5 });
    const exact = machine.exactMoments();
    const gibbs = machine.gibbsMoments(20000, { generator, chains: 4, burnIn: 100 });
    const error = Math.max(
      ...Array.from(gibbs.means.data, (v, i) => Math.abs(v - exact.means.data[i]!)),
      ...Array.from(gibbs.correlations.data, (v, i) => Math.abs(v - exact.correlations.data[i]!)),
    );
    expect(error).toBeLessThan(0.04);
    const samples = machine.gibbsSample(20000, { generator, chains: 4, burnIn: 100 });
    expect(samples.shape).toEqual([80000, 8]);
    expect(totalVariation(empiricalDistribution(samples), machine.probabilities())).toBeLessThan(0.05);
  });

  it('rejects asymmetric couplings, self-couplings and states too many to enumerate', () => {
    expect(
      () =>
        new BoltzmannMachine(2, {
          weights: [
            [0, 1],
            [0, 0],
          ],
        }),
    ).toThrow(/symmetric/);
    expect(
      () =>
        new BoltzmannMachine(2, {
          weights: [
            [1, 0],
            [0, 0],
          ],
        }),
    ).toThrow(/w\[0,0\] must be 0/);
    expect(() => new BoltzmannMachine(21).logPartition()).toThrow(/at most 20 units/);
    expect(() => new BoltzmannMachine(2).energy([1, 2])).toThrow(/must be 0 or 1/);
  });
});

describe('learning by moment matching', () => {
  const generator = new Generator(3);
  const target = BoltzmannMachine.random(8, { generator, weightScale: 0.7, biasScale: 0.5 });
  const p = target.probabilities();
  const states = allBinaryStates(8);

  it('claim: exact gradients drive KL(data‖model) below 1e-3', () => {
    const model = new BoltzmannMachine(8).fit(states, { dataWeights: p, method: 'exact', epochs: 1500 });
    expect(klDivergence(p, model.probabilities())).toBeLessThan(1e-3);
    // At the optimum the model's moments equal the data's: E_model[xᵢxⱼ] = ⟨xᵢxⱼ⟩_data.
    expect(model.exactMoments().correlations).toBeAllClose(target.exactMoments().correlations, { atol: 0.01 });
  });

  it('claim: Gibbs-estimated gradients drive KL(data‖model) below 0.05', () => {
    const model = new BoltzmannMachine(8).fit(states, { dataWeights: p, method: 'gibbs', epochs: 1000, generator });
    expect(klDivergence(p, model.probabilities())).toBeLessThan(0.05);
  });

  it('fits the empirical distribution of a sample', () => {
    const data = target.gibbsSample(2000, { generator, burnIn: 50 });
    const model = new BoltzmannMachine(8).fit(data, { epochs: 400 });
    const empirical = empiricalDistribution(data);
    expect(klDivergence(empirical, model.probabilities())).toBeLessThan(
      klDivergence(empirical, new BoltzmannMachine(8).probabilities()) / 5,
    );
  });
});
