import { Generator, noGrad, Tensor } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { complementaryPriorGap } from '../src/experiments/complementary-prior.js';
import { classificationAccuracy, DBN, RBM, softmaxClassifier, trainClassifier } from '../src/index.js';

function randomRbm(visible: number, hidden: number, generator: Generator): RBM {
  const draw = (n: number) => Array.from({ length: n }, () => generator.normal());
  return RBM.fromParameters(
    new Tensor(Float64Array.from(draw(visible * hidden)), [visible, hidden]),
    draw(visible),
    draw(hidden),
  );
}

describe('DBN', () => {
  it('claim: a top RBM tied to the transpose of the first leaves p(v) unchanged (complementary prior, 1e-10)', () => {
    const generator = new Generator(1);
    for (const [visible, hidden] of [
      [6, 4],
      [7, 9],
      [10, 8],
    ] as const) {
      const rbm = randomRbm(visible, hidden, generator);
      expect(complementaryPriorGap(rbm, rbm.transposed())).toBeLessThan(1e-10);
      expect(complementaryPriorGap(rbm, randomRbm(hidden, visible, generator))).toBeGreaterThan(1e-3);
    }
  });

  it('the exact marginal of a 3-layer DBN is a distribution', () => {
    const generator = new Generator(2);
    const dbn = DBN.fromRBMs([randomRbm(5, 4, generator), randomRbm(4, 3, generator), randomRbm(3, 2, generator)]);
    const p = dbn.visibleDistribution();
    expect(p.size).toBe(32);
    expect(Array.from(p.data).reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
    expect(dbn.layerSizes).toEqual([5, 4, 3, 2]);
    expect(() => DBN.fromRBMs([randomRbm(5, 4, generator), randomRbm(3, 2, generator)])).toThrow(
      /3 visible units, RBM 0 has 4 hidden/,
    );
  });

  it('pretrains greedily, samples, and unrolls into an MLP computing the same up-pass', () => {
    const generator = new Generator(3);
    const data = new Tensor(
      Float64Array.from({ length: 60 * 12 }, (_, k) => (k % 12 < 6 === (Math.floor(k / 12) % 2 === 0) ? 1 : 0)),
      [60, 12],
    );
    const dbn = new DBN([12, 8, 4], { generator });
    const errors = dbn.pretrain(data, { layers: { epochs: 30, generator } });
    expect(errors).toHaveLength(2);
    expect(errors[0]![29]!).toBeLessThan(errors[0]![0]!);
    const features = dbn.transform(data);
    expect(features.shape).toEqual([60, 4]);
    const mlp = dbn.toMLP();
    const output = noGrad(() => mlp.call(new Tensor(Float32Array.from(data.data), data.shape)));
    expect(output).toBeAllClose(features, { atol: 1e-5 });
    const fantasies = dbn.sample(7, { gibbsSteps: 20, generator });
    expect(fantasies.shape).toEqual([7, 12]);
  });

  it('trains a softmax classifier with core-tensor autograd and SGD', () => {
    const generator = new Generator(4);
    const x = new Tensor(
      Float64Array.from({ length: 200 * 2 }, () => generator.normal()),
      [200, 2],
    );
    const y = new Tensor(
      Int32Array.from({ length: 200 }, (_, i) => (x.data[2 * i]! + 2 * x.data[2 * i + 1]! > 0 ? 1 : 0)),
      [200],
    );
    const model = softmaxClassifier(2, 2, { generator });
    const losses = trainClassifier(model, x, y, { epochs: 20, generator });
    expect(losses[19]!).toBeLessThan(losses[0]!);
    expect(classificationAccuracy(model, x, y)).toBeGreaterThan(0.97);
  });
});
