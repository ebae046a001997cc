import { describe, expect, it } from 'vitest';
import { defineOp, noGradient } from '../../src/custom/index.js';
import type { Tensor } from '../../src/index.js';
import {
  AutogradError,
  assertGradcheck,
  manualSeed,
  noGrad,
  randint,
  randn,
  tensor,
  withAnomalyDetection,
  zerosLike,
} from '../../src/index.js';
import { SGD } from '../../src/optim/index.js';
import { hypotOp, scaleByCountOp, swish, swishBetaOp } from './ops.js';

describe('defineOp: values and gradients', () => {
  it('a fused typed-array kernel computes what the composed ops compute', () => {
    manualSeed(0);
    const x = randn([3, 5]).mul(4);
    expect(swish(x)).toBeAllClose(x.silu(), { rtol: 1e-6, atol: 1e-7 });
    expect(swishBetaOp.apply([x], { beta: 2 })).toBeAllClose(x.mul(x.mul(2).sigmoid()), { rtol: 1e-6 });
    const [a, b] = [randn([4]), randn([4])];
    expect(hypotOp.apply([a, b])).toBeAllClose(a.square().add(b.square()).sqrt(), { rtol: 1e-6 });
  });

  it('hand-written backward rules match finite differences (gradcheck)', () => {
    manualSeed(1);
    assertGradcheck(swish, [randn([4, 5]).mul(3)]);
    assertGradcheck((x) => swishBetaOp.apply([x], { beta: 0.7 }), [randn([6])]);
    assertGradcheck((a, b) => hypotOp.apply([a!, b!]), [randn([2, 3]), randn([2, 3])]);
  });

  it('gradcheck catches a wrong backward rule', () => {
    const wrong = defineOp({
      name: 'wrongSquare',
      forward: ([x]: [Tensor]) => x.square(),
      backward: ({ inputs: [x] }, dy) => [dy.mul(x)], // d x²/dx is 2x, not x
    });
    expect(() => assertGradcheck((x) => wrong.apply([x]), [randn([3])])).toThrow(/gradcheck failed/);
  });

  it('an input with a null gradient (an index tensor) gets none, the others do', () => {
    manualSeed(2);
    const x = randn([2, 3], { requiresGrad: true });
    const k = randint(1, 4, [2, 3]);
    scaleByCountOp.apply([x, k]).sum().backward();
    expect(x.grad!).toBeAllClose(k.float());
    expect(k.grad).toBeNull();
  });

  it('trains: gradients reach parameters through the op', () => {
    manualSeed(3);
    const w = tensor([2], { requiresGrad: true });
    const x = randn([32]);
    const target = x.mul(0.5).silu(); // swish(w·x) fits it exactly at w = 0.5
    const optimizer = new SGD([w], { lr: 0.5 });
    for (let step = 0; step < 200; step++) {
      optimizer.zeroGrad();
      swish(x.mul(w)).sub(target).square().mean().backward();
      optimizer.step();
    }
    expect(w.item()).toBeCloseTo(0.5, 3);
  });

  it('records one autograd node: the forward’s own tensor ops are not part of the graph', () => {
    const x = randn([3], { requiresGrad: true });
    const y = swishBetaOp.apply([x], { beta: 1 });
    expect(y.requiresGrad).toBe(true);
    expect(y.gradNode!.op.name).toBe('swishBeta');
    expect(y.gradNode!.inputs).toEqual([x]);
  });

  it('detectAnomaly names the custom op whose forward produced a NaN', () => {
    const logOp = defineOp({
      name: 'myLog',
      forward: ([x]: [Tensor]) => {
        const y = zerosLike(x);
        for (let i = 0; i < y.size; i++) y.data[i] = Math.log(x.data[i]!);
        return y;
      },
      backward: ({ inputs: [x] }, dy) => [dy.div(x)],
    });
    expect(() => withAnomalyDetection(() => logOp.apply([tensor([1, -1])]))).toThrow(
      /forward of 'myLog' produced NaN at flat index 1/,
    );
  });
});

