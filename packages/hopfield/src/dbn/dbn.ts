import { defaultGenerator, noGrad, ShapeError, type Tensor } from '@shinkei/core-tensor';
import { Linear, Sequential, Sigmoid, type TensorModule } from '@shinkei/core-tensor/nn';
import type { GeneratorOption } from '../hopfield/patterns.js';
import type { Matrix } from '../math/matrix.js';
import { hiddenProbabilitiesOf, sampleBernoulli, visibleProbabilitiesOf } from '../rbm/conditionals.js';
import { pushDown, rbmVisibleDistribution } from '../rbm/distribution.js';
import { RBM, type RbmTrainOptions } from '../rbm/rbm.js';
import { checkUnitInterval, float64Tensor, type MatrixLike, matrixTensor, readMatrix } from '../tensors.js';

export interface DbnPretrainOptions {
  /** Training options of every layer's RBM, or one entry per layer. */
  layers?: RbmTrainOptions | readonly RbmTrainOptions[];
  /** Called when layer `index` has finished training. */
  onLayer?: (index: number, rbm: RBM) => void;
}

export interface DbnSampleOptions extends GeneratorOption {
  /** Block-Gibbs steps in the top RBM (default 1000). */
  gibbsSteps?: number;
  /** Return P(v | h₁) at the bottom instead of binary pixels (default false). */
  probabilities?: boolean;
}

/**
 * Deep belief network (Hinton, Osindero & Teh 2006): a stack of RBMs whose top two layers
 * form an undirected RBM and whose lower layers are directed, p(v, h¹, …, hᴸ) =
 * P(v|h¹)·…·P(hᴸ⁻²|hᴸ⁻¹)·p(hᴸ⁻¹, hᴸ). Trained greedily layer by layer (each RBM on the
 * hidden probabilities of the one below), then used as features for a classifier or unrolled
 * into a sigmoid MLP and fine-tuned by backpropagation.
 */
export class DBN {
  readonly rbms: RBM[];

  /**
   * Fresh RBMs for layer sizes [nV, n₁, …, n_L] (weights N(0, 0.01²)), or given RBMs, bottom
   * first, each RBM's visible layer being the hidden layer of the one below.
   */
  constructor(layers: readonly number[] | readonly RBM[], options: GeneratorOption & { weightStd?: number } = {}) {
    if (isRbmList(layers)) {
      if (layers.length === 0) throw new RangeError('DBN: needs at least one RBM');
      layers.forEach((rbm, l) => {
        const below = layers[l - 1];
        if (below && below.nHidden !== rbm.nVisible) {
          throw new ShapeError(
            `DBN: RBM ${l} has ${rbm.nVisible} visible units, RBM ${l - 1} has ${below.nHidden} hidden`,
          );
        }
      });
      this.rbms = [...layers];
      return;
    }
    if (layers.length < 2) throw new RangeError(`DBN: needs at least 2 layer sizes, got [${layers.join(',')}]`);
    this.rbms = layers.slice(1).map((size, l) => new RBM(layers[l]!, size, options));
  }

  /** A DBN over given RBMs, bottom first (the same as `new DBN(rbms)`). */
  static fromRBMs(rbms: readonly RBM[]): DBN {
    return new DBN(rbms);
  }

  /** [nV, n₁, …, n_L]. */
  get layerSizes(): number[] {
    return [this.rbms[0]!.nVisible, ...this.rbms.map((r) => r.nHidden)];
  }

  private input(op: string, data: MatrixLike): Matrix {
    const v = readMatrix(`DBN.${op}`, data, this.rbms[0]!.nVisible);
    checkUnitInterval(`DBN.${op}`, v.data);
    return v;
  }

