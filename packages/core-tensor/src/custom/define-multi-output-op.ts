import { applyMultiOutput } from '../autograd/dispatch.js';
import { noGrad } from '../autograd/mode.js';
import type { OnnxGraphBuilder } from '../onnx/lowering.js';
import { noGradient } from '../ops/define.js';
import type { MultiOutputOpDef, OnnxMultiOutputOpInfo } from '../ops/define-multi-output.js';
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
import type { AttrsArgument, InputGrads, InputNames } from './define-op.js';

/** One gradient per output: dL/dyⱼ (shaped like yⱼ), or null where yⱼ got none — read it as zeros. */
export type OutputGrads<O extends readonly Tensor[]> = { readonly [K in keyof O]: Tensor | null };

/** What the backward rule of a multi-output op sees of the call: inputs, outputs and attributes. */
export interface MultiOutputOpContext<
  A,
  I extends readonly Tensor[] = readonly Tensor[],
  O extends readonly Tensor[] = readonly Tensor[],
> {
  readonly inputs: I;
  readonly outputs: O;
  readonly attrs: A;
}

/**
 * A user-defined op with several outputs (y₁, …, yₘ) = f(x₁, …, xₙ; attrs) — PyTorch's
 * `torch.autograd.Function` returning a tuple. Its outputs share one autograd node: the
 * backward rule runs once per call, after every output's gradient is complete, with all
 * of them. `I` and `O` are the input and output tuples (annotate forward's parameter and
 * return type, `([x]: [Tensor]): [Tensor, Tensor] =>`, to get them typed), `A` the
 * attributes (plain data).
 */
export interface CustomMultiOutputOpDef<I extends readonly Tensor[], O extends readonly Tensor[], A> {
  /** Names the op in errors, anomaly reports and export failures. */
  readonly name: string;
  /**
   * How many outputs a call returns, fixed or from the call; checked against what forward
   * and onnx return. Omitted: whatever forward returns.
   */
  readonly outputs?: number | ((inputs: I, attrs: A) => number);
  /**
   * (y₁, …, yₘ) = f(inputs; attrs), each a new tensor. Runs with autograd and the ONNX
   * tracer off (a kernel: it may read `x.data`); it must not mutate its inputs. Outputs that
   * only carry what backward needs (saved activations) are fine: nothing reads their
   * gradient unless a caller uses them.
   */
  forward(inputs: I, attrs: A): O;
  /**
   * The vector–Jacobian product of all outputs at once: given dys = (∂L/∂y₁, …, ∂L/∂yₘ), null
   * for an output that got no gradient, return ∂L/∂xᵢ = Σⱼ (∂yⱼ/∂xᵢ)ᵀ·dyⱼ for every input
   * (null where an input gets none). Runs once per call. Written with tensor ops, it is
   * itself differentiable. Omitted: backward through the op throws an AutogradError naming
   * it. `noGradient`: the op is non-differentiable, its outputs constants to autograd.
   */
  backward?: ((ctx: MultiOutputOpContext<A, I, O>, dys: OutputGrads<O>) => InputGrads<I>) | typeof noGradient;
  /**
   * Emit ONNX nodes computing every output from the inputs' value names (`g.node(opType,
   * inputs, attributes, outputCount)` returns the node's output names); return one value
   * name per output, in order. Omitted: exporting a function that uses the op throws a
   * TraceError naming it.
   */
  onnx?: (g: OnnxGraphBuilder, inputs: InputNames<I>, attrs: A, info: OnnxMultiOutputOpInfo) => readonly string[];
}

/** A defined multi-output op: `op.apply([x₁, …, xₙ], attrs)` returns its outputs. */
export interface CustomMultiOutputOp<I extends readonly Tensor[], O extends readonly Tensor[], A> {
  readonly name: string;
  /** False when the op was defined with `backward: noGradient`: its outputs never require grad. */
  readonly differentiable: boolean;
  /**
   * (y₁, …, yₘ) = f(inputs; attrs), recorded as one autograd node when an input requires
   * grad (its floating outputs require grad), and for `exportOnnx` while tracing.
   */
  apply(inputs: I, ...attrs: AttrsArgument<A>): O;
}

