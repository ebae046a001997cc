import type { Tensor } from '../../tensor/tensor.js';
import type { Nonlinearity } from './fan.js';
import { calculateGain, fans } from './fan.js';
import type { InitOptions } from './fill.js';
import { normal_, uniform_ } from './fill.js';

export interface XavierOptions extends InitOptions {
  /** Scale factor, usually `calculateGain(nonlinearity)` (default 1). */
  gain?: number;
}

/** Glorot & Bengio (2010): W ~ U(−b, b) with b = gain·√(6 / (fan_in + fan_out)), in place. */
export function xavierUniform_(t: Tensor, options: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = fans('xavierUniform_', t);
  const bound = (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -bound, bound, options);
}

/** Glorot & Bengio (2010): W ~ N(0, σ²) with σ = gain·√(2 / (fan_in + fan_out)), in place. */
export function xavierNormal_(t: Tensor, options: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = fans('xavierNormal_', t);
  return normal_(t, 0, (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), options);
}

export interface KaimingOptions extends InitOptions {
  /** Negative slope of the Leaky ReLU that follows (default 0: plain ReLU). */
  a?: number;
  /** Preserve the variance of the forward pass ('fanIn', default) or of the backward pass ('fanOut'). */
  mode?: 'fanIn' | 'fanOut';
  /** Nonlinearity that follows (default 'leakyRelu', which with a = 0 is ReLU's gain √2). */
  nonlinearity?: Nonlinearity;
}

/** The standard deviation σ = gain / √fan of He initialization. */
function kaimingStd(op: string, t: Tensor, options: KaimingOptions): number {
  const { fanIn, fanOut } = fans(op, t);
  const fan = (options.mode ?? 'fanIn') === 'fanIn' ? fanIn : fanOut;
  const gain = calculateGain(options.nonlinearity ?? 'leakyRelu', options.a ?? 0);
  return gain / Math.sqrt(fan);
}

/** He et al. (2015): W ~ U(−b, b) with b = √3·gain/√fan, in place. */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd('kaimingUniform_', t, options);
  return uniform_(t, -bound, bound, options);
}

/** He et al. (2015): W ~ N(0, σ²) with σ = gain/√fan, in place. */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  return normal_(t, 0, kaimingStd('kaimingNormal_', t, options), options);
}
