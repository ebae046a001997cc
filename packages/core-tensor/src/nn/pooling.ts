import type {
  AdaptiveSize,
  AvgPool2dOptions,
  MaxPool2dOptions,
  MaxUnpool2dOptions,
  Pair,
} from '../functional/index.js';
import { adaptiveAvgPool2d, avgPool2d, maxPool2d, maxUnpool2d } from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { Module } from './module.js';

function describe(kernelSize: Pair, options: object): string {
  const extras = Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return [`kernelSize=${JSON.stringify(kernelSize)}`, ...extras].join(', ');
}

/** MaxPool2d's options: maxPool2d's, with `returnIndices` typed as a literal so `forward`'s result follows it. */
export type MaxPool2dModuleOptions<R extends boolean = false> = Omit<
  MaxPool2dOptions,
  'kernelSize' | 'returnIndices'
> & {
  /** forward returns `{ values, indices }` (the argmax, flat h·W + w per plane) instead of the values. */
  returnIndices?: R;
};

/** Max pooling's values with the argmax of each window (what MaxUnpool2d takes back). */
export interface PooledWithIndices {
  values: Tensor;
  indices: Tensor;
}

/**
 * Max pooling over windows of x [N,C,H,W]: y[i,j] = max of window (i, j) (stride = kernelSize
 * by default). With `returnIndices: true`, forward returns `{ values, indices }` (typed so:
 * `new MaxPool2d(2, { returnIndices: true })` is a `MaxPool2d<true>`); the default returns a
 * Tensor and chains in Sequential.
 */
export class MaxPool2d<R extends boolean = false> extends Module<
  [Tensor],
  R extends true ? PooledWithIndices : Tensor
> {
  constructor(
    readonly kernelSize: Pair,
    readonly options: MaxPool2dModuleOptions<R> = {},
  ) {
    super();
  }

  forward(x: Tensor): R extends true ? PooledWithIndices : Tensor {
    const options = { ...this.options, kernelSize: this.kernelSize };
    const out =
      options.returnIndices === true
        ? maxPool2d(x, { ...options, returnIndices: true })
        : maxPool2d(x, { ...options, returnIndices: false });
    return out as R extends true ? PooledWithIndices : Tensor;
  }

  override extraRepr(): string {
    return describe(this.kernelSize, this.options);
  }
}

/**
 * The partial inverse of MaxPool2d (torch.nn.MaxUnpool2d): forward(x, indices, outputSize?)
 * puts each x[n,c,i,j] back at its argmax indices[n,c,i,j] in a zero map of size
 * H_out = (H − 1)·s − 2·pad + k (or `outputSize`, e.g. the pooled input's shape when pooling
 * dropped a border). Gradient: dy gathered at the indices.
 */
export class MaxUnpool2d extends Module<[x: Tensor, indices: Tensor, outputSize?: readonly number[]], Tensor> {
  constructor(
    readonly kernelSize: Pair,
    readonly options: Omit<MaxUnpool2dOptions, 'kernelSize' | 'outputSize'> = {},
  ) {
    super();
  }

  forward(x: Tensor, indices: Tensor, outputSize?: readonly number[]): Tensor {
    return maxUnpool2d(x, indices, { ...this.options, kernelSize: this.kernelSize, outputSize });
  }

  override extraRepr(): string {
    return describe(this.kernelSize, this.options);
  }
}

/** Average pooling over windows of x [N,C,H,W]: y[i,j] = mean of window (i, j). */
export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: Pair,
    readonly options: Omit<AvgPool2dOptions, 'kernelSize'> = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return avgPool2d(x, { ...this.options, kernelSize: this.kernelSize });
  }

  override extraRepr(): string {
    return describe(this.kernelSize, this.options);
  }
}

/** Average pooling of x [N,C,H,W] to a fixed output size (1 gives global average pooling). */
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: AdaptiveSize) {
    super();
  }

  forward(x: Tensor): Tensor {
    return adaptiveAvgPool2d(x, this.outputSize);
  }

  override extraRepr(): string {
    return `outputSize=${JSON.stringify(this.outputSize)}`;
  }
}
