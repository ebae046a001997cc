import { apply } from '../autograd/dispatch.js';
import { noGrad } from '../autograd/mode.js';
import type { OnnxGraphBuilder, OnnxOpInfo } from '../onnx/lowering.js';
import type { OpContext, OpDef } from '../ops/define.js';
import { noGradient } from '../ops/define.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  checkDefinition,
  checkInputGrads,
  checkInputs,
  checkNewTensor,
  isolated,
  missingBackward,
  missingLowering,
} from './checks.js';

/** One gradient per input: dL/dxᵢ (same shape as xᵢ), or null where xᵢ gets none (an index tensor). */
export type InputGrads<I extends readonly Tensor[]> = { readonly [K in keyof I]: Tensor | null };

/** One ONNX value name per input, in the order of the op's inputs. */
export type InputNames<I extends readonly Tensor[]> = { readonly [K in keyof I]: string };

/** The attributes argument of `apply`: optional when the op takes none (`A` is undefined). */
export type AttrsArgument<A> = undefined extends A ? [attrs?: A] : [attrs: A];

/**
 * A user-defined op, PyTorch's `torch.autograd.Function` / JAX's `custom_vjp` in one
 * object: `forward` computes y = f(x₁, …, xₙ; attrs), `backward` the vector–Jacobian
 * product (dL/dy ↦ dL/dxᵢ), `onnx` the lowering to ONNX nodes. `I` is the tuple of input
 * tensors (annotate forward's parameter, `([x]: [Tensor])`, to get it typed) and `A` the
 * attributes (plain data: numbers, flags, shapes).
 */
export interface CustomOpDef<I extends readonly Tensor[], A> {
  /** Names the op in errors, anomaly reports and export failures. */
  readonly name: string;
  /**
   * y = f(inputs; attrs), returned as a new tensor. Runs with autograd and the ONNX tracer
   * off, so it may read `x.data` and loop over typed arrays (a fused kernel) or use tensor
   * ops; it must not mutate its inputs.
   */
  forward(inputs: I, attrs: A): Tensor;
  /**
   * The vector–Jacobian product: given dy = ∂L/∂y and the call (`ctx.inputs`, `ctx.output`,
   * `ctx.attrs`), return ∂L/∂xᵢ = (∂y/∂xᵢ)ᵀ·dy for every input, null where an input gets no
   * gradient. Write it with tensor ops and it is itself differentiable (double backward,
   * Hessian–vector products). Omitted: backward through the op throws an AutogradError
   * naming it. `noGradient`: the op is non-differentiable, its output a constant to
   * autograd (PyTorch's `mark_non_differentiable`).
   */
  backward?: ((ctx: OpContext<A, I>, dy: Tensor) => InputGrads<I>) | typeof noGradient;
  /**
   * Emit ONNX nodes computing the op from the inputs' value names with `g.node(opType,
   * inputs, attributes)` and `g.constant(values, dtype, shape)`; return the output's value
   * name. Omitted: `exportOnnx` of a function that uses the op throws a TraceError naming it.
   */
  onnx?: (g: OnnxGraphBuilder, inputs: InputNames<I>, attrs: A, info: OnnxOpInfo) => string;
}

/** A defined op: call it with `op.apply([x₁, …, xₙ], attrs)`. */
export interface CustomOp<I extends readonly Tensor[], A> {
  readonly name: string;
  /** False when the op was defined with `backward: noGradient`: its outputs never require grad. */
  readonly differentiable: boolean;
  /** y = f(inputs; attrs), recorded for autograd when an input requires grad, and for `exportOnnx` while tracing. */
  apply(inputs: I, ...attrs: AttrsArgument<A>): Tensor;
}

/**
 * Define a differentiable op from a forward kernel, its backward rule and its ONNX
 * lowering (`backward` and `onnx` may be omitted; see {@link CustomOpDef}). The op joins
 * autograd, `gradcheck`, `detectAnomaly` and `exportOnnx` like a built-in one.
 *
 * @example
 * const swishOp = defineOp({
 *   name: 'swish',
 *   forward: ([x]: [Tensor]) => x.mul(x.sigmoid()),
 *   backward: ({ inputs: [x] }, dy) => [dy.mul(x.sigmoid().mul(x.mul(x.sigmoid().neg().add(1)).add(1)))],
 *   onnx: (g, [x]) => g.node('Mul', [x, g.node('Sigmoid', [x])[0]!])[0]!,
 * });
 * const y = swishOp.apply([x]);
 */
export function defineOp<I extends readonly Tensor[] = readonly Tensor[], A = undefined>(
  def: CustomOpDef<I, A>,
): CustomOp<I, A> {
  const name = checkDefinition('defineOp', def);
  const op: OpDef<A> = {
    name,
    forward: (inputs, attrs) => runForward(def, inputs as unknown as I, attrs),
    backward: (ctx, dy) => runBackward(def, ctx as unknown as OpContext<A, I>, dy),
    onnx: (g, inputs, attrs, info) => lower(def, g, inputs as unknown as InputNames<I>, attrs, info),
  };
  const differentiable = def.backward !== noGradient;
  return {
    name,
    differentiable,
    apply: (inputs, ...rest) => {
      checkInputs(name, inputs);
      const attrs = rest[0] as A;
      return differentiable ? apply(op, inputs, attrs) : noGrad(() => apply(op, inputs, attrs));
    },
  };
}

/** Run the user's forward isolated from autograd and the tracer, and check its output. */
function runForward<I extends readonly Tensor[], A>(def: CustomOpDef<I, A>, inputs: I, attrs: A): Tensor {
  return checkNewTensor(
    def.name,
    inputs,
    isolated(() => def.forward(inputs, attrs)),
  );
}

function runBackward<I extends readonly Tensor[], A>(
  def: CustomOpDef<I, A>,
  ctx: OpContext<A, I>,
  dy: Tensor,
): readonly (Tensor | null)[] {
  const rule = def.backward;
  if (rule === undefined) throw missingBackward('defineOp', def.name);
  return checkInputGrads(def.name, rule(ctx, dy), ctx.inputs.length);
}

function lower<I extends readonly Tensor[], A>(
  def: CustomOpDef<I, A>,
  g: OnnxGraphBuilder,
  inputs: InputNames<I>,
  attrs: A,
  info: OnnxOpInfo,
): string {
  if (def.onnx === undefined) throw missingLowering('defineOp', 'onnx(g, inputs, attrs)');
  const output: unknown = def.onnx(g, inputs, attrs, info);
  if (typeof output !== 'string') {
    throw new Error(
      `its onnx lowering returned ${Array.isArray(output) ? 'an array' : typeof output} instead of the output's value name (g.node returns an array of names: take [0])`,
    );
  }
  return output;
}
