import { apply } from '../autograd/dispatch.js';
import { AutogradError } from '../errors.js';
import type { OpDef } from '../ops/define.js';
import { defineOp } from '../ops/define.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * The backward rule of a linalg op whose gradient is not written yet (complete QR of a tall
 * matrix, SVD with full matrices): the slot exists, and reaching it says so instead of
 * returning a wrong gradient.
 */
export function notDifferentiableYet(op: string): never {
  throw new AutogradError(
    `${op} is not differentiable yet: its backward rule is not implemented. Call it on a detached input (x.detach()) or inside noGrad() when no gradient is needed.`,
  );
}

/** The ONNX lowering of an op that opset 17 cannot express. */
export function notExportable(op: string, reason: string): never {
  throw new Error(`${op} cannot be exported to ONNX: ${reason}`);
}

/** The attrs of one output of a multi-output decomposition, computed once by the caller. */
interface DecompositionOutput {
  readonly value: Tensor;
}

/**
 * The op that records one output of a forward-only decomposition (Q and R of complete qr, say).
 * The decomposition runs once, in plain typed-array code; each output is then passed
 * through this op so that autograd knows it came from A (its backward rule says the op
 * is not differentiable yet) and the ONNX tracer sees the op (its lowering says why it
 * cannot be exported).
 */
export function decompositionOutputOp(name: string, onnxReason: string): OpDef<DecompositionOutput> {
  return defineOp<DecompositionOutput>({
    name,
    forward: (_inputs, { value }) => value,
    backward: () => notDifferentiableYet(name),
    onnx: () => notExportable(name, onnxReason),
  });
}

/** Record `value`, computed from `input` outside autograd, as an output of the decomposition `op`. */
export function recordOutput(op: OpDef<DecompositionOutput>, input: Tensor, value: Tensor): Tensor {
  return apply(op, [input], { value });
}
