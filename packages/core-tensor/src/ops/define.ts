import type { OnnxLowering } from '../onnx/lowering.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * What a backward rule sees of the call it differentiates: the inputs (typed as the op's
 * input tuple `I` when it has one), the output and the attributes.
 */
export interface OpContext<A, I extends readonly Tensor[] = readonly Tensor[]> {
  readonly inputs: I;
  readonly output: Tensor;
  readonly attrs: A;
}

/**
 * One primitive op, its whole story in one place: the forward kernel (typed-array code
 * behind a Tensor), the backward rule (written with tensor ops, so it is itself
 * differentiable: double backward for free) and the ONNX lowering. All three are
 * required: an op without a rule does not compile.
 */
export interface OpDef<A> {
  readonly name: string;
  /** Compute the output from the inputs' data. Never records a graph. */
  forward(inputs: readonly Tensor[], attrs: A): Tensor;
  /**
   * Vector–Jacobian product: given dL/dy, return dL/dxᵢ for each input (null where an
   * input is not differentiable, like an index tensor). Shapes must equal the inputs'.
   */
  backward(ctx: OpContext<A>, dy: Tensor): readonly (Tensor | null)[];
  onnx: OnnxLowering<A>;
}

/** Declare a primitive op. */
export function defineOp<A = undefined>(def: OpDef<A>): OpDef<A> {
  return def;
}

/** The backward rule of an op whose output is piecewise constant or discrete (argmax, comparisons). */
export function noGradient(): readonly null[] {
  return [];
}
