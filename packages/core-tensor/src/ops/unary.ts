import { apply } from '../autograd/dispatch.js';
import { accelerator } from '../backend/active.js';
import type { Storage } from '../dtype.js';
import { allocate, floatOf, isFloat } from '../dtype.js';
import type { FloatArray } from '../kernels/types.js';
import { Tensor } from '../tensor/tensor.js';
import { add, ge, gt, le, logicalAnd, mul, sub, where } from './binary.js';
import { cast } from './cast.js';
import type { OpDef } from './define.js';
import { defineOp, noGradient } from './define.js';
import { erfScalar } from './erf.js';

/**
 * out = loop(x) in the float dtype of x. Hot ops pass their own loop literal (one
 * function per op, so the JIT inlines the arithmetic); `mapFloat` serves the rest.
 */
function mapFloatLoop(x: Tensor, loop: (src: Storage, out: Storage, n: number) => void): Tensor {
  const out = allocate(floatOf(x.dtype), x.size);
  loop(x.data, out, x.size);
  return new Tensor(out, x.shape);
}

/** out[i] = f(x[i]) in the float dtype of x (ints and bools compute in float32). */
function mapFloat(x: Tensor, f: (v: number) => number): Tensor {
  const src = x.data;
  const out = allocate(floatOf(x.dtype), src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]!);
  return new Tensor(out, x.shape);
}

/** out[i] = pred(x[i]) as a bool tensor. */
function mapBool(x: Tensor, pred: (v: number) => boolean): Tensor {
  const src = x.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = +pred(src[i]!);
  return new Tensor(out, x.shape);
}

function floatInput(x: Tensor): Tensor {
  return isFloat(x.dtype) ? x : cast(x, 'float32');
}

function run(op: OpDef<undefined>, x: Tensor): Tensor {
  return apply(op, [floatInput(x)], undefined);
}

/** −x */
export const negOp = defineOp({
  name: 'neg',
  forward: ([x]) =>
    mapFloatLoop(x!, (src, out, n) => {
      for (let i = 0; i < n; i++) out[i] = -src[i]!;
    }),
  backward: (_, dy) => [neg(dy)],
  onnx: (g, [x]) => g.node('Neg', [x!])[0]!,
});
export const neg = (x: Tensor): Tensor => run(negOp, x);

/** |x|; d|x|/dx = sign(x) */
export const absOp = defineOp({
  name: 'abs',
  forward: ([x]) => mapFloat(x!, Math.abs),
  backward: ({ inputs: [x] }, dy) => [mul(dy, sign(x!))],
  onnx: (g, [x]) => g.node('Abs', [x!])[0]!,
});
export const abs = (x: Tensor): Tensor => run(absOp, x);

/** sign(x) ∈ {−1, 0, 1}; piecewise constant, so no gradient. */
export const signOp = defineOp({
  name: 'sign',
  forward: ([x]) => mapFloat(x!, (v) => (v > 0 ? 1 : v < 0 ? -1 : v)),
  backward: noGradient,
  onnx: (g, [x]) => g.node('Sign', [x!])[0]!,
});
export const sign = (x: Tensor): Tensor => run(signOp, x);

/** eˣ; d eˣ/dx = eˣ */
export const expOp = defineOp({
  name: 'exp',
  forward: ([x]) =>
    mapFloatLoop(x!, (src, out, n) => {
      for (let i = 0; i < n; i++) out[i] = Math.exp(src[i]!);
    }),
  backward: ({ output }, dy) => [mul(dy, output)],
  onnx: (g, [x]) => g.node('Exp', [x!])[0]!,
});
export const exp = (x: Tensor): Tensor => run(expOp, x);

/** ln x; d ln x/dx = 1/x */
export const logOp = defineOp({
  name: 'log',
  forward: ([x]) =>
    mapFloatLoop(x!, (src, out, n) => {
      for (let i = 0; i < n; i++) out[i] = Math.log(src[i]!);
    }),
  backward: ({ inputs: [x] }, dy) => [dy.div(x!)],
  onnx: (g, [x]) => g.node('Log', [x!])[0]!,
});
export const log = (x: Tensor): Tensor => run(logOp, x);

/** ln(1 + x), accurate for small x; derivative 1/(1 + x) */
export const log1pOp = defineOp({
  name: 'log1p',
  forward: ([x]) => mapFloat(x!, Math.log1p),
  backward: ({ inputs: [x] }, dy) => [dy.div(add(x!, 1))],
  onnx: (g, [x], _a, info) => g.node('Log', [g.node('Add', [x!, g.constant([1], info.outputDType, [])])[0]!])[0]!,
});
export const log1p = (x: Tensor): Tensor => run(log1pOp, x);

