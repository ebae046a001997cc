import { describe, expect, it } from 'vitest';
import { defineMultiOutputOp, noGradient } from '../../src/custom/index.js';
import type { Tensor } from '../../src/index.js';
import {
  AutogradError,
  assertGradcheck,
  grad,
  manualSeed,
  noGrad,
  randn,
  tensor,
  withAnomalyDetection,
  zerosLike,
} from '../../src/index.js';
import { rotateOp, rowMaxOp, sinCosLog, sinCosOp } from './multi-output-ops.js';

const sinCos = (x: Tensor): [Tensor, Tensor] => sinCosOp.apply([x]);

describe('defineMultiOutputOp: values and gradients', () => {
  it('the outputs are the values the composed ops give', () => {
    manualSeed(0);
    const x = randn([3, 4]).mul(3);
    const [s, c] = sinCos(x);
    expect(s).toBeAllClose(x.sin(), { rtol: 1e-6, atol: 1e-7 });
    expect(c).toBeAllClose(x.cos(), { rtol: 1e-6, atol: 1e-7 });
    const [a, b] = [randn([5]), randn([5])];
    const [u, v] = rotateOp.apply([a, b], { angle: 0.3 });
    expect(u).toBeAllClose(a.mul(Math.cos(0.3)).sub(b.mul(Math.sin(0.3))), { rtol: 1e-6, atol: 1e-7 });
    expect(v).toBeAllClose(a.mul(Math.sin(0.3)).add(b.mul(Math.cos(0.3))), { rtol: 1e-6, atol: 1e-7 });
    const [values, index] = rowMaxOp.apply([
      tensor([
        [1, 5, 2],
        [7, -1, 3],
      ]),
    ]);
    expect(values.toArray()).toEqual([5, 7]);
    expect(index.dtype).toBe('int32');
    expect(index.toArray()).toEqual([1, 0]);
  });

  it('gradcheck (float64) with every output used', () => {
    manualSeed(1);
    assertGradcheck(
      (x) => {
        const [s, c] = sinCos(x!);
        return s.mul(2).add(c.square()).mul(x!);
      },
      [randn([3, 4]).mul(2)],
    );
    assertGradcheck(
      (x, y) => {
        const [u, v] = rotateOp.apply([x!, y!], { angle: 1.1 });
        return u.mul(v).add(u);
      },
      [randn([2, 3]), randn([2, 3])],
    );
  });

  it('gradcheck (float64) with only some outputs used (the others get a null gradient)', () => {
    manualSeed(2);
    assertGradcheck((x) => sinCos(x!)[1].mul(3), [randn([5]).mul(2)]);
    assertGradcheck((x) => sinCos(x!)[0].square(), [randn([5]).mul(2)]);
    assertGradcheck((x, y) => rotateOp.apply([x!, y!], { angle: -0.4 })[1], [randn([4]), randn([4])]);
    assertGradcheck((x) => rowMaxOp.apply([x!])[0].mul(2), [randn([3, 5])]); // an int32 output beside
  });

  it('the backward rule runs once per call, with every output’s gradient (null where none)', () => {
    manualSeed(3);
    const x = randn([4], { requiresGrad: true });
    sinCosLog.calls = 0;
    const [s, c] = sinCos(x);
    s.mul(c).add(s.exp()).add(c.square()).sum().backward(); // each output read twice
    expect(sinCosLog.calls).toBe(1);
    expect(sinCosLog.dys.every((dy) => dy !== null)).toBe(true);
    const [xs, xc] = [x.detach().sin(), x.detach().cos()];
    const expected = xc
      .mul(xc)
      .add(xs.exp().mul(xc))
      .sub(xs.mul(xs).add(xc.mul(2).mul(xs)));
    expect(x.grad!).toBeAllClose(expected, { rtol: 1e-5, atol: 1e-6 });

    sinCosLog.calls = 0;
    const [s2, c2] = sinCos(x);
    s2.add(c2.detach()).sum().backward();
    expect(sinCosLog.calls).toBe(1);
    expect(sinCosLog.dys[0]).not.toBeNull();
    expect(sinCosLog.dys[1]).toBeNull();
  });

  it('double backward through a rule written with tensor ops', () => {
    manualSeed(4);
    const x = randn([6]).mul(2);
    const first = grad((t) => {
      const [s, c] = sinCos(t);
      return s.add(c.mul(2)).sum();
    });
    const second = grad((t) => (first(t) as Tensor).sum());
    expect(second(x) as Tensor).toBeAllClose(x.sin().neg().sub(x.cos().mul(2)), { rtol: 1e-5, atol: 1e-6 });
    const dRotate = grad((a, b) => rotateOp.apply([a!, b!], { angle: 0.7 })[0].square().sum(), [0, 1]);
    assertGradcheck((a, b) => (dRotate(a!, b!) as Tensor[])[0]!.mul(a!), [randn([3]), randn([3])]);
  });

  it('an integer output never requires grad; the float ones do', () => {
    const x = randn([2, 3], { requiresGrad: true });
    const [values, index] = rowMaxOp.apply([x]);
    expect(values.requiresGrad).toBe(true);
    expect(index.requiresGrad).toBe(false);
    values.sum().backward();
    expect(x.grad!.sum().item()).toBeCloseTo(2, 6);
  });

  it('records one autograd node shared by the outputs; the forward’s own ops are not in the graph', () => {
    const [x, y] = [randn([3], { requiresGrad: true }), randn([3])];
    const [u, v] = rotateOp.apply([x, y], { angle: 1 });
    expect(u.gradNode).toBe(v.gradNode);
    expect(u.gradNode!.op.name).toBe('rotate');
    expect(u.gradNode!.inputs).toEqual([x, y]);
    expect(noGrad(() => rotateOp.apply([x, y], { angle: 1 }))[0].requiresGrad).toBe(false);
  });

  it('detectAnomaly names the op whose forward produced a NaN', () => {
    const logs = defineMultiOutputOp({
      name: 'logs',
      forward: ([x]: [Tensor]): [Tensor, Tensor] => {
        const [y, z] = [zerosLike(x), zerosLike(x)];
        for (let i = 0; i < x.size; i++) [y.data[i], z.data[i]] = [x.data[i]! + 1, Math.log(x.data[i]!)];
        return [y, z];
      },
    });
    expect(() => withAnomalyDetection(() => logs.apply([tensor([1, -1])]))).toThrow(
      /forward of 'logs' produced NaN at flat index 1/,
    );
  });
});

