import { apply } from '../autograd/dispatch.js';
import { noGrad } from '../autograd/mode.js';
import { accelerator } from '../backend/active.js';
import { allocate, floatOf } from '../dtype.js';
import { ShapeError } from '../errors.js';
import type { Reducer } from '../kernels/reduce.js';
import { argReduceKernel, planReduce, reduceKernel } from '../kernels/reduce.js';
import { int64Constant } from '../onnx/lowering.js';
import type { Shape } from '../shape.js';
import { formatShape, normalizeDim, normalizeDims } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';
import { add, div, eq, mul, pow, sub, where } from './binary.js';
import { cast } from './cast.js';
import { defineOp, noGradient } from './define.js';
import { expand, reshape } from './shape.js';
import * as unary from './unary.js';
import { abs, exp, log, sqrt } from './unary.js';

type Dims = number | readonly number[] | undefined;

interface ReduceAttrs {
  dims: readonly number[];
  keepdim: boolean;
}

function keptShape(shape: Shape, dims: readonly number[]): number[] {
  return shape.map((d, i) => (dims.includes(i) ? 1 : d));
}

function outShape(shape: Shape, { dims, keepdim }: ReduceAttrs): number[] {
  return keepdim ? keptShape(shape, dims) : shape.filter((_, i) => !dims.includes(i));
}

function reduceForward(x: Tensor, attrs: ReduceAttrs, reducer: Reducer): Tensor {
  const shape = outShape(x.shape, attrs);
  const dtype = reducer === 'sum' || reducer === 'prod' ? (x.dtype === 'bool' ? 'int32' : x.dtype) : x.dtype;
  const out = allocate(
    dtype,
    shape.reduce((p, d) => p * d, 1),
  );
  if (x.size === 0 && (reducer === 'max' || reducer === 'min')) {
    throw new ShapeError(
      `${reducer === 'max' ? 'amax' : 'amin'}: cannot reduce an empty tensor of shape ${formatShape(x.shape)}`,
    );
  }
  if (!accelerator()?.reduce(x, attrs.dims, reducer, out))
    reduceKernel(x.data, planReduce(x.shape, attrs.dims), reducer, out);
  return new Tensor(out, shape);
}

/** dy of a reduction, reshaped to keep the reduced dims (size 1) and broadcast back to x. */
function spread(dy: Tensor, x: Tensor, dims: readonly number[]): Tensor {
  return expand(reshape(dy, keptShape(x.shape, dims)), x.shape);
}

function reduceOnnx(opType: string) {
  return (g: Parameters<(typeof sumOp)['onnx']>[0], [x]: readonly string[], { dims, keepdim }: ReduceAttrs): string =>
    g.opset >= 18
      ? g.node(opType, [x!, int64Constant(g, dims)], { keepdims: keepdim ? 1 : 0 })[0]!
      : g.node(opType, [x!], { axes: dims, keepdims: keepdim ? 1 : 0 })[0]!;
}

/** Σ over dims; gradient: dy broadcast back. */
export const sumOp = defineOp<ReduceAttrs>({
  name: 'sum',
  forward: ([x], attrs) => reduceForward(x!, attrs, 'sum'),
  backward: ({ inputs: [x], attrs }, dy) => [spread(dy, x!, attrs.dims)],
  onnx: (g, [x], { dims, keepdim }) =>
    g.node('ReduceSum', [x!, int64Constant(g, dims)], { keepdims: keepdim ? 1 : 0 })[0]!,
});

/** max over dims; the gradient goes to the maximal entries (split evenly on ties, like torch.amax). */
export const amaxOp = defineOp<ReduceAttrs>({
  name: 'amax',
  forward: ([x], attrs) => reduceForward(x!, attrs, 'max'),
  backward: ({ inputs: [x], output, attrs }, dy) => [extremumGrad(x!, output, dy, attrs.dims)],
  onnx: reduceOnnx('ReduceMax'),
});

