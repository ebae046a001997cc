import { apply } from '../autograd/dispatch.js';
import type { DType } from '../dtype.js';
import { allocate, floatOf, isFloat, promoteTypes } from '../dtype.js';
import type { RowLoop } from '../kernels/broadcast.js';
import { addRow, binaryKernel, divRow, expandKernel, mulRow, rowOf, subRow } from '../kernels/broadcast.js';
import { broadcastShapes } from '../shape.js';
import { scalar } from '../tensor/create.js';
import { Tensor } from '../tensor/tensor.js';
import { cast } from './cast.js';
import type { OpDef } from './define.js';
import { defineOp, noGradient } from './define.js';
import { operands } from './operand.js';
import { sumTo } from './sum-to.js';
import { log, neg } from './unary.js';

type Operand = Tensor | number;

const powRow = rowOf(Math.pow);
const maximumRow = rowOf((x, y) => (x > y || Number.isNaN(x) ? x : y));
const minimumRow = rowOf((x, y) => (x < y || Number.isNaN(x) ? x : y));

function compute(name: string, a: Tensor, b: Tensor, outDType: DType, row: RowLoop): Tensor {
  const shape = broadcastShapes(name, a.shape, b.shape);
  const out = allocate(
    outDType,
    shape.reduce((p, d) => p * d, 1),
  );
  binaryKernel(a.data, a.shape, b.data, b.shape, shape, out, row);
  return new Tensor(out, shape);
}

/** Promote both operands to a common dtype (floats for `float` ops) and apply the op. */
function run(op: OpDef<undefined>, a: Operand, b: Operand, float = false): Tensor {
  const [x, y] = operands(a, b);
  let dtype = promoteTypes(x.dtype, y.dtype);
  if (float) dtype = floatOf(dtype);
  return apply(op, [cast(x, dtype), cast(y, dtype)], undefined);
}

/** dL/d(input) of a broadcast op: sum the gradient back down to the input's shape. */
function reduced(g: Tensor, like: Tensor): Tensor | null {
  return isFloat(like.dtype) ? sumTo(g, like.shape) : null;
}

/** a + b; gradients (1, 1) */
export const addOp = defineOp({
  name: 'add',
  forward: ([a, b]) => compute('add', a!, b!, a!.dtype, addRow),
  backward: ({ inputs: [a, b] }, dy) => [reduced(dy, a!), reduced(dy, b!)],
  onnx: (g, [a, b], _x, info) => g.node(info.outputDType === 'bool' ? 'Or' : 'Add', [a!, b!])[0]!,
});
export const add = (a: Operand, b: Operand): Tensor => run(addOp, a, b);

/** a − b; gradients (1, −1) */
export const subOp = defineOp({
  name: 'sub',
  forward: ([a, b]) => compute('sub', a!, b!, a!.dtype, subRow),
  backward: ({ inputs: [a, b] }, dy) => [reduced(dy, a!), b!.requiresGrad ? reduced(neg(dy), b!) : null],
  onnx: (g, [a, b]) => g.node('Sub', [a!, b!])[0]!,
});
export const sub = (a: Operand, b: Operand): Tensor => run(subOp, a, b);

/** a · b; gradients (b, a) */
export const mulOp = defineOp({
  name: 'mul',
  forward: ([a, b]) => compute('mul', a!, b!, a!.dtype, mulRow),
  backward: ({ inputs: [a, b] }, dy) => [
    a!.requiresGrad ? reduced(mul(dy, b!), a!) : null,
    b!.requiresGrad ? reduced(mul(dy, a!), b!) : null,
  ],
  onnx: (g, [a, b], _x, info) => g.node(info.outputDType === 'bool' ? 'And' : 'Mul', [a!, b!])[0]!,
});
export const mul = (a: Operand, b: Operand): Tensor => run(mulOp, a, b);

/** a / b (true division: ints give floats); gradients (1/b, −a/b²) */
export const divOp = defineOp({
  name: 'div',
  forward: ([a, b]) => compute('div', a!, b!, a!.dtype, divRow),
  backward: ({ inputs: [a, b], output }, dy) => [
    a!.requiresGrad ? reduced(div(dy, b!), a!) : null,
    b!.requiresGrad ? reduced(neg(mul(div(dy, b!), output)), b!) : null,
  ],
  onnx: (g, [a, b]) => g.node('Div', [a!, b!])[0]!,
});
export const div = (a: Operand, b: Operand): Tensor => run(divOp, a, b, true);

/** aᵇ; gradients (b·aᵇ⁻¹, aᵇ ln a) */
export const powOp = defineOp({
  name: 'pow',
  forward: ([a, b]) => compute('pow', a!, b!, a!.dtype, powRow),
  backward: ({ inputs: [a, b], output }, dy) => [
    a!.requiresGrad ? reduced(mul(dy, mul(b!, pow(a!, sub(b!, 1)))), a!) : null,
    b!.requiresGrad ? reduced(mul(dy, mul(output, log(a!))), b!) : null,
  ],
  onnx: (g, [a, b]) => g.node('Pow', [a!, b!])[0]!,
});
export function pow(a: Operand, b: Operand): Tensor {
  const [x, y] = operands(a, b);
  // an integer tensor to an integer power stays integral; any float side makes it float
  const dtype = promoteTypes(x.dtype, y.dtype);
  return apply(powOp, [cast(x, dtype), cast(y, dtype)], undefined);
}

