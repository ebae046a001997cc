import { Generator, Tensor } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { barsAndStripesSettings } from '../src/experiments/rbm-bars-and-stripes.js';
import { allBinaryStates, barsAndStripes, RBM } from '../src/index.js';

function randomRbm(visible: number, hidden: number, seed: number): RBM {
  const g = new Generator(seed);
  const draw = (n: number) => Array.from({ length: n }, () => g.normal());
  return RBM.fromParameters(
    new Tensor(Float64Array.from(draw(visible * hidden)), [visible, hidden]),
    draw(visible),
    draw(hidden),
  );
}

/** Σ over every (v, h) of exp(−E(v, h)), E = −vᵀWh − bᵀv − cᵀh, the slow way. */
function bruteForce(rbm: RBM) {
  const w = rbm.weights.toArray() as number[][];
  const b = Array.from(rbm.visibleBias.data);
  const c = Array.from(rbm.hiddenBias.data);
  const vs = allBinaryStates(rbm.nVisible).toArray() as number[][];
  const hs = allBinaryStates(rbm.nHidden).toArray() as number[][];
  const negativeEnergy = (v: number[], h: number[]) => {
    let value = 0;
    v.forEach((vi, i) => {
      value += b[i]! * vi;
      h.forEach((hj, j) => {
        value += w[i]![j]! * vi * hj;
      });
    });
    h.forEach((hj, j) => {
      value += c[j]! * hj;
    });
    return value;
  };
  const marginal = vs.map((v) => hs.reduce((a, h) => a + Math.exp(negativeEnergy(v, h)), 0));
  const z = marginal.reduce((a, m) => a + m, 0);
  return { logZ: Math.log(z), freeEnergy: marginal.map((m) => -Math.log(m)), p: marginal.map((m) => m / z), vs };
}

describe('RBM quantities', () => {
  it('P(hⱼ = 1|v) = σ(Σᵢ wᵢⱼvᵢ + cⱼ) and P(vᵢ = 1|h) = σ(Σⱼ wᵢⱼhⱼ + bᵢ)', () => {
    const rbm = RBM.fromParameters(
      [
        [1, -1],
        [0.5, 2],
        [0, 1],
      ],
      [0.1, 0.2, -0.3],
      [-1, 0.5],
    );
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    expect(rbm.hiddenProbabilities([[1, 0, 1]])).toBeAllClose([[sigma(1 + 0 - 1), sigma(-1 + 1 + 0.5)]], {
      atol: 1e-14,
    });
    expect(rbm.visibleProbabilities([[0, 1]])).toBeAllClose([[sigma(-1 + 0.1), sigma(2 + 0.2), sigma(1 - 0.3)]], {
      atol: 1e-14,
    });
  });

  it('free energy, log Z (over either layer) and P(v) match brute force', () => {
    for (const [visible, hidden, seed] of [
      [5, 3, 1],
      [3, 6, 2],
    ] as const) {
      const rbm = randomRbm(visible, hidden, seed);
      const slow = bruteForce(rbm);
      expect(rbm.logPartition()).toBeCloseTo(slow.logZ, 10);
      expect(rbm.freeEnergy(slow.vs)).toBeAllClose(slow.freeEnergy, { atol: 1e-10 });
      expect(rbm.visibleDistribution()).toBeAllClose(slow.p, { atol: 1e-12 });
      expect(rbm.logLikelihood(slow.vs.slice(0, 3))).toBeCloseTo(
        slow.p.slice(0, 3).reduce((a, p) => a + Math.log(p), 0) / 3,
        10,
      );
      expect(rbm.transposed().logPartition()).toBeCloseTo(slow.logZ, 10);
    }
  });

  it('pseudo-likelihood is Σᵢ log P(vᵢ | v₋ᵢ) from the exact joint', () => {
    const rbm = randomRbm(4, 3, 3);
    const { p, vs } = bruteForce(rbm);
    const v = [1, 0, 1, 1];
    const index = (x: number[]) => x.reduce((s, xi, i) => s + (xi << i), 0);
    let expected = 0;
    for (let i = 0; i < 4; i++) {
      const flipped = [...v];
      flipped[i] = 1 - flipped[i]!;
      expected += Math.log(p[index(v)]! / (p[index(v)]! + p[index(flipped)]!));
    }
    expect(vs[index(v)]).toEqual(v);
    expect(rbm.pseudoLikelihood([v])).toBeCloseTo(expected, 10);
  });

  it('samples are binary, seeded, and shaped [count, nV]', () => {
    const rbm = randomRbm(6, 4, 4);
    const a = rbm.sample(5, { steps: 10, generator: new Generator(1) });
    const b = rbm.sample(5, { steps: 10, generator: new Generator(1) });
    expect(a.shape).toEqual([5, 6]);
    expect(a).toBeAllClose(b);
    for (const x of a.data) expect(x === 0 || x === 1).toBe(true);
    expect(rbm.gibbs([[1, 0, 1, 0, 1, 0]], 3, { generator: new Generator(2) }).shape).toEqual([1, 6]);
    expect(rbm.sampleHidden([[1, 0, 1, 0, 1, 0]], { generator: new Generator(2) }).shape).toEqual([1, 4]);
    expect(() => rbm.freeEnergy([[1, 0, 2, 0, 1, 0]])).toThrow(/must lie in \[0, 1\]/);
    expect(() => rbm.freeEnergy([[1, 0]])).toThrow(/rows of 6 values/);
  });
});

describe('bars-and-stripes', () => {
  const data = barsAndStripes(3);

  it('has the 14 distinct 3×3 bar and stripe images', () => {
    expect(data.shape).toEqual([14, 9]);
    const rows = data.toArray() as number[][];
    expect(new Set(rows.map((r) => r.join(''))).size).toBe(14);
    for (const r of rows) {
      const stripes = [0, 1, 2].every((y) => r[3 * y] === r[3 * y + 1] && r[3 * y] === r[3 * y + 2]);
      const bars = [0, 1, 2].every((x) => r[x] === r[x + 3] && r[x] === r[x + 6]);
      expect(stripes || bars).toBe(true);
    }
  });

  it('claim: 16 hidden units reach exact mean log-likelihood ≥ −3.4 with CD-1 and ≥ −3.0 with CD-10', () => {
    const trained = (k: number) => {
      const generator = new Generator(7);
      const rbm = new RBM(9, 16, { generator }).initVisibleBiases(data);
      const errors = rbm.train(data, { ...barsAndStripesSettings(2500, generator), k });
      expect(errors[errors.length - 1]!).toBeLessThan(errors[0]!);
      return rbm.logLikelihood(data);
    };
    const cd1 = trained(1);
    const cd10 = trained(10);
    expect(cd1).toBeGreaterThanOrEqual(-3.4);
    expect(cd10).toBeGreaterThanOrEqual(-3.0);
    expect(cd10).toBeLessThanOrEqual(-Math.log(14) + 1e-9);
  });

  it('persistent CD with enough chains learns too', () => {
    const generator = new Generator(8);
    const copies = new Tensor(
      Float64Array.from({ length: 10 * 126 }, (_, i) => data.data[i % 126]!),
      [140, 9],
    );
    const rbm = new RBM(9, 16, { generator });
    const before = rbm.logLikelihood(data);
    rbm.train(copies, { ...barsAndStripesSettings(1000, generator), batchSize: 140, persistent: true });
    expect(rbm.logLikelihood(data)).toBeGreaterThan(before + 0.8);
  });
});