/** √x; derivative 1/(2√x) */
export const sqrtOp = defineOp({
  name: 'sqrt',
  forward: ([x]) =>
    mapFloatLoop(x!, (src, out, n) => {
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(src[i]!);
    }),
  backward: ({ output }, dy) => [dy.div(mul(output, 2))],
  onnx: (g, [x]) => g.node('Sqrt', [x!])[0]!,
});
export const sqrt = (x: Tensor): Tensor => run(sqrtOp, x);

/** 1/√x; derivative −½ x^(−3/2) = −½ y³ */
export const rsqrtOp = defineOp({
  name: 'rsqrt',
  forward: ([x]) => mapFloat(x!, (v) => 1 / Math.sqrt(v)),
  backward: ({ output }, dy) => [mul(dy, mul(output.pow(3), -0.5))],
  onnx: (g, [x]) => g.node('Reciprocal', [g.node('Sqrt', [x!])[0]!])[0]!,
});
export const rsqrt = (x: Tensor): Tensor => run(rsqrtOp, x);

/** x²; derivative 2x */
export const squareOp = defineOp({
  name: 'square',
  forward: ([x]) =>
    mapFloatLoop(x!, (src, out, n) => {
      for (let i = 0; i < n; i++) out[i] = src[i]! * src[i]!;
    }),
  backward: ({ inputs: [x] }, dy) => [mul(dy, mul(x!, 2))],
  onnx: (g, [x]) => g.node('Mul', [x!, x!])[0]!,
});
export const square = (x: Tensor): Tensor => run(squareOp, x);

/** 1/x; derivative −1/x² = −y² */
export const reciprocalOp = defineOp({
  name: 'reciprocal',
  forward: ([x]) => mapFloat(x!, (v) => 1 / v),
  backward: ({ output }, dy) => [neg(mul(dy, square(output)))],
  onnx: (g, [x]) => g.node('Reciprocal', [x!])[0]!,
});
export const reciprocal = (x: Tensor): Tensor => run(reciprocalOp, x);

/** sin x; derivative cos x */
export const sinOp = defineOp({
  name: 'sin',
  forward: ([x]) => mapFloat(x!, Math.sin),
  backward: ({ inputs: [x] }, dy) => [mul(dy, cos(x!))],
  onnx: (g, [x]) => g.node('Sin', [x!])[0]!,
});
export const sin = (x: Tensor): Tensor => run(sinOp, x);

/** cos x; derivative −sin x */
export const cosOp = defineOp({
  name: 'cos',
  forward: ([x]) => mapFloat(x!, Math.cos),
  backward: ({ inputs: [x] }, dy) => [neg(mul(dy, sin(x!)))],
  onnx: (g, [x]) => g.node('Cos', [x!])[0]!,
});
export const cos = (x: Tensor): Tensor => run(cosOp, x);

/** tanh x; derivative 1 − tanh²x */
export const tanhOp = defineOp({
  name: 'tanh',
  forward: ([x]) =>
    mapFloatLoop(x!, (src, out, n) => {
      for (let i = 0; i < n; i++) out[i] = Math.tanh(src[i]!);
    }),
  backward: ({ output }, dy) => [mul(dy, sub(1, square(output)))],
  onnx: (g, [x]) => g.node('Tanh', [x!])[0]!,
});
export const tanh = (x: Tensor): Tensor => run(tanhOp, x);

