import type { ConvPadding, Pair } from '../functional/index.js';
import { conv1d, conv2d, convTranspose2d } from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { resetAffine } from './default-init.js';
import { Module } from './module.js';
import type { ParameterOptions } from './options.js';
import { emptyParameter, expectInt } from './options.js';

export interface Conv2dOptions extends ParameterOptions {
  stride?: Pair;
  /** Zero padding per side, or 'same' (keeps the size; stride 1) or 'valid' (none, the default). */
  padding?: ConvPadding;
  dilation?: Pair;
  /** Split channels into groups convolved separately (groups = inChannels: depthwise). */
  groups?: number;
  /** Learn a per-channel bias (default true). */
  bias?: boolean;
}

function pairOf(layer: string, value: Pair): [number, number] {
  const out: [number, number] = typeof value === 'number' ? [value, value] : [value[0], value[1]];
  for (const v of out) expectInt(layer, 'kernelSize', v);
  return out;
}

function checkChannels(layer: string, inChannels: number, outChannels: number, groups: number): void {
  expectInt(layer, 'inChannels', inChannels);
  expectInt(layer, 'outChannels', outChannels);
  expectInt(layer, 'groups', groups);
  if (inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new RangeError(
      `${layer}: inChannels ${inChannels} and outChannels ${outChannels} must both be divisible by groups ${groups}`,
    );
  }
}

/**
 * 2-D convolution layer over x [N, inChannels, H, W]:
 * y[n,o] = b[o] + Σ_c W[o,c] ⋆ x[n,c], W [outChannels, inChannels/groups, kH, kW].
 * Initialized like PyTorch: W, b ~ U(−1/√fan_in, 1/√fan_in), fan_in = inChannels/groups·kH·kW.
 */
export class Conv2d extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly kernelSize: [number, number];

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    readonly options: Conv2dOptions = {},
  ) {
    super();
    const groups = options.groups ?? 1;
    checkChannels('Conv2d', inChannels, outChannels, groups);
    this.kernelSize = pairOf('Conv2d', kernelSize);
    this.weight = this.registerParameter(
      'weight',
      emptyParameter([outChannels, inChannels / groups, ...this.kernelSize], options),
    );
    this.bias = options.bias === false ? null : this.registerParameter('bias', emptyParameter([outChannels], options));
    resetAffine('Conv2d', this.weight, this.bias, options.generator);
  }

  forward(x: Tensor): Tensor {
    const { stride, padding, dilation, groups } = this.options;
    return conv2d(x, this.weight, this.bias ?? undefined, { stride, padding, dilation, groups });
  }

  override extraRepr(): string {
    return convRepr(this.inChannels, this.outChannels, this.kernelSize, this.options, this.bias !== null);
  }
}

export interface Conv1dOptions extends ParameterOptions {
  stride?: number;
  padding?: number | 'same' | 'valid';
  dilation?: number;
  groups?: number;
  bias?: boolean;
}

/**
 * 1-D convolution layer over x [N, inChannels, L]:
 * y[n,o,i] = b[o] + Σ_{c,p} W[o,c,p]·x[n,c,i·s − pad + p·d], W [outChannels, inChannels/groups, k].
 * Initialized like PyTorch (U(−1/√fan_in, 1/√fan_in)).
 */
export class Conv1d extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    readonly options: Conv1dOptions = {},
  ) {
    super();
    const groups = options.groups ?? 1;
    checkChannels('Conv1d', inChannels, outChannels, groups);
    expectInt('Conv1d', 'kernelSize', kernelSize);
    this.weight = this.registerParameter(
      'weight',
      emptyParameter([outChannels, inChannels / groups, kernelSize], options),
    );
    this.bias = options.bias === false ? null : this.registerParameter('bias', emptyParameter([outChannels], options));
    resetAffine('Conv1d', this.weight, this.bias, options.generator);
  }

  forward(x: Tensor): Tensor {
    const { stride, padding, dilation, groups } = this.options;
    return conv1d(x, this.weight, this.bias ?? undefined, { stride, padding, dilation, groups });
  }

  override extraRepr(): string {
    return convRepr(this.inChannels, this.outChannels, this.kernelSize, this.options, this.bias !== null);
  }
}

export interface ConvTranspose2dOptions extends ParameterOptions {
  stride?: Pair;
  /** The padding of the convolution this layer transposes (trims the output). */
  padding?: Pair;
  /** Extra rows/columns on the bottom/right (< stride or dilation) to reach a chosen output size. */
  outputPadding?: Pair;
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
}

/**
 * Transposed 2-D convolution ("deconvolution", the adjoint of Conv2d) with
 * W [inChannels, outChannels/groups, kH, kW]; the output is
 * H' = (H − 1)·s − 2·pad + d(kH − 1) + outputPadding + 1. Initialized like PyTorch
 * (U(−1/√fan_in, 1/√fan_in) with fan_in = outChannels/groups·kH·kW).
 */
export class ConvTranspose2d extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly kernelSize: [number, number];

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    readonly options: ConvTranspose2dOptions = {},
  ) {
    super();
    const groups = options.groups ?? 1;
    checkChannels('ConvTranspose2d', inChannels, outChannels, groups);
    this.kernelSize = pairOf('ConvTranspose2d', kernelSize);
    this.weight = this.registerParameter(
      'weight',
      emptyParameter([inChannels, outChannels / groups, ...this.kernelSize], options),
    );
    this.bias = options.bias === false ? null : this.registerParameter('bias', emptyParameter([outChannels], options));
    resetAffine('ConvTranspose2d', this.weight, this.bias, options.generator);
  }

  forward(x: Tensor): Tensor {
    const { stride, padding, outputPadding, dilation, groups } = this.options;
    return convTranspose2d(x, this.weight, this.bias ?? undefined, {
      stride,
      padding,
      outputPadding,
      dilation,
      groups,
    });
  }

  override extraRepr(): string {
    return convRepr(this.inChannels, this.outChannels, this.kernelSize, this.options, this.bias !== null);
  }
}

function convRepr(
  inChannels: number,
  outChannels: number,
  kernelSize: number | readonly number[],
  options: object,
  bias: boolean,
): string {
  const extras = Object.entries(options)
    .filter(([key, value]) => key !== 'generator' && key !== 'dtype' && key !== 'bias' && value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return [`${inChannels}, ${outChannels}`, `kernelSize=${JSON.stringify(kernelSize)}`, ...extras, `bias=${bias}`].join(
    ', ',
  );
}
