import { defineOp } from '../../src/custom/index.js';
import type { Tensor } from '../../src/index.js';
import { sub, zerosLike } from '../../src/index.js';

/** swish(x) = x·σ(x) as a fused typed-array kernel; swish′ = σ + y·(1 − σ), in tensor ops. */
export const swishOp = defineOp({
  name: 'swish',
  forward: ([x]: [Tensor]) => {
    const y = zerosLike(x);
    const [xs, ys] = [x.data, y.data];
    for (let i = 0; i < xs.length; i++) ys[i] = xs[i]! / (1 + Math.exp(-xs[i]!));
    return y;
  },
  backward: ({ inputs: [x], output: y }, dy) => {
    const s = x.sigmoid();
    return [dy.mul(s.add(y.mul(sub(1, s))))];
  },
  onnx: (g, [x]) => g.node('Mul', [x, g.node('Sigmoid', [x])[0]!])[0]!,
});
export const swish = (x: Tensor): Tensor => swishOp.apply([x]);

/** x·σ(βx) with β an attribute; d/dx = σ(βx) + βx·σ(βx)(1 − σ(βx)). Forward in tensor ops. */
export const swishBetaOp = defineOp({
  name: 'swishBeta',
  forward: ([x]: [Tensor], { beta }: { beta: number }) => x.mul(x.mul(beta).sigmoid()),
  backward: ({ inputs: [x], attrs: { beta } }, dy) => {
    const s = x.mul(beta).sigmoid();
    return [dy.mul(s.add(x.mul(beta).mul(s).mul(sub(1, s))))];
  },
  onnx: (g, [x], { beta }, info) => {
    const scaled = g.node('Mul', [x, g.constant([beta], info.inputDTypes[0]!, [])])[0]!;
    return g.node('Mul', [x, g.node('Sigmoid', [scaled])[0]!])[0]!;
  },
});

/** hypot(a, b) = √(a² + b²); ∂/∂a = a/y, ∂/∂b = b/y, read from the saved output y. */
export const hypotOp = defineOp({
  name: 'hypot',
  forward: ([a, b]: [Tensor, Tensor]) => {
    const y = zerosLike(a);
    for (let i = 0; i < y.size; i++) y.data[i] = Math.hypot(a.data[i]!, b.data[i]!);
    return y;
  },
  backward: ({ inputs: [a, b], output: y }, dy) => [dy.mul(a).div(y), dy.mul(b).div(y)],
  onnx: (g, [a, b]) => g.node('Sqrt', [g.node('Add', [g.node('Mul', [a, a])[0]!, g.node('Mul', [b, b])[0]!])[0]!])[0]!,
});

/** x·k with k an int32 tensor of counts: k gets no gradient (null). */
export const scaleByCountOp = defineOp({
  name: 'scaleByCount',
  forward: ([x, k]: [Tensor, Tensor]) => x.mul(k.float()),
  backward: ({ inputs: [, k] }, dy) => [dy.mul(k.float()), null],
  onnx: (g, [x, k]) => g.node('Mul', [x, g.node('Cast', [k], { to: 1 })[0]!])[0]!,
});