/** σ(x) = 1/(1 + e⁻ˣ); derivative σ(1 − σ) */
export const sigmoidOp = defineOp({
  name: 'sigmoid',
  forward: ([x]) =>
    mapFloatLoop(x!, (src, out, n) => {
      for (let i = 0; i < n; i++) {
        const v = src[i]!;
        out[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
      }
    }),
  backward: ({ output }, dy) => [mul(dy, mul(output, sub(1, output)))],
  onnx: (g, [x]) => g.node('Sigmoid', [x!])[0]!,
});
export const sigmoid = (x: Tensor): Tensor => run(sigmoidOp, x);

/** max(0, x); derivative 1 where x > 0 */
export const reluOp = defineOp({
  name: 'relu',
  forward: ([x]) =>
    mapFloatLoop(x!, (src, out, n) => {
      if (accelerator()?.relu(x!, out as FloatArray)) return;
      // v·[v > 0] + 0 has no data-dependent branch (a ternary on random signs mispredicts
      // half the time, ~3× slower); + 0 turns −0 into +0 (PyTorch and ONNX Runtime keep −0:
      // equal, only the sign of zero differs), and the rare NaN from −∞·0 is fixed by a branch
      // that is almost never taken. NaN stays NaN, as in PyTorch.
      for (let i = 0; i < n; i++) {
        const v = src[i]!;
        const y = v * +(v > 0) + 0;
        out[i] = Number.isNaN(y) && v === Number.NEGATIVE_INFINITY ? 0 : y;
      }
    }),
  backward: ({ inputs: [x] }, dy) => [apply(reluBackwardOp, [dy, x!], undefined)],
  onnx: (g, [x]) => g.node('Relu', [x!])[0]!,
});
export const relu = (x: Tensor): Tensor => run(reluOp, x);

/**
 * ReLU's vector–Jacobian product in one pass: dy · 1[x > 0]. Linear in dy (its own
 * gradient is itself); piecewise constant in x (no gradient there).
 */
export const reluBackwardOp: OpDef<undefined> = defineOp({
  name: 'reluBackward',
  forward: ([dy, x]) => {
    const g = dy!.data;
    const src = x!.data;
    const out = allocate(dy!.dtype, g.length);
    if (accelerator()?.reluBackward(dy!, x!, out as FloatArray)) return new Tensor(out, dy!.shape);
    // branch-free like relu's forward. PyTorch's rule: 0 where x ≤ 0 (even for an infinite or
    // NaN dy), dy elsewhere (also where x is NaN)
    for (let i = 0; i < g.length; i++) {
      const passes = !(src[i]! <= 0);
      const d = g[i]! * +passes + 0;
      out[i] = Number.isNaN(d) && !passes ? 0 : d;
    }
    return new Tensor(out, dy!.shape);
  },
  backward: ({ inputs: [, x] }, ddy) => [apply(reluBackwardOp, [ddy, x!], undefined), null],
  onnx: (g, [dy, x], _a, info) => {
    const zero = g.constant([0], info.inputDTypes[1]!, []);
    const blocked = g.node('LessOrEqual', [x!, zero])[0]!;
    return g.node('Where', [blocked, g.constant([0], info.outputDType, []), dy!])[0]!;
  },
});

/** x if x > 0 else αx */
export const leakyReluOp = defineOp<{ negativeSlope: number }>({
  name: 'leakyRelu',
  forward: ([x], { negativeSlope }) => mapFloat(x!, (v) => (v > 0 ? v : negativeSlope * v)),
  backward: ({ inputs: [x], attrs }, dy) => [mul(dy, where(gt(x!, 0), 1, attrs.negativeSlope))],
  onnx: (g, [x], { negativeSlope }) => g.node('LeakyRelu', [x!], { alpha: negativeSlope })[0]!,
});
export const leakyRelu = (x: Tensor, negativeSlope = 0.01): Tensor =>
  apply(leakyReluOp, [floatInput(x)], { negativeSlope });

/** x if x > 0 else α(eˣ − 1); derivative 1 or y + α */
export const eluOp = defineOp<{ alpha: number }>({
  name: 'elu',
  forward: ([x], { alpha }) => mapFloat(x!, (v) => (v > 0 ? v : alpha * Math.expm1(v))),
  backward: ({ inputs: [x], output, attrs }, dy) => [mul(dy, where(gt(x!, 0), 1, add(output, attrs.alpha)))],
  onnx: (g, [x], { alpha }) => g.node('Elu', [x!], { alpha })[0]!,
});
export const elu = (x: Tensor, alpha = 1): Tensor => apply(eluOp, [floatInput(x)], { alpha });

/** erf x; derivative (2/√π) e^(−x²) */
export const erfOp = defineOp({
  name: 'erf',
  forward: ([x]) => mapFloat(x!, erfScalar),
  backward: ({ inputs: [x] }, dy) => [mul(dy, mul(exp(neg(square(x!))), 2 / Math.sqrt(Math.PI)))],
  onnx: (g, [x]) => g.node('Erf', [x!])[0]!,
});
export const erf = (x: Tensor): Tensor => run(erfOp, x);

/** softplus(x) = (1/β) ln(1 + e^(βx)), computed stably; derivative σ(βx) */
export const softplusOp = defineOp<{ beta: number }>({
  name: 'softplus',
  forward: ([x], { beta }) =>
    mapFloat(x!, (v) => (Math.max(beta * v, 0) + Math.log1p(Math.exp(-Math.abs(beta * v)))) / beta),
  backward: ({ inputs: [x], attrs }, dy) => [mul(dy, sigmoid(mul(x!, attrs.beta)))],
  onnx: (g, [x], { beta }, info) => {
    if (beta === 1) return g.node('Softplus', [x!])[0]!;
    const b = g.constant([beta], info.outputDType, []);
    return g.node('Div', [g.node('Softplus', [g.node('Mul', [x!, b])[0]!])[0]!, b])[0]!;
  },
});
export const softplus = (x: Tensor, beta = 1): Tensor => apply(softplusOp, [floatInput(x)], { beta });

/** GELU(x) = x Φ(x) = ½x(1 + erf(x/√2)); 'tanh' uses ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  const xf = floatInput(x);
  if (approximate === 'tanh') {
    const inner = mul(add(xf, mul(xf.pow(3), 0.044715)), Math.sqrt(2 / Math.PI));
    return mul(mul(xf, 0.5), add(tanh(inner), 1));
  }
  return mul(mul(xf, 0.5), add(erf(mul(xf, Math.SQRT1_2)), 1));
}

/** SiLU / Swish: x·σ(x) */
export function silu(x: Tensor): Tensor {
  const xf = floatInput(x);
  return mul(xf, sigmoid(xf));
}

/** ⌊x⌋, ⌈x⌉, round half to even (as torch.round): piecewise constant, no gradient. */
export const floorOp = defineOp({
  name: 'floor',
  forward: ([x]) => (isFloat(x!.dtype) ? mapFloat(x!, Math.floor) : x!),
  backward: noGradient,
  onnx: (g, [x]) => g.node('Floor', [x!])[0]!,
});
export const floor = (x: Tensor): Tensor => (isFloat(x.dtype) ? apply(floorOp, [x], undefined) : x);
export const ceilOp = defineOp({
  name: 'ceil',
  forward: ([x]) => mapFloat(x!, Math.ceil),
  backward: noGradient,
  onnx: (g, [x]) => g.node('Ceil', [x!])[0]!,
});
export const ceil = (x: Tensor): Tensor => (isFloat(x.dtype) ? apply(ceilOp, [x], undefined) : x);
export const roundOp = defineOp({
  name: 'round',
  forward: ([x]) => mapFloat(x!, roundHalfEven),
  backward: noGradient,
  onnx: (g, [x]) => g.node('Round', [x!])[0]!,
});
export const round = (x: Tensor): Tensor => (isFloat(x.dtype) ? apply(roundOp, [x], undefined) : x);

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** min(max(x, lo), hi); gradient 1 inside [lo, hi]. */
export const clampOp = defineOp<{ min: number; max: number }>({
  name: 'clamp',
  forward: ([x], { min, max }) => {
    const src = x!.data;
    const out = allocate(x!.dtype, src.length);
    for (let i = 0; i < src.length; i++) {
      const v = src[i]!;
      out[i] = v < min ? min : Math.min(v, max);
    }
    return new Tensor(out, x!.shape);
  },
  backward: ({ inputs: [x], attrs }, dy) => [mul(dy, logicalAnd(ge(x!, attrs.min), le(x!, attrs.max)))],
  onnx: (g, [x], { min, max }, info) => {
    const lo = Number.isFinite(min) ? g.constant([min], info.outputDType, []) : '';
    const hi = Number.isFinite(max) ? g.constant([max], info.outputDType, []) : '';
    return g.node('Clip', hi ? [x!, lo, hi] : lo ? [x!, lo] : [x!])[0]!;
  },
});
export function clamp(x: Tensor, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): Tensor {
  if (min > max) throw new RangeError(`clamp: min ${min} is greater than max ${max}`);
  return apply(clampOp, [x], { min, max });
}

/** Elementwise predicates (bool output, no gradient). */
export const isNaNOp = defineOp({
  name: 'isNaN',
  forward: ([x]) => mapBool(x!, Number.isNaN),
  backward: noGradient,
  onnx: (g, [x]) => g.node('IsNaN', [x!])[0]!,
});
// biome-ignore lint/suspicious/noShadowRestrictedNames: torch.isnan's name; import it qualified (T.isNaN) to keep the global
export const isNaN = (x: Tensor): Tensor => apply(isNaNOp, [x], undefined);
export const isFiniteOp = defineOp({
  name: 'isFinite',
  forward: ([x]) => mapBool(x!, Number.isFinite),
  backward: noGradient,
  onnx: (g, [x]) => g.node('Not', [g.node('Or', [g.node('IsNaN', [x!])[0]!, g.node('IsInf', [x!])[0]!])[0]!])[0]!,
});
// biome-ignore lint/suspicious/noShadowRestrictedNames: torch.isfinite's name; import it qualified (T.isFinite) to keep the global
export const isFinite = (x: Tensor): Tensor => apply(isFiniteOp, [x], undefined);
export const logicalNotOp = defineOp({
  name: 'logicalNot',
  forward: ([x]) => mapBool(x!, (v) => v === 0),
  backward: noGradient,
  onnx: (g, [x], _a, info) =>
    g.node('Not', [info.inputDTypes[0] === 'bool' ? x! : g.node('Cast', [x!], { to: 9 })[0]!])[0]!,
});
export const logicalNot = (x: Tensor): Tensor => apply(logicalNotOp, [x], undefined);
