import { describe, expect, it } from 'vitest';
import * as T from '../../src/index.js';
import {
  AutogradError,
  grad,
  hessianVectorProduct,
  jacobian,
  jvp,
  manualSeed,
  noGrad,
  randn,
  tensor,
  valueAndGrad,
  vjp,
} from '../../src/index.js';

describe('reverse mode', () => {
  it('accumulates gradients across backward calls', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    w.mul(3).sum().backward();
    w.mul(3).sum().backward();
    expect(w.grad!.toArray()).toEqual([6, 6]);
  });

  it('a reused tensor sums its gradients (the chain rule over a DAG)', () => {
    const x = tensor(2, { requiresGrad: true });
    const y = x.mul(x).add(x.exp()); // y = x² + eˣ
    y.backward();
    expect(x.grad!.item()).toBeCloseTo(4 + Math.exp(2), 5);
  });

  it('needs a gradient for non-scalar outputs, and checks its shape', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(/non-scalar output of shape \[2\]/);
    expect(() => x.mul(2).backward(tensor([1, 2, 3]))).toThrow(/grad has shape \[3\]/);
    x.mul(2).backward(tensor([1, 10]));
    expect(x.grad!.toArray()).toEqual([2, 20]);
  });

  it('frees the graph after backward unless retainGraph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(/already freed/);
    const z = x.exp().sum();
    z.backward(undefined, { retainGraph: true });
    z.backward();
    expect(x.grad!.data[0]).toBeCloseTo(3 * Math.E, 5);
  });

  it('refuses in-place mutation of a saved tensor', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(2);
    const y = h.exp().sum();
    noGrad(() => h.add_(1));
    expect(() => y.backward()).toThrow(AutogradError);
    expect(() => tensor([1, 2], { requiresGrad: true }).add_(1)).toThrow(/wrap the update in noGrad/);
  });

  it('noGrad records nothing; detach cuts the graph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(x.detach().mul(2).requiresGrad).toBe(false);
    expect(T.enableGrad(() => noGrad(() => T.enableGrad(() => x.mul(2)))).requiresGrad).toBe(true);
  });

  it('detectAnomaly names the op that produced a NaN, forward and backward', () => {
    const x = tensor([-1, 1], { requiresGrad: true });
    expect(() => T.withAnomalyDetection(() => x.sqrt())).toThrow(/forward of 'sqrt' produced NaN at flat index 0/);
    const y = tensor([0, 1], { requiresGrad: true });
    expect(() => T.withAnomalyDetection(() => y.sqrt().sum().backward())).toThrow(
      /backward of 'sqrt' \(in its 'div' step\) produced Infinity/,
    );
  });

  it('only float tensors can require grad', () => {
    expect(() => tensor([1], { dtype: 'int32', requiresGrad: true })).toThrow(/only float tensors/);
  });
});

describe('functional and higher-order autodiff', () => {
  it('grad(grad(sin)) = −sin', () => {
    const x = tensor([0.3, -1.2, 2], { dtype: 'float64' });
    const dsin = grad((t) => t.sin().sum()) as (t: T.Tensor) => T.Tensor;
    const d2 = grad((t) => dsin(t).sum())(x) as T.Tensor;
    expect(d2).toBeAllClose(x.sin().neg(), { rtol: 1e-12 });
    const d3 = grad((t) => (grad((u) => dsin(u).sum()) as (u: T.Tensor) => T.Tensor)(t).sum())(x) as T.Tensor;
    expect(d3).toBeAllClose(x.cos().neg(), { rtol: 1e-12 });
  });

  it('a gradient penalty ‖∇ₓD(x)‖² can be differentiated w.r.t. the parameters', () => {
    manualSeed(1);
    const w = randn([3], { dtype: 'float64', requiresGrad: true });
    const x = randn([3], { dtype: 'float64', requiresGrad: true });
    const d = x.mul(w).tanh().sum();
    const [gx] = T.gradients(d, [x], undefined, { createGraph: true });
    const penalty = gx!.square().sum();
    penalty.backward();
    // closed form: gx = w(1 − tanh²(w·x)) elementwise (tanh applied per element)
    const check = T.assertGradcheck(
      (ww) => grad((xx) => xx.mul(ww).tanh().sum())(x.detach()) as T.Tensor,
      [w.detach()],
    );
    expect(check).toBeUndefined();
    expect(w.grad).not.toBeNull();
  });

  it('jvp agrees with vjp: ⟨u, J v⟩ both ways', () => {
    manualSeed(8);
    const A = randn([4, 3], { dtype: 'float64' });
    const f = (z: T.Tensor): T.Tensor => A.matmul(z.sin()).tanh();
    const x = randn([3], { dtype: 'float64' });
    const v = randn([3], { dtype: 'float64' });
    const u = randn([4], { dtype: 'float64' });
    const { jvp: jv, value } = jvp(f, [x], [v]);
    const {
      vjp: [uj],
    } = vjp(f, [x], u);
    expect(value).toBeAllClose(f(x));
    expect(u.mul(jv).sum().item()).toBeCloseTo(uj!.mul(v).sum().item(), 12);
  });

  it('jacobian of a linear map is the matrix; hvp of a quadratic is A v', () => {
    manualSeed(10);
    const A = randn([2, 3], { dtype: 'float64' });
    expect(jacobian((z) => A.matmul(z), randn([3], { dtype: 'float64' }))).toBeAllClose(A, { rtol: 1e-12 });
    const S = A.t().matmul(A);
    const v = randn([3], { dtype: 'float64' });
    const hv = hessianVectorProduct((z) => z.matmul(S.matmul(z)).mul(0.5), randn([3], { dtype: 'float64' }), v);
    expect(hv).toBeAllClose(S.matmul(v), { rtol: 1e-10 });
  });

  it('valueAndGrad with argnums', () => {
    const { value, grads } = valueAndGrad((a, b) => a.mul(b).sum(), [1])(tensor([2, 3]), tensor([5, 7]));
    expect(value.item()).toBe(31);
    expect(grads.length).toBe(1);
    expect(grads[0]!.toArray()).toEqual([2, 3]);
  });
});