describe('defineMultiOutputOp: without a gradient', () => {
  it('backward: noGradient makes every output a constant to autograd', () => {
    const floorFrac = defineMultiOutputOp({
      name: 'floorFrac',
      forward: ([x]: [Tensor]): [Tensor, Tensor] => [x.floor(), x.sub(x.floor())],
      backward: noGradient,
    });
    const x = tensor([1.25, -0.5], { requiresGrad: true });
    const [whole, frac] = floorFrac.apply([x]);
    expect(floorFrac.differentiable).toBe(false);
    expect(whole.requiresGrad || frac.requiresGrad).toBe(false);
    expect(frac.toArray()).toEqual([0.25, 0.5]);
  });

  it('an op defined without backward throws on backward, naming the op; inference is fine', () => {
    const halves = defineMultiOutputOp({
      name: 'halves',
      forward: ([x]: [Tensor]): [Tensor, Tensor] => [x.mul(0.5), x.mul(0.5)],
    });
    const x = tensor([1, 2], { requiresGrad: true });
    const [a, b] = halves.apply([x]);
    expect(a.requiresGrad && b.requiresGrad).toBe(true);
    expect(() => a.add(b).sum().backward()).toThrow(AutogradError);
    expect(() => halves.apply([x])[1].sum().backward()).toThrow(
      /op 'halves' was defined without a backward rule; give defineMultiOutputOp a backward/,
    );
    expect(noGrad(() => halves.apply([x]))[0].toArray()).toEqual([0.5, 1]);
  });
});

