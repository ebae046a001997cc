import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { assertGradcheck, grad, hessianVectorProduct, jvp, manualSeed, randn, sub } from '../../src/index.js';
import { hypotOp, swish } from './ops.js';

/** swish″(x) = σ′(x)·(2 + x·(1 − 2σ(x))), σ′ = σ(1 − σ). */
const swishSecond = (x: Tensor): Tensor => {
  const s = x.sigmoid();
  return s.mul(sub(1, s)).mul(x.mul(sub(1, s.mul(2))).add(2));
};

describe('double backward through a user op whose backward is written with tensor ops', () => {
  it('grad(grad(swish)) is swish″', () => {
    manualSeed(4);
    const x = randn([7]).mul(3);
    const first = grad((t) => swish(t).sum());
    const second = grad((t) => (first(t) as Tensor).sum());
    expect(second(x) as Tensor).toBeAllClose(swishSecond(x), { rtol: 1e-5, atol: 1e-6 });
  });

  it('the gradient of the op passes gradcheck itself (second derivatives by finite differences)', () => {
    manualSeed(5);
    const first = grad((t) => swish(t).mul(t).sum()); // the rule's y enters again: d/dx (x·swish(x))
    assertGradcheck((t) => first(t) as Tensor, [randn([2, 3]).mul(2)]);
    const dHypot = grad((a, b) => hypotOp.apply([a!, b!]).sum(), [0, 1]);
    assertGradcheck(
      (a, b) => (dHypot(a!, b!) as Tensor[])[0]!.add((dHypot(a!, b!) as Tensor[])[1]!),
      [randn([4]), randn([4])],
    );
  });

  it('Hessian–vector products and forward mode (jvp by double vjp)', () => {
    manualSeed(6);
    const x = randn([5]);
    const v = randn([5]);
    const hvp = hessianVectorProduct((t) => swish(t).sum(), x, v); // H = diag(swish″(x))
    expect(hvp).toBeAllClose(swishSecond(x).mul(v), { rtol: 1e-5, atol: 1e-6 });
    const { value, jvp: tangent } = jvp((t) => swish(t), [x], [v]);
    expect(value).toBeAllClose(x.silu(), { rtol: 1e-6 });
    const s = x.sigmoid();
    expect(tangent).toBeAllClose(s.add(x.mul(s).mul(sub(1, s))).mul(v), { rtol: 1e-5, atol: 1e-6 });
  });
});
