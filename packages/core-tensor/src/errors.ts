/** Thrown when shapes do not fit an op: the message names the op, the expected and the given shapes. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/** Thrown when a dtype does not fit an op (float labels to crossEntropy, say). */
export class DTypeError extends Error {
  override name = 'DTypeError';
}

/** Thrown by autograd misuse: backward on a non-scalar without a gradient, mutation of saved tensors, … */
export class AutogradError extends Error {
  override name = 'AutogradError';
}