describe('defineMultiOutputOp: misuse is reported with the op’s name', () => {
  const pair = (forward: (x: Tensor) => unknown, backward?: (x: Tensor) => unknown) =>
    defineMultiOutputOp({
      name: 'pair',
      outputs: 2,
      forward: ([x]: [Tensor]) => forward(x) as [Tensor, Tensor],
      backward: ({ inputs: [x] }) => backward!(x) as [Tensor | null],
    });

  it('a forward returning the wrong number or kind of outputs', () => {
    const x = randn([2]);
    const leaf = randn([2], { requiresGrad: true });
    const cases: [(x: Tensor) => unknown, RegExp][] = [
      [(t) => [t.exp()], /pair: forward must return an array of 2 tensors, got 1 tensors/],
      [(t) => t.exp(), /pair: forward must return an array of 2 tensors, got object/],
      [(t) => [t.exp(), 3], /pair: forward must return a Tensor as output 1, got number/],
      [(t) => [t.exp(), t], /pair: forward returned input 0 itself as output 1/],
      [() => [leaf, x.exp()], /pair: forward returned a tensor that requires grad as output 0/],
    ];
    for (const [forward, message] of cases) expect(() => pair(forward).apply([x])).toThrow(message);
    const same = x.exp();
    expect(() => pair(() => [same, same]).apply([x])).toThrow(/forward returned the same tensor as outputs 0 and 1/);
  });

  it('a backward returning the wrong number or kind of gradients', () => {
    const x = randn([2], { requiresGrad: true });
    const run = (backward: (x: Tensor) => unknown) =>
      pair((t) => [t.exp(), t.sin()], backward)
        .apply([x])[0]
        .sum()
        .backward();
    expect(() => run((t) => [t, t])).toThrow(/backward of 'pair': expected an array of 1 gradients .*, got 2/);
    expect(() => run(() => [3])).toThrow(/backward of 'pair': gradient 0 must be a Tensor or null, got number/);
    expect(() => run(() => [randn([3])])).toThrow(/gradient shape \[3\] differs from input 0's \[2\]/);
  });

  it('a bad definition or call', () => {
    const forward = ([x]: [Tensor]): [Tensor] => [x.exp()];
    expect(() => defineMultiOutputOp({ name: 'f', outputs: 0, forward })).toThrow(
      /defineMultiOutputOp 'f': outputs must be a positive integer or a function of \(inputs, attrs\), got 0/,
    );
    // @ts-expect-error: no forward
    expect(() => defineMultiOutputOp({ name: 'f' })).toThrow(/defineMultiOutputOp 'f': forward must be a function/);
    expect(() => defineMultiOutputOp({ name: '', forward })).toThrow(/name must be a non-empty string/);
    const op = defineMultiOutputOp({ name: 'f', forward });
    // @ts-expect-error: inputs are an array
    expect(() => op.apply(randn([2]))).toThrow(/f: inputs must be an array of tensors/);
  });

  it('the outputs, their gradients and the input gradients are typed tuples', () => {
    const [s, c] = sinCosOp.apply([randn([2])]);
    expect(s.shape).toEqual(c.shape);
    // @ts-expect-error: sinCos has two outputs
    expect(sinCosOp.apply([randn([2])])[2]).toBeUndefined();
    defineMultiOutputOp({
      name: 'typed',
      forward: ([a, b]: [Tensor, Tensor]): [Tensor, Tensor] => [a.add(b), a.sub(b)],
      // @ts-expect-error: one gradient for two inputs
      backward: (_ctx, [dp]) => [dp],
    });
    defineMultiOutputOp({
      name: 'typed',
      forward: ([a]: [Tensor]): [Tensor] => [a.exp()],
      // @ts-expect-error: the op has one output, so one output gradient
      backward: ({ inputs: [a] }, [, second]) => [second ?? zerosLike(a)],
    });
  });
});
