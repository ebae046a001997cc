import type { DType } from '../dtype.js';
import type { OnnxGraphBuilder } from '../onnx/lowering.js';
import type { Shape } from '../shape.js';
import type { Tensor } from '../tensor/tensor.js';

/** What the backward rule of a multi-output op sees of the call it differentiates. */
export interface MultiOutputOpContext<A> {
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  readonly attrs: A;
}

/** Shapes and dtypes of one multi-output op call, as traced. */
export interface OnnxMultiOutputOpInfo {
  inputShapes: readonly Shape[];
  inputDTypes: readonly DType[];
  outputShapes: readonly Shape[];
  outputDTypes: readonly DType[];
}

/** Lowers one call of a multi-output op to ONNX nodes; returns one value name per output. */
export type OnnxMultiOutputLowering<A> = (
  g: OnnxGraphBuilder,
  inputs: readonly string[],
  attrs: A,
  info: OnnxMultiOutputOpInfo,
) => string[];

/**
 * A primitive op with several outputs (unbind), its forward, backward and ONNX lowering
 * side by side like {@link OpDef}. Its outputs share one autograd node: the backward rule
 * runs once, after every output's gradient is complete, with all of them at once
 * (dL/dy₁, …, dL/dyₙ ↦ dL/dx₁, …), so it can assemble the input gradient in one op
 * instead of one scatter per output.
 */
export interface MultiOutputOpDef<A> {
  readonly name: string;
  /** Compute every output from the inputs' data. Never records a graph. */
  forward(inputs: readonly Tensor[], attrs: A): Tensor[];
  /**
   * Vector–Jacobian product: given dL/dyⱼ for every output (null for an output that got no
   * gradient: treat it as zeros), return dL/dxᵢ for each input (null where an input is not
   * differentiable). Written with tensor ops, so it is itself differentiable.
   */
  backward(ctx: MultiOutputOpContext<A>, dys: readonly (Tensor | null)[]): readonly (Tensor | null)[];
  onnx: OnnxMultiOutputLowering<A>;
}

/** Declare a primitive op with several outputs (run it with `applyMultiOutput`). */
export function defineMultiOutputOp<A = undefined>(def: MultiOutputOpDef<A>): MultiOutputOpDef<A> {
  return def;
}
