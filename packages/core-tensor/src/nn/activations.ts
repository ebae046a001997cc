import { logSoftmax, softmax } from '../ops/softmax.js';
import { elu, gelu, leakyRelu, relu, sigmoid, silu, tanh } from '../ops/unary.js';
import type { Tensor } from '../tensor/tensor.js';
import { Module } from './module.js';

/** ReLU(x) = max(0, x). */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

/** LeakyReLU(x) = x for x > 0, a·x otherwise (a = negativeSlope, default 0.01). */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }

  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }

  override extraRepr(): string {
    return `negativeSlope=${this.negativeSlope}`;
  }
}

/** ELU(x) = x for x > 0, α(eˣ − 1) otherwise (default α = 1). */
export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }

  override extraRepr(): string {
    return `alpha=${this.alpha}`;
  }
}

/** GELU(x) = x·Φ(x) (or its tanh approximation with approximate = 'tanh'). */
export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super();
  }

  forward(x: Tensor): Tensor {
    return gelu(x, this.approximate);
  }

  override extraRepr(): string {
    return this.approximate === 'none' ? '' : `approximate=${this.approximate}`;
  }
}

/** SiLU(x) = Swish(x) = x·σ(x). */
export class SiLU extends Module {
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}

/** Swish is SiLU: x·σ(x). */
export { SiLU as Swish };

/** σ(x) = 1 / (1 + e⁻ˣ). */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

/** tanh(x). */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

/** softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ) along `dim`. */
export class Softmax extends Module {
  constructor(readonly dim: number) {
    super();
  }

  forward(x: Tensor): Tensor {
    return softmax(x, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** log softmax(x)ᵢ = xᵢ − log Σⱼ exp(xⱼ) along `dim`. */
export class LogSoftmax extends Module {
  constructor(readonly dim: number) {
    super();
  }

  forward(x: Tensor): Tensor {
    return logSoftmax(x, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
