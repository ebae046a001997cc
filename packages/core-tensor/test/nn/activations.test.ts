import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import {
  assertGradcheck,
  elu,
  Generator,
  gelu,
  leakyRelu,
  logSoftmax,
  randn,
  relu,
  sigmoid,
  silu,
  softmax,
  tanh,
  tensor,
} from '../../src/index.js';
import {
  ELU,
  GELU,
  LeakyReLU,
  LogSoftmax,
  MSELoss,
  PReLU,
  ReLU,
  Sigmoid,
  SiLU,
  Softmax,
  Swish,
  Tanh,
} from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';

describe('activation modules', () => {
  it('apply their functions', () => {
    const x = randn([3, 4], { generator: new Generator(0) });
    expect(new ReLU().call(x)).toBeAllClose(relu(x));
    expect(new LeakyReLU(0.2).call(x)).toBeAllClose(leakyRelu(x, 0.2));
    expect(new ELU(0.5).call(x)).toBeAllClose(elu(x, 0.5));
    expect(new GELU('tanh').call(x)).toBeAllClose(gelu(x, 'tanh'));
    expect(new SiLU().call(x)).toBeAllClose(silu(x));
    expect(new Swish().call(x)).toBeAllClose(x.mul(sigmoid(x)));
    expect(new Sigmoid().call(x)).toBeAllClose(sigmoid(x));
    expect(new Tanh().call(x)).toBeAllClose(tanh(x));
    expect(new Softmax(1).call(x)).toBeAllClose(softmax(x, 1));
    expect(new LogSoftmax(0).call(x)).toBeAllClose(logSoftmax(x, 0));
    expect(new LeakyReLU(0.2).toString()).toBe('LeakyReLU(negativeSlope=0.2)');
  });
});

describe('PReLU', () => {
  it('is x for x > 0 and αx otherwise, with α = 0.25 at the start', () => {
    expect(new PReLU().call(tensor([-2, 0, 3]))).toBeAllClose([-0.5, 0, 3]);
  });

  it('has one α per channel (dim 1) when asked', () => {
    const prelu = new PReLU(2, { init: 0.1 });
    const x = tensor([[[-1, 1]], [[-2, 2]]]).reshape(1, 2, 2);
    expect(prelu.call(x)).toBeAllClose([
      [
        [-0.1, 1],
        [-0.2, 2],
      ],
    ]);
    expect(() => prelu.call(randn([1, 3, 2]))).toThrow(/needs 2 channels in dim 1/);
  });

  it('has correct gradients for x and α', () => {
    const prelu = new PReLU(3, { dtype: 'float64' });
    assertGradcheck((x) => prelu.call(x), [randn([2, 3, 4], { dtype: 'float64' })]);
    const x = tensor([[-1, 2, -3]], { dtype: 'float64' });
    prelu.call(x).sum().backward();
    expect(prelu.weight.grad!).toBeAllClose([-1, 0, -3]);
  });

  it('learns α by gradient descent', () => {
    const teacher = new PReLU(1, { init: 0.1 });
    const student = new PReLU();
    const x = randn([256], { generator: new Generator(1) });
    const target = teacher.call(x).detach();
    const opt = new SGD(student.parameters(), { lr: 0.5 });
    const loss = new MSELoss();
    for (let i = 0; i < 100; i++) {
      opt.zeroGrad();
      loss.call(student.call(x), target).backward();
      opt.step();
    }
    expect(student.weight.item()).toBeCloseTo(0.1, 4);
  });
});