/** max(a, b) elementwise; the gradient goes to the larger side (split evenly on ties). */
export const maximumOp = defineOp({
  name: 'maximum',
  forward: ([a, b]) => compute('maximum', a!, b!, a!.dtype, maximumRow),
  backward: ({ inputs: [a, b] }, dy) => {
    const share = add(gt(a!, b!), mul(eq(a!, b!), 0.5)).to(dy.dtype);
    return [reduced(mul(dy, share), a!), reduced(mul(dy, sub(1, share)), b!)];
  },
  onnx: (g, [a, b]) => g.node('Max', [a!, b!])[0]!,
});
export const maximum = (a: Operand, b: Operand): Tensor => run(maximumOp, a, b);

/** min(a, b) elementwise; the gradient goes to the smaller side (split evenly on ties). */
export const minimumOp = defineOp({
  name: 'minimum',
  forward: ([a, b]) => compute('minimum', a!, b!, a!.dtype, minimumRow),
  backward: ({ inputs: [a, b] }, dy) => {
    const share = add(lt(a!, b!), mul(eq(a!, b!), 0.5)).to(dy.dtype);
    return [reduced(mul(dy, share), a!), reduced(mul(dy, sub(1, share)), b!)];
  },
  onnx: (g, [a, b]) => g.node('Min', [a!, b!])[0]!,
});
export const minimum = (a: Operand, b: Operand): Tensor => run(minimumOp, a, b);

function comparison(
  name: string,
  onnxType: string,
  f: (x: number, y: number) => boolean,
  negate = false,
): OpDef<undefined> {
  const row = rowOf((x, y) => +f(x, y));
  return defineOp({
    name,
    forward: ([a, b]) => compute(name, a!, b!, 'bool', row),
    backward: noGradient,
    onnx: (g, [a, b]) => {
      const out = g.node(onnxType, [a!, b!])[0]!;
      return negate ? g.node('Not', [out])[0]! : out;
    },
  });
}

export const eqOp = comparison('eq', 'Equal', (x, y) => x === y);
export const neOp = comparison('ne', 'Equal', (x, y) => x !== y, true);
export const ltOp = comparison('lt', 'Less', (x, y) => x < y);
export const leOp = comparison('le', 'LessOrEqual', (x, y) => x <= y);
export const gtOp = comparison('gt', 'Greater', (x, y) => x > y);
export const geOp = comparison('ge', 'GreaterOrEqual', (x, y) => x >= y);
export const logicalAndOp = comparison('logicalAnd', 'And', (x, y) => x !== 0 && y !== 0);
export const logicalOrOp = comparison('logicalOr', 'Or', (x, y) => x !== 0 || y !== 0);

/** Elementwise comparisons and logic, returning bool tensors. */
export const eq = (a: Operand, b: Operand): Tensor => run(eqOp, a, b);
export const ne = (a: Operand, b: Operand): Tensor => run(neOp, a, b);
export const lt = (a: Operand, b: Operand): Tensor => run(ltOp, a, b);
export const le = (a: Operand, b: Operand): Tensor => run(leOp, a, b);
export const gt = (a: Operand, b: Operand): Tensor => run(gtOp, a, b);
export const ge = (a: Operand, b: Operand): Tensor => run(geOp, a, b);
export const logicalAnd = (a: Operand, b: Operand): Tensor =>
  apply(logicalAndOp, [...operands(a, b).map((t) => cast(t, 'bool'))], undefined);
export const logicalOr = (a: Operand, b: Operand): Tensor =>
  apply(logicalOrOp, [...operands(a, b).map((t) => cast(t, 'bool'))], undefined);

/** where(cond, a, b): a where cond is true, else b (broadcasting all three). */
export const whereOp = defineOp({
  name: 'where',
  forward: ([c, a, b]) => {
    const shape = broadcastShapes('where', broadcastShapes('where', c!.shape, a!.shape), b!.shape);
    const size = shape.reduce((p, d) => p * d, 1);
    const cond = allocate('bool', size);
    expandKernel(c!.data, c!.shape, shape, cond);
    const pickA = allocate(a!.dtype, size);
    expandKernel(a!.data, a!.shape, shape, pickA);
    const out = allocate(a!.dtype, size);
    expandKernel(b!.data, b!.shape, shape, out);
    for (let i = 0; i < size; i++) if (cond[i]) out[i] = pickA[i]!;
    return new Tensor(out, shape);
  },
  backward: ({ inputs: [c, a, b] }, dy) => {
    const zero = new Tensor(allocate(dy.dtype, 1), []);
    return [
      null,
      a!.requiresGrad ? reduced(where(c!, dy, zero), a!) : null,
      b!.requiresGrad ? reduced(where(c!, zero, dy), b!) : null,
    ];
  },
  onnx: (g, [c, a, b]) => g.node('Where', [c!, a!, b!])[0]!,
});
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  const [x, y] = typeof a === 'number' && typeof b === 'number' ? [scalar(a), scalar(b)] : operands(a, b);
  const dtype = promoteTypes(x.dtype, y.dtype);
  return apply(whereOp, [cast(cond, 'bool'), cast(x, dtype), cast(y, dtype)], undefined);
}