describe('defineOp: non-differentiable ops', () => {
  const halve = defineOp({
    name: 'roundHalf',
    forward: ([x]: [Tensor]) => x.mul(2).round().div(2),
    backward: noGradient,
  });

  it('backward: noGradient makes the output a constant to autograd', () => {
    const x = tensor([0.3, 1.8], { requiresGrad: true });
    const y = halve.apply([x]);
    expect(halve.differentiable).toBe(false);
    expect(y.requiresGrad).toBe(false);
    expect(y.toArray()).toEqual([0.5, 2]);
    expect(() => y.sum().backward()).toThrow(/does not require grad/);
    y.add(x).sum().backward(); // gradients flow through the other path only
    expect(x.grad!.toArray()).toEqual([1, 1]);
  });

  it('an op defined without backward throws on backward, naming the op', () => {
    const forwardOnly = defineOp({ name: 'forwardOnly', forward: ([x]: [Tensor]) => x.exp() });
    expect(forwardOnly.differentiable).toBe(true);
    const x = tensor([1, 2], { requiresGrad: true });
    const y = forwardOnly.apply([x]);
    expect(y.requiresGrad).toBe(true);
    expect(() => y.sum().backward()).toThrow(AutogradError);
    expect(() => forwardOnly.apply([x]).sum().backward()).toThrow(
      /op 'forwardOnly' was defined without a backward rule/,
    );
    expect(noGrad(() => forwardOnly.apply([x])).requiresGrad).toBe(false); // inference is fine
    expect(forwardOnly.apply([x.detach()])).toBeAllClose([Math.E, Math.exp(2)], { rtol: 1e-6 });
  });
});

describe('defineOp: misuse is reported with the op’s name', () => {
  const identity = (backward: (x: Tensor, dy: Tensor) => unknown) =>
    defineOp({
      name: 'ident',
      forward: ([x]: [Tensor]) => x.clone(),
      backward: ({ inputs: [x] }, dy) => backward(x, dy) as [Tensor | null],
    });

  it('a backward returning the wrong number or kind of gradients', () => {
    const x = randn([2], { requiresGrad: true });
    const cases: [(x: Tensor, dy: Tensor) => unknown, RegExp][] = [
      [(_, dy) => [dy, dy], /backward of 'ident': expected an array of 1 gradients .*, got 2 gradients/],
      [() => [], /expected an array of 1 gradients .*, got 0 gradients/],
      [(_, dy) => dy, /expected an array of 1 gradients .*, got object/],
      [() => [3], /backward of 'ident': gradient 0 must be a Tensor or null, got number/],
      [() => [randn([3])], /backward of 'ident': gradient shape \[3\] differs from input 0's \[2\]/],
    ];
    for (const [rule, message] of cases) {
      expect(() => identity(rule).apply([x]).sum().backward()).toThrow(message);
    }
  });

  it('the gradient count is also a compile-time error', () => {
    defineOp({
      name: 'twoInputs',
      forward: ([a, b]: [Tensor, Tensor]) => a.add(b),
      // @ts-expect-error: one gradient for two inputs
      backward: (_, dy) => [dy],
    });
    // @ts-expect-error: swishBeta needs its attributes
    expect(() => swishBetaOp.apply([randn([2])])).toThrow(TypeError);
  });

  it('a forward that returns no tensor, or one of its inputs', () => {
    const x = randn([2]);
    const bad = (forward: (x: Tensor) => unknown) =>
      defineOp({ name: 'bad', forward: ([x]: [Tensor]) => forward(x) as Tensor });
    expect(() => bad(() => 1).apply([x])).toThrow(/bad: forward must return a Tensor, got number/);
    expect(() => bad((t) => t).apply([x])).toThrow(/bad: forward returned input 0 itself/);
    const leaf = randn([2], { requiresGrad: true });
    expect(() => bad(() => leaf).apply([x])).toThrow(/bad: forward returned a tensor that requires grad/);
  });

  it('inputs that are not tensors', () => {
    const op = defineOp({ name: 'twice', forward: ([x]: [Tensor]) => x.mul(2) });
    expect(() => op.apply([2 as unknown as Tensor])).toThrow(/twice: input 0 must be a Tensor, got number/);
    expect(() => op.apply(randn([2]) as unknown as [Tensor])).toThrow(/twice: inputs must be an array of tensors/);
  });

  it('definitions without a name or a forward', () => {
    const forward = ([x]: [Tensor]) => zerosLike(x);
    expect(() => defineOp({ name: '', forward })).toThrow(/defineOp: name must be a non-empty string/);
    expect(() => defineOp({ name: 'f' } as unknown as Parameters<typeof defineOp>[0])).toThrow(
      /defineOp 'f': forward must be a function, got undefined/,
    );
    expect(() => defineOp({ name: 'f', forward, onnx: 'Relu' as never })).toThrow(
      /defineOp 'f': onnx must be a function, got string/,
    );
  });
});
