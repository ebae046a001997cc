import { groupNorm, layerNorm } from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { ones_ } from './init/index.js';
import { Module } from './module.js';
import type { ParameterOptions } from './options.js';
import { emptyParameter, expectInt } from './options.js';

export interface LayerNormOptions extends Omit<ParameterOptions, 'generator'> {
  /** ε added to the variance (default 1e-5). */
  eps?: number;
  /** Learn γ (ones) and β (zeros) of the normalized shape (default true). */
  elementwiseAffine?: boolean;
  /** Learn β too (default true; only with elementwiseAffine). */
  bias?: boolean;
}

/**
 * Layer normalization (Ba et al. 2016) over the trailing `normalizedShape` dims of each
 * sample: y = (x − μ)/√(σ² + ε)·γ + β, with γ = 1, β = 0 at the start.
 */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    for (const d of this.normalizedShape) expectInt('LayerNorm', 'normalizedShape', d);
    this.eps = options.eps ?? 1e-5;
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine
      ? this.registerParameter('weight', ones_(emptyParameter(this.normalizedShape, options)))
      : null;
    this.bias =
      affine && options.bias !== false
        ? this.registerParameter('bias', emptyParameter(this.normalizedShape, options))
        : null;
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, this.weight ?? undefined, this.bias ?? undefined, this.eps);
  }

  override extraRepr(): string {
    return `[${this.normalizedShape.join(', ')}], eps=${this.eps}, elementwiseAffine=${this.weight !== null}`;
  }
}

export interface GroupNormOptions extends Omit<ParameterOptions, 'generator'> {
  /** ε added to the variance (default 1e-5). */
  eps?: number;
  /** Learn per-channel γ (ones) and β (zeros) (default true). */
  affine?: boolean;
}

/**
 * Group normalization (Wu & He 2018) of x [N, numChannels, …]: channels split into
 * numGroups groups, each normalized per sample, y = (x − μ_g)/√(σ_g² + ε)·γ_c + β_c.
 */
export class GroupNorm extends Module {
  readonly eps: number;
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;

  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    options: GroupNormOptions = {},
  ) {
    super();
    expectInt('GroupNorm', 'numGroups', numGroups);
    expectInt('GroupNorm', 'numChannels', numChannels);
    if (numChannels % numGroups !== 0)
      throw new RangeError(`GroupNorm: numChannels ${numChannels} must be divisible by numGroups ${numGroups}`);
    this.eps = options.eps ?? 1e-5;
    const affine = options.affine ?? true;
    this.weight = affine ? this.registerParameter('weight', ones_(emptyParameter([numChannels], options))) : null;
    this.bias = affine ? this.registerParameter('bias', emptyParameter([numChannels], options)) : null;
  }

  forward(x: Tensor): Tensor {
    return groupNorm(x, this.numGroups, this.weight ?? undefined, this.bias ?? undefined, this.eps);
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${this.eps}, affine=${this.weight !== null}`;
  }
}
