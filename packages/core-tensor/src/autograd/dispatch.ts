import { isFloat } from '../dtype.js';
import { AutogradError } from '../errors.js';
import type { OpDef } from '../ops/define.js';
import type { MultiOutputOpDef } from '../ops/define-multi-output.js';
import type { Tensor } from '../tensor/tensor.js';
import { isAnomalyDetectionEnabled, isGradEnabled } from './mode.js';

/** Something that watches every op call (the ONNX tracer). */
export interface OpObserver {
  record(op: OpDef<any>, inputs: readonly Tensor[], attrs: unknown, output: Tensor): void;
  /** The same for an op with several outputs. */
  recordMultiOutput(
    op: MultiOutputOpDef<any>,
    inputs: readonly Tensor[],
    attrs: unknown,
    outputs: readonly Tensor[],
  ): void;
  /** Called when code reads a tensor's values into JS (item, toArray): a traced graph cannot follow. */
  read(t: Tensor, how: string): void;
}

let observer: OpObserver | null = null;

/** Install (or remove, with null) the observer of op calls; returns the previous one. */
export function setOpObserver(next: OpObserver | null): OpObserver | null {
  const previous = observer;
  observer = next;
  return previous;
}

/** Tell the observer that `t`'s values were read into plain JS numbers. */
export function notifyRead(t: Tensor, how: string): void {
  if (observer !== null) observer.read(t, how);
}

/** Run a primitive op: compute, then record the autograd node if any input needs a gradient. */
export function apply<A>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  const output = op.forward(inputs, attrs);
  if (isAnomalyDetectionEnabled()) checkFinite(op.name, 'forward', output);
  if (isGradEnabled() && isFloat(output.dtype) && inputs.some((t) => t.requiresGrad)) {
    output.requiresGrad = true;
    output.gradNode = { op, inputs, attrs, versions: inputs.map((t) => t.version), released: false };
  }
  if (observer !== null) observer.record(op, inputs, attrs, output);
  return output;
}

/**
 * Run a primitive op with several outputs: compute them, then give its floating outputs
 * one shared autograd node (its backward runs once, with all their gradients; an integer
 * output, like the indices beside the values of a top-k, gets none) if any input needs a
 * gradient.
 */
export function applyMultiOutput<A>(op: MultiOutputOpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor[] {
  const outputs = op.forward(inputs, attrs);
  if (isAnomalyDetectionEnabled()) for (const output of outputs) checkFinite(op.name, 'forward', output);
  if (isGradEnabled() && outputs.some((t) => isFloat(t.dtype)) && inputs.some((t) => t.requiresGrad)) {
    const node = { op, inputs, attrs, versions: inputs.map((t) => t.version), released: false, outputs };
    for (const output of outputs) {
      if (!isFloat(output.dtype)) continue;
      output.requiresGrad = true;
      output.gradNode = node;
    }
  }
  if (observer !== null) observer.recordMultiOutput(op, inputs, attrs, outputs);
  return outputs;
}

let backwardOf: string | null = null;

/** Run `fn` as the backward rule of `opName`, so anomaly reports name the rule. */
export function inBackwardOf<T>(opName: string, fn: () => T): T {
  const previous = backwardOf;
  backwardOf = opName;
  try {
    return fn();
  } finally {
    backwardOf = previous;
  }
}

/** Throw naming the op if `t` holds a NaN or an infinity. */
export function checkFinite(opName: string, phase: 'forward' | 'backward', t: Tensor): void {
  const data = t.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const where =
        backwardOf !== null && phase === 'forward'
          ? `backward of '${backwardOf}' (in its '${opName}' step)`
          : `${phase} of '${opName}'`;
      throw new AutogradError(
        `detectAnomaly: ${where} produced ${data[i]} at flat index ${i} of an output of shape [${t.shape.join(',')}]`,
      );
    }
  }
}
