import { describe, expect, it } from 'vitest';
import { DataLoader, loadDigits, TensorDataset } from '../../src/data/index.js';
import { Generator, linspace, noGrad } from '../../src/index.js';
import { CrossEntropyLoss, Linear, MSELoss, ReLU, Sequential, Tanh } from '../../src/nn/index.js';
import { Adam, CosineAnnealingLR } from '../../src/optim/index.js';

describe('training small models end to end', () => {
  it('a Sequential of Linear/Tanh/Linear fits sin(x) on [−3, 3]', () => {
    const x = linspace(-3, 3, 64).reshape(64, 1);
    const y = x.sin();
    const g = new Generator(0);
    const model = new Sequential(new Linear(1, 32, { generator: g }), new Tanh(), new Linear(32, 1, { generator: g }));
    const opt = new Adam(model.parameters(), { lr: 0.02 });
    const loss = new MSELoss();
    const initial = noGrad(() => loss.call(model.call(x), y).item());
    let final = initial;
    for (let step = 0; step < 400; step++) {
      opt.zeroGrad();
      const l = loss.call(model.call(x), y);
      l.backward();
      opt.step();
      final = l.item();
    }
    expect(initial).toBeGreaterThan(0.1);
    expect(final).toBeLessThan(2e-3);
  });

  it('a 2-layer MLP (64 → 128 → 10, ReLU; Adam, cosine schedule, 30 epochs) reaches ≥ 97% on the 8×8 digits test split', () => {
    const train = loadDigits({ split: 'train', flatten: true });
    const test = loadDigits({ split: 'test', flatten: true });
    // standardize each pixel with the training set's statistics (σ + 0.1 keeps the constant border pixels finite)
    const mean = train.x.mean(0, true);
    const scale = train.x.std(0, { keepdim: true }).add(0.1);
    const standardize = (x: typeof train.x) => x.sub(mean).div(scale);
    const g = new Generator(0);
    const model = new Sequential(
      new Linear(64, 128, { generator: g }),
      new ReLU(),
      new Linear(128, 10, { generator: g }),
    );
    const epochs = 30;
    const loader = new DataLoader({
      dataset: new TensorDataset(standardize(train.x), train.y),
      batchSize: 32,
      shuffle: true,
      generator: new Generator(1),
    });
    const opt = new Adam(model.parameters(), { lr: 3e-3 });
    const schedule = new CosineAnnealingLR(opt, { tMax: epochs });
    const loss = new CrossEntropyLoss();
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const [xb, yb] of loader) {
        opt.zeroGrad();
        loss.call(model.call(xb), yb).backward();
        opt.step();
      }
      schedule.step();
    }
    model.eval();
    const predicted = noGrad(() => model.call(standardize(test.x)).argmax(1));
    const accuracy = predicted.eq(test.y).float().mean().item();
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
  });
});