/** min over dims; the gradient goes to the minimal entries (split evenly on ties). */
export const aminOp = defineOp<ReduceAttrs>({
  name: 'amin',
  forward: ([x], attrs) => reduceForward(x!, attrs, 'min'),
  backward: ({ inputs: [x], output, attrs }, dy) => [extremumGrad(x!, output, dy, attrs.dims)],
  onnx: reduceOnnx('ReduceMin'),
});

function extremumGrad(x: Tensor, y: Tensor, dy: Tensor, dims: readonly number[]): Tensor {
  const hit = eq(x, spread(y, x, dims)).to(dy.dtype);
  const count = sum(hit, dims, true);
  return mul(spread(dy, x, dims), div(hit, count));
}

/** Π over dims; ∂/∂xᵢ = Π_{j≠i} xⱼ (computed without dividing, so zeros are handled). */
export const prodOp = defineOp<ReduceAttrs>({
  name: 'prod',
  forward: ([x], attrs) => reduceForward(x!, attrs, 'prod'),
  backward: ({ inputs: [x], attrs }, dy) => [mul(spread(dy, x!, attrs.dims), apply(prodOthersOp, [x!], attrs))],
  onnx: reduceOnnx('ReduceProd'),
});

/**
 * For each element, the product of the others in its reduced slice. Its own derivative
 * is not provided (second derivatives of prod are rarely needed): backward gives none.
 */
export const prodOthersOp = defineOp<ReduceAttrs>({
  name: 'prodOthers',
  forward: ([x], { dims }) => {
    const plan = planReduce(x!.shape, dims);
    const out = allocate(x!.dtype, x!.size);
    const slices = x!.size / plan.reduced;
    const index = (slice: number, r: number): number => {
      const o = Math.floor(slice / plan.inner);
      const i = slice % plan.inner;
      const flat = o * plan.reduced * plan.inner + r * plan.inner + i;
      return plan.gatherOrder === null ? flat : plan.gatherOrder[flat]!;
    };
    for (let s = 0; s < slices; s++) {
      let zeros = 0;
      let nonZeroProduct = 1;
      for (let r = 0; r < plan.reduced; r++) {
        const v = x!.data[index(s, r)]!;
        if (v === 0) zeros++;
        else nonZeroProduct *= v;
      }
      for (let r = 0; r < plan.reduced; r++) {
        const k = index(s, r);
        const v = x!.data[k]!;
        out[k] = zeros === 0 ? nonZeroProduct / v : zeros === 1 && v === 0 ? nonZeroProduct : 0;
      }
    }
    return new Tensor(out, x!.shape);
  },
  backward: noGradient,
  onnx: () => {
    throw new Error('prodOthers is a backward helper and has no ONNX lowering');
  },
});

interface ArgAttrs {
  dim: number | undefined;
  keepdim: boolean;
  wantMax: boolean;
}

/** Index of the max (or min) along a dim, or in the flattened tensor when dim is undefined. int32. */
export const argReduceOp = defineOp<ArgAttrs>({
  name: 'argReduce',
  forward: ([x], { dim, keepdim, wantMax }) => {
    const dims = dim === undefined ? x!.shape.map((_, i) => i) : [dim];
    if (x!.size === 0) throw new ShapeError(`${wantMax ? 'argmax' : 'argmin'}: cannot reduce an empty tensor`);
    const shape = dim === undefined ? (keepdim ? x!.shape.map(() => 1) : []) : outShape(x!.shape, { dims, keepdim });
    const out = new Int32Array(shape.reduce((p, d) => p * d, 1));
    argReduceKernel(x!.data, planReduce(x!.shape, dims), wantMax, out);
    return new Tensor(out, shape);
  },
  backward: noGradient,
  onnx: (g, [x], { dim, keepdim, wantMax }, info) => {
    const flat = dim === undefined ? g.node('Reshape', [x!, int64Constant(g, [-1])])[0]! : x!;
    let idx = g.node(wantMax ? 'ArgMax' : 'ArgMin', [flat], { axis: dim ?? 0, keepdims: keepdim ? 1 : 0 })[0]!;
    if (dim === undefined && keepdim) idx = g.node('Reshape', [idx, int64Constant(g, info.outputShape)])[0]!;
    return g.node('Cast', [idx], { to: 6 })[0]!;
  },
});

