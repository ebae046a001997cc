import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/functional.js';
import { ShapeError } from '../../src/errors.js';
import { mul } from '../../src/ops/binary.js';
import { einsum } from '../../src/ops/indexing/index.js';
import { matmul, outer } from '../../src/ops/matmul.js';
import { sum } from '../../src/ops/reduce.js';
import { permute, transpose, unsqueeze } from '../../src/ops/shape.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertGradcheck } from '../../src/testing/gradcheck.js';
import { ints, sample } from './helpers.js';

describe('einsum', () => {
  const a = sample([2, 3]);
  const b = sample([3, 4]).mul(-2);

  it('equals matmul, batched matmul, outer and attention scores', () => {
    expect(einsum('ij,jk->ik', a, b)).toBeAllClose(matmul(a, b), { rtol: 1e-12 });
    expect(einsum('ij,jk', a, b)).toBeAllClose(matmul(a, b), { rtol: 1e-12 });
    const x = sample([2, 2, 3]);
    const y = sample([2, 3, 5]).add(1);
    expect(einsum('bij,bjk->bik', x, y)).toBeAllClose(matmul(x, y), { rtol: 1e-12 });
    const u = sample([3]);
    const v = sample([4]).neg();
    expect(einsum('i,j->ij', u, v)).toBeAllClose(outer(u, v), { rtol: 1e-12 });
    const q = sample([2, 3, 4, 5]);
    const k = sample([2, 3, 6, 5]).mul(0.5);
    expect(einsum('bhqd,bhkd->bhqk', q, k)).toBeAllClose(matmul(q, transpose(k, -1, -2)), { rtol: 1e-12 });
  });

  it('reads operands transposed in place of permuting them', () => {
    const c = sample([3, 2]);
    expect(einsum('ji,jk->ik', c, b)).toBeAllClose(matmul(transpose(c, 0, 1), b), { rtol: 1e-12 });
    const x = sample([2, 4, 3]);
    const y = sample([2, 5, 4]).add(1);
    expect(einsum('bji,bkj->bik', x, y)).toBeAllClose(matmul(transpose(x, 1, 2), transpose(y, 1, 2)), { rtol: 1e-12 });
    assertGradcheck((p, q) => einsum('bji,bkj->bik', p!, q!), [sample([2, 3, 2]), sample([2, 2, 3]).neg()]);
  });

  it('equals mul + sum for elementwise and reducing patterns', () => {
    const x = sample([3, 4]);
    const y = sample([3, 4]).add(2);
    expect(einsum('bi,bi->b', x, y)).toBeAllClose(sum(mul(x, y), 1), { rtol: 1e-12 });
    expect(einsum('ij,ij->ij', x, y)).toBeAllClose(mul(x, y), { rtol: 1e-12 });
    expect(einsum('ij->', x)).toBeAllClose(sum(x), { rtol: 1e-12 });
    expect(einsum('ij->j', x)).toBeAllClose(sum(x, 0), { rtol: 1e-12 });
    expect(einsum('ij->ji', x)).toBeAllClose(transpose(x, 0, 1), { rtol: 1e-12 });
    const t = sample([2, 3, 4]);
    expect(einsum('ijk,ik->ij', t, sample([2, 4]))).toBeAllClose(sum(mul(t, unsqueeze(sample([2, 4]), 1)), 2), {
      rtol: 1e-12,
    });
    expect(einsum('ijk->kij', t)).toBeAllClose(permute(t, [2, 0, 1]), { rtol: 1e-12 });
  });

  it('chains three operands', () => {
    const c = sample([4, 2]).add(0.5);
    expect(einsum('ij,jk,kl->il', a, b, c)).toBeAllClose(matmul(matmul(a, b), c), { rtol: 1e-12 });
    const w = sample([3]);
    expect(einsum('i,ij,j->', sample([2]), a, w)).toBeAllClose(matmul(matmul(sample([2]), a), w), { rtol: 1e-12 });
  });

  it('computes in float for int operands', () => {
    expect(einsum('i,i->', ints([1, 2, 3]), ints([4, 5, 6])).toArray()).toBe(32);
  });

  it('refuses repeated indices, ellipses and mismatched sizes with clear errors', () => {
    expect(() => einsum('ii->', sample([3, 3]))).toThrow(
      /einsum: index 'i' repeats within operand 0 \('ii'\); diagonals and traces are not supported/,
    );
    expect(() => einsum('...ij->ij', sample([3, 3]))).toThrow(ShapeError);
    expect(() => einsum('ij,jk->ik', a, sample([4, 4]))).toThrow(
      /einsum: index 'j' has size 3 in one operand and 4 in operand 1/,
    );
    expect(() => einsum('ij,jk->ik', a)).toThrow(/names 2 operands, but 1 were given/);
    expect(() => einsum('ijk->i', a)).toThrow(ShapeError);
    expect(() => einsum('ij->iz', a)).toThrow(/output index 'z' does not appear/);
    expect(() => einsum('ij->ii', a)).toThrow(/output index 'i' repeats/);
  });

  it('differentiates twice (its gradient is itself an einsum)', () => {
    // f(x) = Σᵢⱼ xᵢ Aᵢⱼ xⱼ = xᵀAx, ∇f = (A + Aᵀ)x, so ∂/∂x Σ∇f = 1ᵀ(A + Aᵀ)
    const A = sample([3, 3]);
    const f = (x: Tensor): Tensor => einsum('i,ij,j->', x, A, x);
    const gradSum = grad((x) => (grad(f)(x) as Tensor).sum());
    expect(gradSum(sample([3]).add(1))).toBeAllClose(sum(A.add(transpose(A, 0, 1)), 0), { rtol: 1e-12 });
  });

  it.each([
    [
      'ij,jk->ik',
      [
        [2, 3],
        [3, 2],
      ],
    ],
    [
      'bij,bjk->bik',
      [
        [2, 2, 3],
        [2, 3, 1],
      ],
    ],
    ['i,j->ij', [[3], [2]]],
    [
      'bhqd,bhkd->bhqk',
      [
        [1, 2, 2, 3],
        [1, 2, 3, 3],
      ],
    ],
    [
      'bi,bi->b',
      [
        [2, 3],
        [2, 3],
      ],
    ],
    ['ijk->kj', [[2, 3, 2]]],
    [
      'ij,jk,kl->il',
      [
        [2, 2],
        [2, 3],
        [3, 2],
      ],
    ],
    [
      'ijk,ik->j',
      [
        [2, 3, 2],
        [2, 2],
      ],
    ],
    [
      'ab,cd->dacb',
      [
        [2, 1],
        [2, 3],
      ],
    ],
  ])('gradcheck %s', (equation, shapes) => {
    assertGradcheck(
      (...xs) => einsum(equation, ...xs),
      shapes.map((s, k) => sample(s).add(k)),
    );
  });
});
