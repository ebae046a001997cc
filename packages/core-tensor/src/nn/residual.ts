import { add } from '../ops/binary.js';
import type { Tensor } from '../tensor/tensor.js';
import type { TensorModule } from './containers.js';
import { Module } from './module.js';

/**
 * Residual connection (He et al. 2016): h ↦ h + F(h). F is a module (registered as
 * `fn`, so its parameters train) or a plain function of tensors.
 */
export class Residual extends Module {
  readonly fn: TensorModule | ((h: Tensor) => Tensor);

  constructor(fn: TensorModule | ((h: Tensor) => Tensor)) {
    super();
    this.fn = fn instanceof Module ? this.registerModule('fn', fn) : fn;
  }

  forward(h: Tensor): Tensor {
    return add(h, this.fn instanceof Module ? this.fn.call(h) : this.fn(h));
  }
}
