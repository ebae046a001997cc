import type { OpDef } from '../ops/define.js';
import type { MultiOutputOpDef } from '../ops/define-multi-output.js';
import type { Tensor } from '../tensor/tensor.js';

/** The record autograd keeps for an op's output: how to send gradients to its inputs. */
export type GradNode = OpNode | MultiOutputNode;

/** What every node keeps: the inputs it saved and whether backward freed them. */
export interface NodeRecord {
  inputs: readonly Tensor[];
  readonly attrs: unknown;
  /** Versions of the inputs when the op ran; a mismatch at backward time means an in-place mutation. */
  readonly versions: readonly number[];
  /** Set once backward ran without retainGraph: the saved tensors are gone. */
  released: boolean;
}

/** The node of a single-output op, owned by its output. */
export interface OpNode extends NodeRecord {
  readonly op: OpDef<any>;
}

/**
 * The node of a multi-output op, shared by all its outputs: the sweep runs its backward
 * once, at the last of its outputs it reaches, with every output's gradient.
 */
export interface MultiOutputNode extends NodeRecord {
  readonly op: MultiOutputOpDef<any>;
  readonly outputs: readonly Tensor[];
}
