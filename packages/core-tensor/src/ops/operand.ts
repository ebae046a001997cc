import type { DType } from '../dtype.js';
import { storageFrom } from '../dtype.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * Turn a plain number into a 0-d tensor that takes the other operand's dtype where it
 * fits (a "weak" scalar, as in PyTorch): 2.5 beside an int32 tensor becomes float32.
 */
export function asTensor(x: Tensor | number, like: Tensor): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== 'number') throw new TypeError(`expected a Tensor or a number, got ${typeof x}`);
  let dtype: DType = like.dtype;
  if ((dtype === 'int32' || dtype === 'bool') && !Number.isInteger(x)) dtype = 'float32';
  else if (dtype === 'bool' && x !== 0 && x !== 1) dtype = 'int32';
  return new Tensor(storageFrom(dtype, [x]), []);
}

/** Both operands as tensors; numbers adopt the other side's dtype. */
export function operands(a: Tensor | number, b: Tensor | number): [Tensor, Tensor] {
  if (a instanceof Tensor) return [a, asTensor(b, a)];
  if (b instanceof Tensor) return [asTensor(a, b), b];
  throw new TypeError('expected at least one Tensor operand, got two numbers');
}