/**
 * Define a differentiable op with several outputs from a forward kernel, the backward rule
 * of all its outputs together and its ONNX lowering (`backward`, `onnx` and `outputs` may
 * be omitted; see {@link CustomMultiOutputOpDef}). It joins autograd, `gradcheck`,
 * `detectAnomaly`, `exportOnnx` and `compileValueAndGrad` like a built-in op.
 *
 * @example
 * // (x + y, x·y) with ∂/∂x = ds + dp·y, ∂/∂y = ds + dp·x
 * const sumProduct = defineMultiOutputOp({
 *   name: 'sumProduct',
 *   outputs: 2,
 *   forward: ([x, y]: [Tensor, Tensor]): [Tensor, Tensor] => [x.add(y), x.mul(y)],
 *   backward: ({ inputs: [x, y] }, [ds, dp]) => {
 *     const [s, p] = [ds ?? zerosLike(x), dp ?? zerosLike(x)];
 *     return [s.add(p.mul(y)), s.add(p.mul(x))];
 *   },
 *   onnx: (g, [x, y]) => [g.node('Add', [x, y])[0]!, g.node('Mul', [x, y])[0]!],
 * });
 * const [s, p] = sumProduct.apply([a, b]);
 */
export function defineMultiOutputOp<
  I extends readonly Tensor[] = readonly Tensor[],
  O extends readonly Tensor[] = Tensor[],
  A = undefined,
>(def: CustomMultiOutputOpDef<I, O, A>): CustomMultiOutputOp<I, O, A> {
  const name = checkDefinition('defineMultiOutputOp', def);
  const { outputs } = def;
  if (!(outputs === undefined || typeof outputs === 'function' || (Number.isInteger(outputs) && outputs > 0)))
    throw new TypeError(
      `defineMultiOutputOp '${name}': outputs must be a positive integer or a function of (inputs, attrs), got ${String(outputs)}`,
    );
  const count = (inputs: I, attrs: A): number | undefined =>
    typeof outputs === 'function' ? outputs(inputs, attrs) : outputs;
  const op: MultiOutputOpDef<A> = {
    name,
    forward: (inputs, attrs) => runForward(def, inputs as unknown as I, attrs, count(inputs as unknown as I, attrs)),
    backward: (ctx, dys) => runBackward(def, ctx as unknown as MultiOutputOpContext<A, I, O>, dys),
    onnx: (g, inputs, attrs, info) => lower(def, g, inputs as unknown as InputNames<I>, attrs, info),
  };
  const differentiable = def.backward !== noGradient;
  return {
    name,
    differentiable,
    apply: (inputs, ...rest) => {
      checkInputs(name, inputs);
      const attrs = rest[0] as A;
      const run = () => applyMultiOutput(op, inputs, attrs) as unknown as O;
      return differentiable ? run() : noGrad(run);
    },
  };
}

/** Run the user's forward isolated from autograd and the tracer; check it returned `count` new, distinct tensors. */
function runForward<I extends readonly Tensor[], O extends readonly Tensor[], A>(
  def: CustomMultiOutputOpDef<I, O, A>,
  inputs: I,
  attrs: A,
  count: number | undefined,
): Tensor[] {
  const outputs: unknown = isolated(() => def.forward(inputs, attrs));
  if (!Array.isArray(outputs) || (count !== undefined && outputs.length !== count)) {
    const got = Array.isArray(outputs) ? `${outputs.length} tensors` : typeof outputs;
    throw new TypeError(
      `${def.name}: forward must return an array of ${count === undefined ? '' : `${count} `}tensors, got ${got}`,
    );
  }
  return outputs.map((y: unknown, j) => {
    const t = checkNewTensor(def.name, inputs, y, j);
    const first = outputs.indexOf(t);
    if (first !== j)
      throw new TypeError(
        `${def.name}: forward returned the same tensor as outputs ${first} and ${j}; return distinct tensors`,
      );
    return t;
  });
}

function runBackward<I extends readonly Tensor[], O extends readonly Tensor[], A>(
  def: CustomMultiOutputOpDef<I, O, A>,
  ctx: MultiOutputOpContext<A, I, O>,
  dys: readonly (Tensor | null)[],
): readonly (Tensor | null)[] {
  const rule = def.backward;
  if (rule === undefined) throw missingBackward('defineMultiOutputOp', def.name);
  return checkInputGrads(def.name, rule(ctx, dys as unknown as OutputGrads<O>), ctx.inputs.length);
}

function lower<I extends readonly Tensor[], O extends readonly Tensor[], A>(
  def: CustomMultiOutputOpDef<I, O, A>,
  g: OnnxGraphBuilder,
  inputs: InputNames<I>,
  attrs: A,
  info: OnnxMultiOutputOpInfo,
): string[] {
  if (def.onnx === undefined) throw missingLowering('defineMultiOutputOp', 'onnx(g, inputs, attrs)');
  const names: unknown = def.onnx(g, inputs, attrs, info);
  const count = info.outputShapes.length;
  if (!Array.isArray(names) || names.length !== count || names.some((n) => typeof n !== 'string')) {
    const got = Array.isArray(names) ? `an array of ${names.length}` : typeof names;
    throw new Error(
      `its onnx lowering returned ${got} instead of ${count} value names, one per output (g.node returns an array of names)`,
    );
  }
  return names as string[];
}
