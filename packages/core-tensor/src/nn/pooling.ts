import type { AdaptiveSize, AvgPool2dOptions, MaxPool2dOptions, Pair } from '../functional/index.js';
import { adaptiveAvgPool2d, avgPool2d, maxPool2d } from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { Module } from './module.js';

function describe(kernelSize: Pair, options: object): string {
  const extras = Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return [`kernelSize=${JSON.stringify(kernelSize)}`, ...extras].join(', ');
}

/** Max pooling over windows of x [N,C,H,W]: y[i,j] = max of window (i, j) (stride = kernelSize by default). */
export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: Pair,
    readonly options: Omit<MaxPool2dOptions, 'kernelSize' | 'returnIndices'> = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, { ...this.options, kernelSize: this.kernelSize });
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
