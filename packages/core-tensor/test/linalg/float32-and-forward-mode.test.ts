import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { grad, jvp, manualSeed, matmul, mul, randn, sum } from '../../src/index.js';
import { cholesky, det, eigh, inv, pinv, qr, slogdet, solve, svd, trace } from '../../src/linalg/index.js';
import { spd, wellConditioned } from './helpers.js';

/** Every differentiable linalg op inside one scalar loss. */
function loss(a: Tensor, s: Tensor): Tensor {
  const terms = [
    sum(solve(a, s)),
    sum(inv(a)),
    det(a),
    slogdet(s).logabsdet,
    sum(cholesky(s)),
    sum(eigh(s).eigenvalues.square()),
    sum(svd(a).S),
    sum(qr(a).R.square()),
    sum(pinv(a)),
    trace(a),
  ];
  return terms.reduce((total, term) => total.add(term));
}

describe('linalg in float32 and in forward mode', () => {
  it('float32 gradients agree with float64 ones to float32 precision', () => {
    manualSeed(80);
    const a = wellConditioned([4, 4]);
    const s = spd([4, 4]);
    const [da64, ds64] = grad(loss, [0, 1])(a, s) as Tensor[];
    const [da32, ds32] = grad(loss, [0, 1])(a.to('float32'), s.to('float32')) as Tensor[];
    expect(da32!.dtype).toBe('float32');
    expect(da32).toBeAllClose(da64!, { rtol: 1e-3, atol: 1e-4 });
    expect(ds32).toBeAllClose(ds64!, { rtol: 1e-3, atol: 1e-4 });
  });

  it('jvp of det is det(A)·tr(A⁻¹V) (forward mode through the double-vjp)', () => {
    manualSeed(81);
    const a = wellConditioned([3, 3]);
    const v = randn([3, 3], { dtype: 'float64' });
    const { jvp: tangent } = jvp(det, [a], [v]);
    expect(tangent.item()).toBeCloseTo(det(a).item() * trace(matmul(inv(a), v)).item(), 10);
    const { jvp: logTangent } = jvp((x) => slogdet(x).logabsdet, [a], [mul(v, 2)]);
    expect(logTangent.item()).toBeCloseTo(2 * trace(matmul(inv(a), v)).item(), 10);
  });
});
