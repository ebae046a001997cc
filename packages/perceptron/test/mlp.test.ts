import { Generator, randn, tensor } from '@shinkei/core-tensor';
import { loadDigits, makeMoons, takeRows } from '@shinkei/core-tensor/data';
import { EarlyStopping, SGD } from '@shinkei/core-tensor/optim';
import { describe, expect, it } from 'vitest';
import { MLP } from '../src/mlp/mlp.js';
import { train } from '../src/mlp/train.js';

describe('MLP', () => {
  it('reaches ≥ 97% test accuracy on the 8×8 digits', () => {
    const trainSet = loadDigits({ split: 'train', flatten: true });
    const testSet = loadDigits({ split: 'test', flatten: true });
    const generator = new Generator(1);
    const mlp = new MLP({ sizes: [64, 128, 10], generator });
    const optimizer = new SGD(mlp.parameters(), { lr: 0.1, momentum: 0.9 });
    train(mlp, trainSet.x, trainSet.y, { optimizer, epochs: 15, batchSize: 32, generator });
    expect(mlp.score(testSet.x, testSet.y)).toBeGreaterThanOrEqual(0.97);
    const proba = mlp.predictProba(testSet.x);
    expect(proba.sum(1)).toBeAllClose(tensor(Array(testSet.y.size).fill(1)), { rtol: 1e-5 });
  });

  it('binary head: separates the two moons', () => {
    const { x, y } = makeMoons({ n: 300, noise: 0.1, seed: 2 });
    const generator = new Generator(2);
    const mlp = new MLP({ sizes: [2, 32, 32, 1], activation: 'tanh', head: 'binary', generator });
    train(mlp, x, y, {
      optimizer: new SGD(mlp.parameters(), { lr: 0.2, momentum: 0.9 }),
      epochs: 60,
      batchSize: 32,
      generator,
    });
    expect(mlp.score(x, y)).toBeGreaterThan(0.97);
    expect(mlp.predict(x).shape).toEqual([300]);
  });

  it('regression head: fits y = sin(3x)', () => {
    const generator = new Generator(3);
    const x = randn([256, 1], { generator });
    const y = x.mul(3).sin().reshape(256);
    const mlp = new MLP({ sizes: [1, 64, 64, 1], activation: 'swish', head: 'regression', generator });
    train(mlp, x, y, {
      optimizer: new SGD(mlp.parameters(), { lr: 0.05, momentum: 0.9 }),
      epochs: 80,
      batchSize: 32,
      generator,
    });
    expect(mlp.score(x, y)).toBeGreaterThan(0.95);
  });

  it('early stopping restores the weights of the best validation epoch', () => {
    const data = loadDigits({ split: 'train', flatten: true, limit: 400 });
    const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const [trainX, trainY] = [takeRows(data.x, rows(0, 200)), takeRows(data.y, rows(0, 200))];
    const [validX, validY] = [takeRows(data.x, rows(200, 400)), takeRows(data.y, rows(200, 400))];
    const generator = new Generator(4);
    const mlp = new MLP({ sizes: [64, 64, 10], generator });
    const earlyStopping = new EarlyStopping({ patience: 3 });
    const history = train(mlp, trainX, trainY, {
      optimizer: new SGD(mlp.parameters(), { lr: 0.1, momentum: 0.9 }),
      epochs: 200,
      batchSize: 20,
      generator,
      validation: { x: validX, y: validY },
      earlyStopping,
    });
    const losses = history.epochs.map((e) => e.validationLoss!);
    expect(history.stoppedEarly).toBe(true);
    expect(history.bestEpoch).toBe(losses.indexOf(Math.min(...losses)) + 1);
    expect(history.epochs.length).toBe(history.bestEpoch! + 3);
  });

  it('rejects bad sizes and activation lists', () => {
    expect(() => new MLP({ sizes: [3] })).toThrow(/sizes/);
    expect(() => new MLP({ sizes: [3, 4, 5, 2], activation: ['relu'] })).toThrow(/1 activations for 2 hidden layers/);
  });
});