  /**
   * Greedy layer-wise pretraining: RBM 1 by CD on the data (visible biases started at
   * log(p/(1 − p))), then each RBM l on P(hˡ⁻¹ = 1 | ·) of the layer below. Returns each
   * layer's reconstruction errors per epoch.
   */
  pretrain(data: MatrixLike, options: DbnPretrainOptions = {}): number[][] {
    let input = matrixTensor(this.input('pretrain', data));
    const perLayer = options.layers;
    return this.rbms.map((rbm, l) => {
      const settings = perLayer === undefined ? {} : isOptionList(perLayer) ? (perLayer[l] ?? {}) : perLayer;
      rbm.initVisibleBiases(input);
      const errors = rbm.train(input, settings);
      options.onLayer?.(l, rbm);
      if (l < this.rbms.length - 1) input = rbm.hiddenProbabilities(input);
      return errors;
    });
  }

  /** The deterministic up-pass P(hˡ = 1 | hˡ⁻¹) through `layers` RBMs (all by default): float64 [M, n_l]. */
  transform(data: MatrixLike, layers = this.rbms.length): Tensor {
    let h = this.input('transform', data);
    for (const rbm of this.rbms.slice(0, layers)) h = hiddenProbabilitiesOf(rbm.params, h);
    return matrixTensor(h);
  }

  /** Fantasies: block Gibbs in the top RBM, then one top-down pass hˡ⁻¹ ~ P(hˡ⁻¹ | hˡ): float64 [count, nV]. */
  sample(count: number, options: DbnSampleOptions = {}): Tensor {
    const generator = options.generator ?? defaultGenerator();
    const top = this.rbms[this.rbms.length - 1]!;
    const fantasies = top.sample(count, {
      steps: options.gibbsSteps ?? 1000,
      generator,
      probabilities: this.rbms.length === 1 && options.probabilities === true,
    });
    let layer: Matrix = { data: fantasies.data as Float64Array, rows: count, cols: top.nVisible };
    for (let l = this.rbms.length - 2; l >= 0; l--) {
      const probabilities = visibleProbabilitiesOf(this.rbms[l]!.params, layer);
      layer = l === 0 && options.probabilities ? probabilities : sampleBernoulli(probabilities, generator);
    }
    return matrixTensor(layer);
  }

  /**
   * The DBN's exact marginal p(v) over all 2^nV visible states (every layer ≤ 20 units):
   * the top RBM's marginal over its visible layer, pushed down through the directed
   * conditionals P(hˡ⁻¹ | hˡ) of the layers below.
   */
  visibleDistribution(): Tensor {
    const top = this.rbms[this.rbms.length - 1]!;
    let distribution = rbmVisibleDistribution(top.params);
    for (let l = this.rbms.length - 2; l >= 0; l--) distribution = pushDown(this.rbms[l]!.params, distribution);
    return float64Tensor(distribution, [distribution.length]);
  }

  /**
   * Unroll into a feed-forward net for fine-tuning: Linear(n_{l−1}, n_l) with weight Wₗᵀ and
   * bias cₗ, then Sigmoid, for every layer — so its output is `transform(v)` — followed, when
   * `outputs` is given, by a fresh Linear(n_L, outputs) producing class logits. float32
   * parameters, trainable with core-tensor autograd and optimizers.
   */
  toMLP(outputs?: number, options: GeneratorOption = {}): Sequential {
    const layers: TensorModule[] = [];
    for (const rbm of this.rbms) {
      const linear = new Linear(rbm.nVisible, rbm.nHidden, options);
      const transposed = rbm.transposed();
      noGrad(() => {
        linear.weight.copy_(transposed.params.weights);
        linear.bias?.copy_(rbm.params.hiddenBias);
      });
      layers.push(linear, new Sigmoid());
    }
    if (outputs !== undefined) layers.push(new Linear(this.rbms[this.rbms.length - 1]!.nHidden, outputs, options));
    return new Sequential(...layers);
  }
}

function isRbmList(layers: readonly number[] | readonly RBM[]): layers is readonly RBM[] {
  return layers.length > 0 && layers[0] instanceof RBM;
}

function isOptionList(layers: RbmTrainOptions | readonly RbmTrainOptions[]): layers is readonly RbmTrainOptions[] {
  return Array.isArray(layers);
}
