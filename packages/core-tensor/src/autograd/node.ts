import type { OpDef } from '../ops/define.js';
import type { Tensor } from '../tensor/tensor.js';

/** The record autograd keeps for an op's output: how to send gradients to its inputs. */
export interface GradNode {
  readonly op: OpDef<any>;
  inputs: readonly Tensor[];
  readonly attrs: unknown;
  /** Versions of the inputs when the op ran; a mismatch at backward time means an in-place mutation. */
  readonly versions: readonly number[];
  /** Set once backward ran without retainGraph: the saved tensors are gone. */
  released: boolean;
}
