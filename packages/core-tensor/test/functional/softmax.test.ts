import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/functional.js';
import { logSoftmax, softmax } from '../../src/functional/index.js';
import { mul } from '../../src/ops/binary.js';
import { sum } from '../../src/ops/reduce.js';
import { exp, log, square } from '../../src/ops/unary.js';
import { Generator } from '../../src/random/generator.js';
import { randn } from '../../src/random/sample.js';
import { scalar, tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';

const generator = new Generator(31);
const r = (...shape: number[]): Tensor => randn(shape, { generator, dtype: 'float64' });

describe('fused softmax and logSoftmax', () => {
  it('agree with the definitions along any dim, stably for large inputs', () => {
    const x = r(2, 3, 4);
    for (const dim of [0, 1, 2, -1]) {
      const e = exp(x);
      expect(softmax(x, dim)).toBeAllClose(e.div(sum(e, dim, true)), { rtol: 1e-12 });
      expect(logSoftmax(x, dim)).toBeAllClose(log(softmax(x, dim)), { rtol: 1e-12, atol: 1e-14 });
    }
    expect(softmax(tensor([1000, 1000, -1000]), 0).toArray()).toEqual([0.5, 0.5, 0]);
    expect(logSoftmax(tensor([1000, 0], { dtype: 'float64' }), 0)).toBeAllClose([0, -1000], { rtol: 1e-12 });
    expect(softmax(scalar(3), 0).item()).toBe(1);
  });

  it('gradients match finite differences along inner and outer dims (size-1 dims too)', () => {
    for (const dim of [0, 1, 2]) {
      assertGradcheck((x) => softmax(x, dim), [r(2, 3, 1)]);
      assertGradcheck((x) => logSoftmax(x, dim), [r(2, 3, 1)]);
    }
  });

  it('double and triple backward (softmaxBackward and logSoftmaxBackward are differentiable)', () => {
    const weights = r(3, 4);
    for (const f of [softmax, logSoftmax]) {
      const dx = grad((x: Tensor) => sum(mul(square(f(x, 1)), weights)));
      assertGradcheck((x) => dx(x) as Tensor, [r(3, 4)]);
      const ddx = grad((x: Tensor) => sum(square(dx(x) as Tensor)));
      assertGradcheck((x) => ddx(x) as Tensor, [r(3, 4).mul(0.5)], { rtol: 1e-3, atol: 1e-4 });
    }
  });
});
