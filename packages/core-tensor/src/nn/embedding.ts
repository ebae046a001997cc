import { noGrad } from '../autograd/mode.js';
import { embedding } from '../functional/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { normal_ } from './init/index.js';
import { Module } from './module.js';
import type { ParameterOptions } from './options.js';
import { emptyParameter, expectInt } from './options.js';

export interface EmbeddingOptions extends ParameterOptions {
  /** This row starts at zero and receives no gradient (a padding token); negative counts from the end. */
  paddingIdx?: number;
}

/**
 * A lookup table y = W[i] for int32 indices i of any shape; W [numEmbeddings,
 * embeddingDim] ~ N(0, 1) as in PyTorch, with the paddingIdx row zero.
 */
export class Embedding extends Module {
  readonly weight: Tensor;
  readonly paddingIdx: number | undefined;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    options: EmbeddingOptions = {},
  ) {
    super();
    expectInt('Embedding', 'numEmbeddings', numEmbeddings);
    expectInt('Embedding', 'embeddingDim', embeddingDim);
    const paddingIdx = options.paddingIdx;
    if (
      paddingIdx !== undefined &&
      !(Number.isInteger(paddingIdx) && paddingIdx >= -numEmbeddings && paddingIdx < numEmbeddings)
    ) {
      throw new RangeError(`Embedding: paddingIdx ${paddingIdx} is out of range for ${numEmbeddings} embeddings`);
    }
    this.paddingIdx = paddingIdx === undefined || paddingIdx >= 0 ? paddingIdx : paddingIdx + numEmbeddings;
    this.weight = this.registerParameter('weight', emptyParameter([numEmbeddings, embeddingDim], options));
    normal_(this.weight, 0, 1, options.generator === undefined ? {} : { generator: options.generator });
    if (this.paddingIdx !== undefined) {
      const row = this.paddingIdx * embeddingDim;
      noGrad(() => {
        this.weight.data.fill(0, row, row + embeddingDim);
        this.weight.versionCounter.value++;
      });
    }
  }

  forward(indices: Tensor): Tensor {
    return embedding(indices, this.weight, this.paddingIdx === undefined ? {} : { paddingIdx: this.paddingIdx });
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx === undefined ? '' : `, paddingIdx=${this.paddingIdx}`}`;
  }
}