export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return apply(sumOp, [x], { dims: normalizeDims('sum', dim, x.ndim), keepdim });
}

/** Arithmetic mean over dims (float result). */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dims = normalizeDims('mean', dim, x.ndim);
  const count = dims.reduce((p, d) => p * x.shape[d]!, 1);
  if (count === 0)
    throw new ShapeError(`mean: cannot average over an empty dimension of shape ${formatShape(x.shape)}`);
  return div(sum(cast(x, floatOf(x.dtype)), dims, keepdim), count);
}

export function prod(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return apply(prodOp, [x], { dims: normalizeDims('prod', dim, x.ndim), keepdim });
}

export function amax(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return apply(amaxOp, [x], { dims: normalizeDims('amax', dim, x.ndim), keepdim });
}

export function amin(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return apply(aminOp, [x], { dims: normalizeDims('amin', dim, x.ndim), keepdim });
}

export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  const d = dim === undefined ? undefined : normalizeDim('argmax', dim, x.ndim);
  return apply(argReduceOp, [x], { dim: d, keepdim, wantMax: true });
}

export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  const d = dim === undefined ? undefined : normalizeDim('argmin', dim, x.ndim);
  return apply(argReduceOp, [x], { dim: d, keepdim, wantMax: false });
}

/** torch.max(x, dim): the values (differentiable) and their indices. */
export function max(x: Tensor, dim: number, keepdim = false): { values: Tensor; indices: Tensor } {
  return { values: amax(x, dim, keepdim), indices: argmax(x, dim, keepdim) };
}

export function min(x: Tensor, dim: number, keepdim = false): { values: Tensor; indices: Tensor } {
  return { values: amin(x, dim, keepdim), indices: argmin(x, dim, keepdim) };
}

/** Variance Σ(x − x̄)² / (N − correction); correction 1 (Bessel) by default, like torch.var. */
export function variance(x: Tensor, dim?: Dims, options: { correction?: number; keepdim?: boolean } = {}): Tensor {
  const dims = normalizeDims('var', dim, x.ndim);
  const xf = cast(x, floatOf(x.dtype));
  const n = dims.reduce((p, d) => p * x.shape[d]!, 1);
  const correction = options.correction ?? 1;
  if (n - correction <= 0)
    throw new ShapeError(`var: ${n} values with correction ${correction} leave no degrees of freedom`);
  const centered = sub(xf, mean(xf, dims, true));
  return div(sum(mul(centered, centered), dims, options.keepdim ?? false), n - correction);
}

export function std(x: Tensor, dim?: Dims, options: { correction?: number; keepdim?: boolean } = {}): Tensor {
  return sqrt(variance(x, dim, options));
}

/** log Σ exp(x), stably: m + log Σ exp(x − m) with m = max x. */
export function logSumExp(x: Tensor, dim: Dims, keepdim = false): Tensor {
  const dims = normalizeDims('logSumExp', dim, x.ndim);
  const xf = cast(x, floatOf(x.dtype));
  const m = noGrad(() => {
    const raw = amax(xf, dims, true);
    return where(unary.isFinite(raw), raw, 0);
  });
  const s = log(sum(exp(sub(xf, m)), dims, true));
  const out = add(s, m);
  return keepdim ? out : reshape(out, outShape(x.shape, { dims, keepdim: false }));
}

/** p-norm (Σ|x|ᵖ)^(1/p) over dims; p = Infinity gives max |x|. */
export function norm(x: Tensor, p = 2, dim?: Dims, keepdim = false): Tensor {
  const xf = cast(x, floatOf(x.dtype));
  if (p === Number.POSITIVE_INFINITY) return amax(abs(xf), dim, keepdim);
  if (p === 2) return sqrt(sum(mul(xf, xf), dim, keepdim));
  if (p === 1) return sum(abs(xf), dim, keepdim);
  if (!(p > 0)) throw new RangeError(`norm: p must be > 0, got ${p}`);
  return pow(sum(pow(abs(xf), p), dim, keepdim), 1 / p);
}
