import { setOpObserver } from '../autograd/dispatch.js';
import { noGrad } from '../autograd/mode.js';
import { AutogradError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';

/*
 * The checks both custom-op front ends (defineOp, defineMultiOutputOp) make of a
 * definition, a call, a forward's results, a backward's gradients and a missing rule.
 * `api` names the front end in the messages.
 */

/** Check a definition's fields at definition time (plain-JS callers get no type checks); returns the name. */
export function checkDefinition(
  api: string,
  def: { readonly name: unknown; forward: unknown; backward?: unknown; onnx?: unknown },
): string {
  if (typeof def !== 'object' || def === null)
    throw new TypeError(`${api}: expected { name, forward, backward, onnx }, got ${typeof def}`);
  const { name } = def;
  if (typeof name !== 'string' || name === '')
    throw new TypeError(`${api}: name must be a non-empty string, got ${typeof name}`);
  for (const field of ['forward', 'backward', 'onnx'] as const) {
    const value = def[field];
    if (typeof value !== 'function' && !(field !== 'forward' && value === undefined)) {
      throw new TypeError(`${api} '${name}': ${field} must be a function, got ${typeof value}`);
    }
  }
  return name;
}

/** Check that a call's inputs are an array of tensors. */
export function checkInputs(name: string, inputs: readonly unknown[]): void {
  if (!Array.isArray(inputs)) throw new TypeError(`${name}: inputs must be an array of tensors, got ${typeof inputs}`);
  inputs.forEach((x, i) => {
    if (!(x instanceof Tensor)) throw new TypeError(`${name}: input ${i} must be a Tensor, got ${typeof x}`);
  });
}

/** Run a user's forward with autograd and the tracer off: its inner ops are the kernel, not the graph. */
export function isolated<T>(forward: () => T): T {
  const observer = setOpObserver(null);
  try {
    return noGrad(forward);
  } finally {
    setOpObserver(observer);
  }
}

/**
 * Check one tensor a forward returned (`index`: its place among several outputs): a
 * Tensor, not one of the inputs, not requiring grad (it must be new, so the op owns it).
 */
export function checkNewTensor(name: string, inputs: readonly Tensor[], output: unknown, index?: number): Tensor {
  const as = index === undefined ? '' : ` as output ${index}`;
  if (!(output instanceof Tensor))
    throw new TypeError(`${name}: forward must return a Tensor${as}, got ${typeof output}`);
  const aliased = inputs.indexOf(output);
  if (aliased >= 0) {
    throw new TypeError(
      `${name}: forward returned input ${aliased} itself${as}; return a new tensor (x.clone() for an identity)`,
    );
  }
  if (output.requiresGrad) {
    throw new TypeError(
      `${name}: forward returned a tensor that requires grad${as}; return a new tensor computed from the inputs`,
    );
  }
  return output;
}

/** The error of a backward pass reaching an op defined without a backward rule. */
export function missingBackward(api: string, name: string): AutogradError {
  return new AutogradError(
    `backward: op '${name}' was defined without a backward rule; give ${api} a backward, mark the op non-differentiable with backward: noGradient, or call it on inputs that do not require grad`,
  );
}

/** Check what a backward rule returned: one Tensor or null per input. */
export function checkInputGrads(name: string, grads: unknown, count: number): readonly (Tensor | null)[] {
  if (!Array.isArray(grads) || grads.length !== count) {
    const got = Array.isArray(grads) ? `${grads.length} gradients` : typeof grads;
    throw new AutogradError(
      `backward of '${name}': expected an array of ${count} gradients (one Tensor or null per input), got ${got}`,
    );
  }
  grads.forEach((g, i) => {
    if (g !== null && !(g instanceof Tensor)) {
      throw new AutogradError(`backward of '${name}': gradient ${i} must be a Tensor or null, got ${typeof g}`);
    }
  });
  return grads as (Tensor | null)[];
}

/** Why an op without an onnx lowering cannot be exported (the tracer prefixes the op's name). */
export function missingLowering(api: string, signature: string): Error {
  return new Error(
    `it was defined without an onnx lowering; give ${api} an ${signature} that builds it from ONNX nodes`,
  );
}
